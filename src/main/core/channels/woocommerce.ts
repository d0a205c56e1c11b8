/**
 * WooCommerce shops as an order source, through REST API v3. A pull walks the orders changed since
 * the last pull, oldest change first, 100 per page; the cursor is the next page number.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter, ChannelConnection, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from './provider-http';
import { wooGet } from './woocommerce-http';
import { describeValue, mapWooOrder, WOO_CANCELLED_STATUSES } from './woocommerce-order-map';
import { syncWooTracking } from './woocommerce-tracking';

/** WooCommerce's own maximum page size. */
const PER_PAGE = 100;
/** Paid orders waiting to ship; completed, cancelled and unpaid ones are not the packer's business. */
const DEFAULT_STATUSES = ['processing', 'on-hold'];
/**
 * How far before the last pull to look again. WooCommerce compares whole seconds and the shop's
 * clock is not ours; an order read twice is harmless (its import is then "unchanged"), one missed
 * is not.
 */
const MODIFIED_AFTER_OVERLAP_MS = 5 * 60_000;

/** Tests pass small waits; the app uses the defaults. */
export function createWooCommerceAdapter(options: Partial<HttpRetryOptions> = {}): ChannelAdapter {
  const http: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, ...options };
  return {
    provider: 'woocommerce',

    async pullPage(conn, opts): Promise<PullPage> {
      const page = pageOf(opts.cursor);
      const query: Record<string, string> = {
        per_page: String(PER_PAGE),
        page: String(page),
        orderby: 'modified',
        order: 'asc',
        status: statusesOf(conn, opts.modifiedAfter !== null).join(','),
        dates_are_gmt: 'true',
      };
      const since = modifiedAfterParam(opts.modifiedAfter);
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
      const result: PullPage = { orders: [], invalid: [], next: null };
      for (const raw of body) {
        const mapped = mapWooOrder(raw);
        if ('order' in mapped) result.orders.push(mapped.order);
        else result.invalid.push(mapped.invalid);
      }
      const totalPages = headers.get('x-wp-totalpages');
      // Some caches strip WordPress's headers; then a full page means there may be more.
      const more =
        totalPages !== null && /^\d+$/.test(totalPages) ? page < Number(totalPages) : body.length === PER_PAGE;
      result.next = more ? String(page + 1) : null;
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

function pageOf(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d*$/.test(cursor)) throw new AppError('internal', `"${cursor}" is not a WooCommerce page cursor.`);
  return Number(cursor);
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
  const wanted = statuses.length > 0 ? statuses : DEFAULT_STATUSES;
  return incremental ? [...new Set([...wanted, ...WOO_CANCELLED_STATUSES.filter((s) => s !== 'trash')])] : wanted;
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
