/**
 * The order queue's reads: a page of rows and the per-status counts for the tabs. These are the
 * hottest queries of the app (every keystroke in the search box), so they are plain prepared
 * SQL over the indexes of migrations 001/002/005, measured in bench/queue.bench.ts. A filter by
 * channel (provider) or store (credential) narrows both, through the indexes of 005.
 */
import type { OrderRow, StatusCounts } from '../../../shared/dto';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { searchKey } from './search-text';

/** Which orders a queue shows by where they came from; a store implies its channel. */
export interface SourceFilter {
  channel?: string | undefined;
  credentialId?: number | undefined;
}

export interface QueueFilter extends SourceFilter {
  status?: OrderStatus | undefined;
  search?: string | undefined;
}

/** The store when one is chosen, else the channel: one equality the indexes of 005 lead with. */
function sourceWhere(filter: SourceFilter): Where[] {
  if (filter.credentialId !== undefined) return [{ sql: 'o.credential_id = ?', params: [filter.credentialId] }];
  if (filter.channel !== undefined) return [{ sql: 'o.channel = ?', params: [filter.channel] }];
  return [];
}

interface Where {
  sql: string;
  params: unknown[];
}

/**
 * A search term in two equivalent forms: the set of order ids it matches, and a test of one row.
 * Terms of three characters or more match anywhere in the folded search text (the trigram index,
 * or instr() on a row); shorter ones (a two-character Chinese name such as 陈尧) match the start
 * of the recipient name or the order number.
 */
interface Term {
  set: Where;
  row: Where;
}

function searchTerms(search: string | undefined): Term[] {
  const terms = (search ?? '').split(/\s+/).filter((t) => t.length > 0);
  return terms.map((term) => {
    if ([...term].length >= 3) {
      const key = searchKey(term);
      return {
        set: {
          sql: 'SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?',
          params: [`"${key.replaceAll('"', '""')}"`],
        },
        row: { sql: 'instr(o.search_text, ?) > 0', params: [key] },
      };
    }
    const end = `${term}\u{10FFFF}`;
    return {
      set: {
        sql: 'SELECT id FROM orders WHERE ship_name >= ? AND ship_name < ? UNION SELECT id FROM orders WHERE order_number >= ? AND order_number < ?',
        params: [term, end, term, end],
      },
      row: {
        sql: '((o.ship_name >= ? AND o.ship_name < ?) OR (o.order_number >= ? AND o.order_number < ?))',
        params: [term, end, term, end],
      },
    };
  });
}

/**
 * Below this many matches a term's set is small enough to fetch, look up and sort whole; above it
 * the page walks the (status, placed_at) index in display order and stops after one page.
 */
const SMALL_SET = 2000;

/**
 * Two plans, chosen by how many orders the rarest term matches (counted only up to SMALL_SET, so
 * the choice itself costs well under a millisecond):
 * - a rare term (an order number, a tracking number): drive from its few matches by rowid and
 *   sort them; walking the index would scan a whole status before 50 hits turn up;
 * - only common terms (a country, a popular SKU): walk the index in display order and test each
 *   row, so a page stops after its 50 hits instead of fetching every match first.
 */
function pageWhere(db: Db, filter: QueueFilter): Where & { fromSet: boolean } {
  const terms = searchTerms(filter.search);
  const fromSet = terms.some(({ set }) => {
    const capped = db.$client.prepare(`SELECT count(*) AS n FROM (${set.sql} LIMIT ${SMALL_SET})`);
    return (capped.get(...set.params) as { n: number }).n < SMALL_SET;
  });
  const parts: Where[] = sourceWhere(filter);
  if (filter.status) parts.push({ sql: 'o.status = ?', params: [filter.status] });
  for (const term of terms) {
    parts.push(fromSet ? { sql: `o.id IN (${term.set.sql})`, params: term.set.params } : term.row);
  }
  return {
    sql: parts.length ? `WHERE ${parts.map((p) => p.sql).join(' AND ')}` : '',
    params: parts.flatMap((p) => p.params),
    fromSet,
  };
}

export interface RowRecord {
  id: number;
  channel: string;
  seller_id: string;
  order_number: string;
  status: OrderStatus;
  channel_status: string;
  ship_name: string;
  ship_country: string;
  item_count: number;
  total: string;
  currency: string;
  tracking_number: string | null;
  batch_id: string | null;
  open_error_count: number;
  placed_at: string;
  store_name: string | null;
}

/** The store's name is looked up per row by primary key: a page of 50 costs 50 lookups, no join plan. */
export const ROW_COLUMNS = `o.id, o.channel, o.seller_id, o.order_number, o.status, o.channel_status, o.ship_name,
  o.ship_country, o.item_count, o.total, o.currency, o.tracking_number, o.batch_id, o.open_error_count, o.placed_at,
  (SELECT c.display_name FROM credentials c WHERE c.id = o.credential_id) AS store_name`;

export function toOrderRow(r: RowRecord): OrderRow {
  return {
    id: r.id,
    channel: r.channel,
    sellerId: r.seller_id,
    storeName: r.store_name ?? r.seller_id,
    orderNumber: r.order_number,
    status: r.status,
    channelStatus: r.channel_status,
    recipientName: r.ship_name,
    country: r.ship_country,
    itemCount: r.item_count,
    total: r.total,
    currency: r.currency,
    trackingNumber: r.tracking_number,
    batchId: r.batch_id,
    hasErrors: r.open_error_count > 0,
    placedAt: r.placed_at,
  };
}

export function listOrders(db: Db, filter: QueueFilter, offset: number, limit: number): OrderRow[] {
  const where = pageWhere(db, filter);
  // NOT INDEXED leaves SQLite only rowid lookups, so it cannot walk a status index for a rare term.
  const table = where.fromSet ? 'orders o NOT INDEXED' : 'orders o';
  const rows = db.$client
    .prepare(`SELECT ${ROW_COLUMNS} FROM ${table} ${where.sql} ORDER BY o.placed_at DESC, o.id DESC LIMIT ? OFFSET ?`)
    .all(...where.params, limit, offset) as RowRecord[];
  return rows.map(toOrderRow);
}

/**
 * The count of every status tab (and `all`) for a search within a channel or store; the queue's
 * length is the count of its tab, so a page never counts again. With a search, each match's
 * status (and source) is read from the narrow (id, status, credential_id, channel) index of 005
 * rather than from the orders rows.
 */
export function countByStatus(db: Db, search: string | undefined, source: SourceFilter = {}): StatusCounts {
  const sets = searchTerms(search).map((t) => t.set);
  const parts = [...sourceWhere(source), ...sets.map((s) => ({ sql: `o.id IN (${s.sql})`, params: s.params }))];
  const counts = Object.fromEntries([...ORDER_STATUSES, 'all'].map((s) => [s, 0])) as StatusCounts;
  const where = parts.length ? `WHERE ${parts.map((p) => p.sql).join(' AND ')}` : '';
  // Without a search, the per-store counts of migration 009 (same column names) answer at once.
  const sql = sets.length
    ? `SELECT o.status AS status, count(*) AS n FROM orders o INDEXED BY orders_id_status ${where} GROUP BY o.status`
    : `SELECT o.status AS status, sum(o.n) AS n FROM order_counts o ${where} GROUP BY o.status`;
  const rows = db.$client.prepare(sql).all(...parts.flatMap((p) => p.params)) as { status: OrderStatus; n: number }[];
  for (const { status, n } of rows) {
    counts[status] = n;
    counts.all += n;
  }
  return counts;
}
