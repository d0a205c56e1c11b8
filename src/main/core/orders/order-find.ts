/**
 * The order list of the REST API (seed 000 §1.2): several statuses at once, channel, store and
 * batch, with the total count. Whole answers asked again before the next write are kept by the
 * REST layer (http/rest/answer-cache.ts), serialized; a write drops them all, so a first ask must
 * be fast too, and its total is read from the per-store counts instead of counting orders.
 */
import type { ListedOrder, OrderPage } from '../../../shared/exceptions';
import type { OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';
import { ROW_COLUMNS, toOrderRow, type RowRecord } from './order-queue';

export interface OrderFilter {
  statuses?: readonly OrderStatus[] | undefined;
  channel?: string | undefined;
  sellerId?: string | undefined;
  batchId?: string | undefined;
}

interface Where {
  sql: string;
  params: unknown[];
}

/** The filter as a WHERE over columns that orders and order_counts (migration 009) both have. */
function whereOf(filter: OrderFilter): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const statuses = [...new Set(filter.statuses ?? [])];
  if (statuses.length > 0) {
    parts.push(`o.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  if (filter.channel !== undefined) {
    parts.push('o.channel = ?');
    params.push(filter.channel);
  }
  if (filter.sellerId !== undefined) {
    parts.push('o.seller_id = ?');
    params.push(filter.sellerId);
  }
  if (filter.batchId !== undefined) {
    parts.push('o.batch_id = ?');
    params.push(filter.batchId);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * Without a batch, the total is summed from the per-store counts of migration 009, a few dozen
 * rows whatever the filter; a batch's few rows are counted.
 */
function total(db: Db, filter: OrderFilter): number {
  const where = whereOf(filter);
  const sql =
    filter.batchId === undefined
      ? `SELECT coalesce(sum(o.n), 0) AS n FROM order_counts o ${where.sql}`
      : `SELECT count(*) AS n FROM orders o ${where.sql}`;
  return (prepared(db, sql).get(...where.params) as { n: number }).n;
}

/**
 * Everything but the status. No index leads with seller_id, so a seller is looked up as its
 * store (one, as a rule) and the page walks that store's index; the seller and channel are still
 * tested on each row (unary + keeps them off the index choice), so the answer is exact.
 */
function sourceOf(db: Db, filter: OrderFilter): { sql: string[]; params: unknown[] } {
  const parts: [string, unknown][] = [];
  const store =
    filter.sellerId === undefined
      ? []
      : (prepared(
          db,
          'SELECT DISTINCT credential_id AS id FROM order_counts WHERE seller_id = ? AND (? IS NULL OR channel = ?)',
        ).all(filter.sellerId, filter.channel ?? null, filter.channel ?? null) as { id: number }[]);
  const oneStore = store.length === 1;
  if (oneStore) parts.push(['o.credential_id = ?', store[0]!.id]);
  if (filter.channel !== undefined) parts.push([oneStore ? '+o.channel = ?' : 'o.channel = ?', filter.channel]);
  if (filter.sellerId !== undefined) parts.push([oneStore ? '+o.seller_id = ?' : 'o.seller_id = ?', filter.sellerId]);
  if (filter.batchId !== undefined) parts.push(['o.batch_id = ?', filter.batchId]);
  return { sql: parts.map(([sql]) => sql), params: parts.map(([, param]) => param) };
}

const ORDER = 'ORDER BY o.placed_at DESC, o.id DESC';

/**
 * One page in display order. One status (or none) walks an index led by the store or channel and
 * the status in that order and stops after the page. Several statuses: each walks its own index
 * range for at most offset + limit ids, and only those are merged, instead of walking the
 * placed_at index over every order and testing each row (37 ms for a rare status of one seller).
 */
function pageOf(db: Db, filter: OrderFilter, offset: number, limit: number): (RowRecord & { external_id: string })[] {
  const statuses = [...new Set(filter.statuses ?? [])];
  const source = sourceOf(db, filter);
  const select = `SELECT ${ROW_COLUMNS}, o.external_id FROM orders o`;
  if (statuses.length > 1 && filter.batchId === undefined) {
    const branch = `SELECT * FROM (SELECT o.id, o.placed_at FROM orders o WHERE ${['o.status = ?', ...source.sql].join(' AND ')} ${ORDER} LIMIT ?)`;
    const ids = `SELECT id FROM (${statuses.map(() => branch).join(' UNION ALL ')}) ORDER BY placed_at DESC, id DESC LIMIT ? OFFSET ?`;
    const params = statuses.flatMap((status) => [status, ...source.params, offset + limit]);
    return prepared(db, `${select} WHERE o.id IN (${ids}) ${ORDER}`).all(...params, limit, offset) as never;
  }
  const parts = [
    ...(statuses.length > 0 ? [`o.status IN (${statuses.map(() => '?').join(', ')})`] : []),
    ...source.sql,
  ];
  const where = parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
  return prepared(db, `${select} ${where} ${ORDER} LIMIT ? OFFSET ?`).all(
    ...statuses,
    ...source.params,
    limit,
    offset,
  ) as never;
}

export function findOrders(db: Db, filter: OrderFilter, offset: number, limit: number): OrderPage<ListedOrder> {
  const matching = total(db, filter);
  if (offset >= matching) return { total: matching, rows: [] };
  const rows = pageOf(db, filter, offset, limit);
  return { total: matching, rows: rows.map((r) => ({ ...toOrderRow(r), externalId: r.external_id })) };
}
