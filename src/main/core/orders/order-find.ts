/**
 * The order list of the REST API (seed 000 §1.2): several statuses at once, channel, store and
 * batch, with the total count. Scripts and warehouse screens ask the same question over and over,
 * so totals are cached per filter until the database changes (change-stamp.ts): exact, and the
 * count over 200,000 rows is paid once per change instead of once per request. Whole answers
 * asked again are kept by the REST layer (http/rest/answer-cache.ts), serialized.
 */
import type { ListedOrder, OrderPage } from '../../../shared/exceptions';
import type { OrderStatus } from '../../../shared/statuses';
import { stampedCache } from '../db/change-stamp';
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

/** Enough for every filter a fleet of scripts asks. */
const totals = stampedCache<number>(500);

function filterKey(filter: OrderFilter): string {
  return JSON.stringify([[...new Set(filter.statuses ?? [])].sort(), filter.channel, filter.sellerId, filter.batchId]);
}

function total(db: Db, filter: OrderFilter): number {
  return totals(db, filterKey(filter), () => {
    const where = whereOf(filter, false);
    return (db.$client.prepare(`SELECT count(*) AS n FROM orders o ${where.sql}`).get(...where.params) as { n: number })
      .n;
  });
}

export function findOrders(db: Db, filter: OrderFilter, offset: number, limit: number): OrderPage<ListedOrder> {
  const matching = total(db, filter);
  if (offset >= matching) return { total: matching, rows: [] };
  const where = whereOf(filter, true);
  const rows = db.$client
    .prepare(
      `SELECT ${ROW_COLUMNS}, o.external_id FROM orders o ${where.sql} ORDER BY o.placed_at DESC, o.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, limit, offset) as (RowRecord & { external_id: string })[];
  return { total: matching, rows: rows.map((r) => ({ ...toOrderRow(r), externalId: r.external_id })) };
}
