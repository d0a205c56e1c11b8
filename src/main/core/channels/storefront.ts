/**
 * The seed 001 shop as an order source. Its list (`GET /api/orders`, page/pageSize, one `status`
 * a call, newest first) carries no items, so each order's detail is fetched (unless the list
 * already carries `line_items`). The list has no "changed since" filter: a pull walks each status
 * to pull newest first, and an incremental pull fetches the detail only of orders whose
 * `updated_at` is after the last pull and stops a status at the first page where nothing changed
 * and nothing was created in the week before the last pull; it also walks the cancelling statuses
 * that way so a cancellation is seen. Details come from the
 * shop itself or from Shopify through the shop's proxy (§3), as the `detailSource` setting says;
 * an order the chosen source cannot give is taken from the other when it can.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter, ChannelConnection, InvalidOrder, NormalizedOrder, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from './provider-http';
import { shopGet, shopifyOrder, shopRoot, type ShopifyProxy } from './storefront-http';
import { mapStorefrontOrder, shopTimeToIso, STOREFRONT_STATUSES } from './storefront-order-map';

const PAGE_SIZE = 100;
/** Changes this long before the last pull are looked at again: the shop's clock (to the second) may run apart from ours. */
const UPDATED_OVERLAP_MS = 5 * 60_000;
/**
 * An incremental walk of a status reads on through unchanged pages while they hold orders created
 * this long before the last pull: an order paid, cancelled or refunded a few days after it was
 * placed sits below newer unchanged ones, and the list cannot be asked for changes.
 */
const RECENT_MS = 7 * 86_400_000;
/** Details fetched at once: the shop is one small web app; a few in flight are enough. */
const DETAIL_CONCURRENCY = 4;
const PULLED = Object.keys(STOREFRONT_STATUSES).filter((s) => STOREFRONT_STATUSES[s] === 'pull');
const CANCELLING = Object.keys(STOREFRONT_STATUSES).filter((s) => STOREFRONT_STATUSES[s] === 'cancelled');

type Json = Record<string, unknown>;
type Mapped = { order: NormalizedOrder } | { invalid: InvalidOrder };

interface Setup {
  root: string;
  utcOffset: string;
  /** Where items and address come from first. */
  source: 'shop' | 'shopify';
  /** Null when no Shopify token and domain are saved: the proxy cannot be asked. */
  proxy: ShopifyProxy | null;
  http: HttpRetryOptions;
}

export function createStorefrontAdapter(options: Partial<HttpRetryOptions> = {}): ChannelAdapter {
  const http: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, ...options };
  return {
    provider: 'storefront',

    async pullPage(conn, opts): Promise<PullPage> {
      const setup = setupOf(conn, http);
      const statuses = statusesOf(conn, opts.modifiedAfter !== null);
      const { index, page } = cursorOf(opts.cursor);
      const status = statuses[index];
      if (status === undefined) throw new AppError('internal', `"${opts.cursor}" is not a storefront cursor.`);
      const listed = await listPage(setup, { page: String(page), pageSize: String(PAGE_SIZE), status });

      const result: PullPage = { orders: [], invalid: [], next: null };
      const since = opts.modifiedAfter === null ? null : Date.parse(opts.modifiedAfter) - UPDATED_OVERLAP_MS;
      const changed = listed.entries.filter((entry) => {
        if (since === null || !isRecord(entry)) return true;
        const updated = shopTimeToIso(entry.updated_at, setup.utcOffset);
        return updated === null || Date.parse(updated) >= since;
      });
      const mapped = await inPool(changed, DETAIL_CONCURRENCY, (entry) => orderOf(setup, entry));
      for (const m of mapped) {
        if ('order' in m) result.orders.push(m.order);
        else result.invalid.push(m.invalid);
      }
      // On an incremental pull, a page with no change and no recent order ends this status.
      const more = listed.entries.length > 0 && page * listed.pageSize < listed.total;
      const goOn = since === null || changed.length > 0 || oldestCreated(listed.entries, setup) >= since - RECENT_MS;
      if (more && goOn) result.next = `${index}:${page + 1}`;
      else if (index + 1 < statuses.length) result.next = `${index + 1}:1`;
      return result;
    },

    async testConnection(conn): Promise<void> {
      const setup = setupOf(conn, http);
      const listed = await listPage(setup, { page: '1', pageSize: '1' });
      // The proxy is proved on the newest order, when there is one and a token is saved.
      const first = listed.entries[0];
      if (setup.proxy === null || !isRecord(first) || typeof first.id !== 'number') return;
      const detail = await shopGet(setup.root, `/api/orders/${first.id}`, {}, http);
      const shopifyId = detail.ok && isRecord(detail.data) ? text(detail.data.shopify_order_id) : '';
      if (!shopifyId) return;
      if ((await shopifyOrder(setup.root, setup.proxy, shopifyId, http)) === null) {
        throw new ChannelError(
          `Shopify (through the shop's proxy) does not know order ${shopifyId} of the shop's newest order ${first.id}; ` +
            `check the Shopify shop domain "${setup.proxy.shopDomain}".`,
        );
      }
    },
  };
}

