/**
 * The order list of the REST API (seed 000 §1.2): several statuses at once, channel, store and
 * batch, with the total count. Scripts and warehouse screens ask the same question over and over,
 * so totals are cached per filter until the database changes (change-stamp.ts): exact, and the
 * count over 200,000 rows is paid once per change instead of once per request.
 */
import type { ListedOrder, OrderPage } from '../../../shared/exceptions';
import type { OrderStatus } from '../../../shared/statuses';
import { changeStamp } from '../db/change-stamp';
import type { Db } from '../db/open';
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

function whereOf(filter: OrderFilter, forPage: boolean): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const statuses = [...new Set(filter.statuses ?? [])];
  if (statuses.length > 0) {
    // One status walks the (status, placed_at) index in display order. Several would need a sort
    // of every match, so a page walks the placed_at index instead and tests each row's status.
    const column = forPage && statuses.length > 1 && !filter.batchId ? '+o.status' : 'o.status';
    parts.push(`${column} IN (${statuses.map(() => '?').join(', ')})`);
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

const totals = new WeakMap<Db, { stamp: string; byFilter: Map<string, number> }>();
/** Enough for every filter a fleet of scripts asks; the oldest is dropped beyond it. */
const MAX_CACHED_TOTALS = 500;

function cachedTotal(db: Db, filter: OrderFilter): number {
  const stamp = changeStamp(db);
  let cache = totals.get(db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, byFilter: new Map() };
    totals.set(db, cache);
  }
  const key = JSON.stringify([[...(filter.statuses ?? [])].sort(), filter.channel, filter.sellerId, filter.batchId]);
  const hit = cache.byFilter.get(key);
  if (hit !== undefined) return hit;
  const where = whereOf(filter, false);
  const { n } = db.$client.prepare(`SELECT count(*) AS n FROM orders o ${where.sql}`).get(...where.params) as {
    n: number;
  };
  if (cache.byFilter.size >= MAX_CACHED_TOTALS) cache.byFilter.delete(cache.byFilter.keys().next().value!);
  cache.byFilter.set(key, n);
  return n;
}

export function findOrders(db: Db, filter: OrderFilter, offset: number, limit: number): OrderPage<ListedOrder> {
  const total = cachedTotal(db, filter);
  if (offset >= total) return { total, rows: [] };
  const where = whereOf(filter, true);
  const rows = db.$client
    .prepare(
      `SELECT ${ROW_COLUMNS}, o.external_id FROM orders o ${where.sql} ORDER BY o.placed_at DESC, o.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, limit, offset) as (RowRecord & { external_id: string })[];
  return { total, rows: rows.map((r) => ({ ...toOrderRow(r), externalId: r.external_id })) };
}
