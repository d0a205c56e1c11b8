/**
 * WooCommerce shops as an order source, through REST API v3. A pull walks the orders changed since
 * the last pull, oldest change first, 100 per page. Each page is asked for from the last change
 * time read, not by page number: an order edited while the pull runs moves to the end of the list,
 * and page numbers would then shift every later order up one place and skip the first of the next
 * page.
 */
import { z } from 'zod';
import type { ChannelAdapter, ChannelConnection, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from './provider-http';
import { wooGet } from './woocommerce-http';
import { describeValue, mapWooOrder, WOO_STATUSES } from './woocommerce-order-map';
import { syncWooTracking } from './woocommerce-tracking';

/** WooCommerce's own maximum page size. */
const PER_PAGE = 100;
const PULLED = Object.keys(WOO_STATUSES).filter((s) => WOO_STATUSES[s] === 'pull');
const CANCELLING = Object.keys(WOO_STATUSES).filter((s) => WOO_STATUSES[s] === 'cancelled');
/**
 * How far before the last pull to look again. WooCommerce compares whole seconds and the shop's
 * clock is not ours; an order read twice is harmless (its import is then "unchanged"), one missed
 * is not.
 */
const MODIFIED_AFTER_OVERLAP_MS = 5 * 60_000;

/**
 * Where a pull stands. `after`: the latest change time read (the shop's UTC wall clock, to the
 * second), from which the next page is asked; null while no readable time was read (the first
 * window, from the last pull). `page`: the page within that window, past 1 only when a whole page
 * shared its last change time (a bulk edit), where asking from the same time again would bring the
 * same page forever. `seen`: the ids read in the last page at or a second before `after`, which the
 * next window may bring again.
 */
const CursorSchema = z.object({
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .nullable(),
  page: z.number().int().positive(),
  seen: z.array(z.string()),
});
type WooCursor = z.infer<typeof CursorSchema>;

/** An order of a page as the cursor needs it: its id and its change time, when readable. */
interface ReadOrder {
  id: string | null;
  modified: string | null;
}

/** Tests pass small waits; the app uses the defaults. */
export function createWooCommerceAdapter(options: Partial<HttpRetryOptions> = {}): ChannelAdapter {
  const http: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, ...options };
  return {
    provider: 'woocommerce',

    async pullPage(conn, opts): Promise<PullPage> {
      const at = cursorOf(opts.cursor);
      const query: Record<string, string> = {
        per_page: String(PER_PAGE),
        page: String(at.page),
        orderby: 'modified',
        order: 'asc',
        status: statusesOf(conn, opts.modifiedAfter !== null).join(','),
        dates_are_gmt: 'true',
      };
      // WooCommerce's modified_after is "later than" (exclusive): from a second before the last
      // change read, so orders changed in that same second and not read yet come too. Were it
      // inclusive, the orders of the second before would come again; `seen` drops them.
      const since = at.after !== null ? secondBefore(at.after) : modifiedAfterParam(opts.modifiedAfter);
      if (since !== null) query.modified_after = since;

      const { body, headers, shop } = await wooGet(conn, '/orders', query, http);
      if (!Array.isArray(body)) {
        throw new ChannelError(
          `The shop at ${shop} answered the order list with ${describeValue(body)} instead of a list.`,
          {
            url: shop,
          },
        );
      }
      const seen = new Set(at.seen);
      const result: PullPage = { orders: [], invalid: [], next: null };
      const read: ReadOrder[] = [];
      for (const raw of body) {
        const mapped = mapWooOrder(raw);
        const id = 'order' in mapped ? mapped.order.externalId : mapped.invalid.externalId;
        read.push({ id, modified: modifiedOf(raw) });
        // Read on the page before, at the edge of the window: once is enough (and counted once).
        if (id !== null && seen.has(id)) continue;
        if ('order' in mapped) result.orders.push(mapped.order);
        else result.invalid.push(mapped.invalid);
      }
      const totalPages = headers.get('x-wp-totalpages');
      // Some caches strip WordPress's headers; then a full page means there may be more.
      const more =
        totalPages !== null && /^\d+$/.test(totalPages) ? at.page < Number(totalPages) : body.length === PER_PAGE;
      if (more) result.next = JSON.stringify(nextCursor(at, read));
      return result;
    },

    async testConnection(conn): Promise<void> {
      const { body, shop } = await wooGet(conn, '/orders', { per_page: '1' }, http);
      if (!Array.isArray(body)) {
        throw new ChannelError(
          `The shop at ${shop} answered with ${describeValue(body)} instead of a list of orders.`,
          {
            url: shop,
          },
        );
      }
    },

    syncTracking: (conn, sync) => syncWooTracking(conn, sync, http),
  };
}