export const storefrontAdapter: ChannelAdapter = createStorefrontAdapter();

async function listPage(
  setup: Setup,
  query: Record<string, string>,
): Promise<{ entries: unknown[]; total: number; pageSize: number }> {
  const reply = await shopGet(setup.root, '/api/orders', query, setup.http);
  if (!reply.ok) {
    const details = { url: setup.root, httpStatus: reply.httpStatus };
    if (reply.httpStatus === 404) {
      throw new ChannelError(
        `The shop at ${setup.root} has no order list at /api/orders (404 ${reply.message}); ` +
          'check the address (the part before /api/orders).',
        details,
      );
    }
    throw new ChannelError(`The shop at ${setup.root} refused to list its orders: ${reply.message}`, details);
  }
  const data = isRecord(reply.data) ? reply.data : null;
  if (!data || !Array.isArray(data.list)) {
    throw new ChannelError(`The shop at ${setup.root} answered the order list without a list of orders.`, {
      url: setup.root,
    });
  }
  const total = typeof data.total === 'number' ? data.total : 0;
  // The page size the shop used, which may be less than asked: pages are counted in it.
  const pageSize = typeof data.pageSize === 'number' && data.pageSize > 0 ? data.pageSize : PAGE_SIZE;
  return { entries: data.list, total, pageSize };
}

/** One listed order with its items: from the list itself, the shop's detail, or Shopify. */
async function orderOf(setup: Setup, entry: unknown): Promise<Mapped> {
  const opts = { utcOffset: setup.utcOffset };
  if (!isRecord(entry) || typeof entry.id !== 'number') return mapStorefrontOrder(entry, null, opts);
  let detail: Json;
  if (Array.isArray(entry.line_items) && isRecord(entry.shipping_address)) {
    detail = entry;
  } else {
    const reply = await shopGet(setup.root, `/api/orders/${entry.id}`, {}, setup.http);
    if (!reply.ok || !isRecord(reply.data)) {
      const why = reply.ok ? 'an answer without the order' : reply.message;
      return {
        invalid: {
          externalId: String(entry.id),
          reason: `The shop lists order ${entry.id} but its detail says: ${why}.`,
          raw: entry,
        },
      };
    }
    detail = reply.data;
  }
  const own = mapStorefrontOrder(detail, null, opts);
  const shopifyId = text(detail.shopify_order_id);
  const shopUsable = 'order' in own && !own.order.problems.some((p) => p === 'No shipping address');
  const wantShopify = setup.source === 'shopify' || !shopUsable;
  if (!wantShopify || setup.proxy === null || !shopifyId) return own;
  const shopify = await shopifyOrder(setup.root, setup.proxy, shopifyId, setup.http);
  // Shopify does not know it: the shop's own detail is the best there is.
  if (shopify === null) return own;
  return mapStorefrontOrder(detail, shopify, opts);
}

function setupOf(conn: ChannelConnection, http: HttpRetryOptions): Setup {
  const source = conn.settings.detailSource === 'shopify' ? 'shopify' : 'shop';
  const shopDomain = typeof conn.settings.shopifyDomain === 'string' ? conn.settings.shopifyDomain.trim() : '';
  const shopId = typeof conn.settings.shopifyShopId === 'number' ? conn.settings.shopifyShopId : null;
  const proxy = conn.apiKey && shopDomain ? { shopDomain, accessToken: conn.apiKey, shopId } : null;
  if (source === 'shopify' && proxy === null) {
    throw new ChannelError(
      'This shop is set to take order details from Shopify, but its Shopify access token or shop domain is not saved; ' +
        'enter both, or take details from the shop itself.',
    );
  }
  const offset = conn.settings.utcOffset;
  return {
    root: shopRoot(conn.baseUrl),
    utcOffset: typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00',
    source,
    proxy,
    http,
  };
}

/** When the oldest order of a list page was created (epoch ms); unreadable times count as recent. */
function oldestCreated(entries: readonly unknown[], setup: Setup): number {
  let oldest = Infinity;
  for (const entry of entries) {
    const created = isRecord(entry) ? shopTimeToIso(entry.created_at, setup.utcOffset) : null;
    if (created !== null) oldest = Math.min(oldest, Date.parse(created));
  }
  return oldest;
}

/** The statuses to pull (chosen, or the table's), then on an incremental pull the cancelling ones. */
function statusesOf(conn: ChannelConnection, incremental: boolean): string[] {
  const chosen = Array.isArray(conn.settings.statuses)
    ? conn.settings.statuses.filter((s) => typeof s === 'string')
    : [];
  const pulled = chosen.length > 0 ? chosen : PULLED;
  return incremental ? [...pulled, ...CANCELLING.filter((s) => !pulled.includes(s))] : pulled;
}

/** "1:3": the second status of the walk, its third page. */
function cursorOf(cursor: string | null): { index: number; page: number } {
  if (cursor === null) return { index: 0, page: 1 };
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m) throw new AppError('internal', `"${cursor}" is not a storefront cursor.`);
  return { index: Number(m[1]), page: Math.max(1, Number(m[2])) };
}

/** Runs `work` over `items` with at most `limit` at once, answers in the order of `items`. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
