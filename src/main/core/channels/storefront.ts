/**
 * The seed 001 shop as an order source. Its list (`GET /api/orders`, page/pageSize, one `status`
 * a call, newest first) carries no items, so each order's detail is fetched (unless the list
 * already carries `line_items`). The list has no "changed since" filter: a pull walks each status
 * to pull newest first, and an incremental pull fetches the detail only of orders whose
 * `updated_at` is after the last pull and stops a status at the first page where nothing changed
 * and nothing was created in the week before the last pull; it also walks the cancelling statuses
 * that way so a cancellation is seen. Pages are offsets: an order above the page being read
 * that leaves the status moves every order behind it one place up, onto a page already read. The
 * list's `total` shows that shift, and the walk then reads back over the pages it moved into
 * (orders read already are known by id and dropped). Details come from the
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
/**
 * Read-backs within one status: each needs the shop's total to have fallen, so a shop whose total
 * wavers (a stale replica answering every other call) would otherwise walk back and forth forever.
 */
const MAX_READ_BACKS = 20;
/** Details fetched at once: the shop is one small web app; a few in flight are enough. */
const DETAIL_CONCURRENCY = 4;
const PULLED = Object.keys(STOREFRONT_STATUSES).filter((s) => STOREFRONT_STATUSES[s] === 'pull');
const CANCELLING = Object.keys(STOREFRONT_STATUSES).filter((s) => STOREFRONT_STATUSES[s] === 'cancelled');

type Json = Record<string, unknown>;
type Mapped = { order: NormalizedOrder } | { invalid: InvalidOrder };

/**
 * Where a walk stands: the status (index in the walk) and page to ask for next; the status's
 * `total` on the page read before (null at its first page); `edge`, the lowest order id read in
 * this status (null while none, or when the shop's pages are not newest id first); and how many
 * times this status was read back.
 */
interface Walk {
  index: number;
  page: number;
  total: number | null;
  edge: number | null;
  readBacks: number;
}

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
      const at = walkOf(opts.cursor);
      const status = statuses[at.index];
      if (status === undefined) throw new AppError('internal', `"${opts.cursor}" is not a storefront cursor.`);
      const listed = await listPage(setup, { page: String(at.page), pageSize: String(PAGE_SIZE), status });

      const result: PullPage = { orders: [], invalid: [], next: null };
      // Fewer orders in the status than on the page before: as many moved up past this page's
      // start (a removal below it only costs a read-back). The last ones of the pages read now sit
      // on them; this page is left for after the read-back, which drops what was read already.
      const fallen = at.total === null ? 0 : at.total - listed.total;
      if (fallen > 0 && at.readBacks < MAX_READ_BACKS) {
        const page = Math.max(1, at.page - Math.ceil(fallen / listed.pageSize));
        result.next = walkText({ ...at, page, total: listed.total, readBacks: at.readBacks + 1 });
        return result;
      }

      // Orders of a page read already come again after a read-back, or when new orders at the top
      // pushed them down: by id (newest first) they are dropped, so nothing is counted twice.
      const ids = listed.entries.map(idOf);
      const newestFirst = ids.every((id, i) => id !== null && (i === 0 || id < ids[i - 1]!));
      const edge = newestFirst ? at.edge : null;
      const unread = listed.entries.filter((_, i) => edge === null || ids[i]! < edge);
      const since = opts.modifiedAfter === null ? null : Date.parse(opts.modifiedAfter) - UPDATED_OVERLAP_MS;
      const isChanged = (entry: unknown): boolean => {
        if (since === null || !isRecord(entry)) return true;
        const updated = shopTimeToIso(entry.updated_at, setup.utcOffset);
        return updated === null || Date.parse(updated) >= since;
      };
      const changed = unread.filter(isChanged);
      const mapped = await inPool(changed, DETAIL_CONCURRENCY, (entry) => orderOf(setup, entry));
      for (const m of mapped) {
        if ('order' in m) result.orders.push(m.order);
        else result.invalid.push(m.invalid);
      }
      // On an incremental pull, a page with no change and no recent order ends this status. One
      // holding orders read already is partly a page that was read on from (the change that
      // decided so may have left since): the walk goes on from it as it did.
      const more = listed.entries.length > 0 && at.page * listed.pageSize < listed.total;
      const goOn =
        since === null ||
        changed.length > 0 ||
        unread.length < listed.entries.length ||
        oldestCreated(listed.entries, setup) >= since - RECENT_MS;
      const lowest = ids.length > 0 ? ids[ids.length - 1]! : null;
      const nextEdge = !newestFirst ? null : lowest === null ? edge : Math.min(edge ?? lowest, lowest);
      if (more && goOn) {
        result.next = walkText({ ...at, page: at.page + 1, total: listed.total, edge: nextEdge });
      } else if (at.index + 1 < statuses.length) {
        result.next = walkText(startOf(at.index + 1));
      }
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

function startOf(index: number): Walk {
  return { index, page: 1, total: null, edge: null, readBacks: 0 };
}

/** "1:3:250:1042:0": second status, third page, 250 orders on the second, lowest id read 1042, no read-back. */
function walkText(w: Walk): string {
  return [w.index, w.page, w.total ?? '', w.edge ?? '', w.readBacks].join(':');
}

/**
 * A cursor this adapter wrote. "1:3" (an older PackDesk's, without the total) starts that status
 * over: whether orders moved up past its page meanwhile cannot be told, and reading again is harmless.
 */
function walkOf(cursor: string | null): Walk {
  if (cursor === null) return startOf(0);
  const m = /^(\d+):(\d+)(?::(\d*):(\d*):(\d+))?$/.exec(cursor);
  if (!m) throw new AppError('internal', `"${cursor}" is not a storefront cursor.`);
  if (m[3] === undefined) return startOf(Number(m[1]));
  const num = (digits: string | undefined): number | null => (digits ? Number(digits) : null);
  return {
    index: Number(m[1]),
    page: Math.max(1, Number(m[2])),
    total: num(m[3]),
    edge: num(m[4]),
    readBacks: Number(m[5]),
  };
}

/** A list entry's order id, or null when it has none to go by. */
function idOf(entry: unknown): number | null {
  return isRecord(entry) && typeof entry.id === 'number' && Number.isInteger(entry.id) ? entry.id : null;
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