export const woocommerceAdapter: ChannelAdapter = createWooCommerceAdapter();

/**
 * A cursor this adapter wrote. Anything else (a page number saved by an older PackDesk in the
 * middle of a pull) starts the walk again from the last pull: reading orders again is harmless.
 */
function cursorOf(cursor: string | null): WooCursor {
  const start: WooCursor = { after: null, page: 1, seen: [] };
  if (cursor === null) return start;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(cursor));
    return parsed.success ? parsed.data : start;
  } catch {
    return start;
  }
}

/**
 * The next window starts at the latest change time on this page (the list is sorted by it). When
 * the page brought none later than the window's own start, all of it shares that second: the next
 * page of the same window, so a bulk edit of thousands of orders in one second still ends.
 */
function nextCursor(at: WooCursor, read: readonly ReadOrder[]): WooCursor {
  let latest: string | null = null;
  for (const { modified } of read) {
    if (modified !== null && (latest === null || modified > latest)) latest = modified;
  }
  const advanced = latest !== null && (at.after === null || latest > at.after);
  const after = advanced ? latest : at.after;
  const edge = after === null ? null : secondBefore(after);
  const seen = read.flatMap(({ id, modified }) =>
    id !== null && edge !== null && modified !== null && modified >= edge ? [id] : [],
  );
  return { after, page: advanced ? 1 : at.page + 1, seen };
}

/** An order's date_modified_gmt, "YYYY-MM-DDTHH:MM:SS" (text order is time order), or null. */
function modifiedOf(raw: unknown): string | null {
  if (!isRecord(raw) || typeof raw.date_modified_gmt !== 'string') return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(raw.date_modified_gmt) ? raw.date_modified_gmt : null;
}

function secondBefore(wallClock: string): string {
  return new Date(Date.parse(`${wallClock}Z`) - 1000).toISOString().slice(0, 19);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `settings.statuses`: a list or a comma separated text of WooCommerce statuses. An incremental
 * pull also asks for the cancelled ones, so an order cancelled after we pulled it is seen leaving
 * (one never pulled before is skipped on import).
 */
function statusesOf(conn: ChannelConnection, incremental: boolean): string[] {
  const setting = conn.settings.statuses;
  const list = Array.isArray(setting) ? setting : typeof setting === 'string' ? setting.split(',') : [];
  const statuses = list.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
  const wanted = statuses.length > 0 ? statuses : PULLED;
  return incremental ? [...new Set([...wanted, ...CANCELLING])] : wanted;
}

/**
 * UTC without a zone suffix, read as UTC thanks to `dates_are_gmt=true`. With a "Z" WordPress
 * would first convert the value to the shop's own time zone and then compare it with the UTC
 * column, missing every order changed within the shop's offset from UTC.
 */
function modifiedAfterParam(modifiedAfter: string | null): string | null {
  if (modifiedAfter === null) return null;
  const ms = Date.parse(modifiedAfter);
  // Pulling everything again is always safe: importing an order twice changes nothing.
  if (Number.isNaN(ms)) return null;
  return new Date(ms - MODIFIED_AFTER_OVERLAP_MS).toISOString().slice(0, 19);
}
