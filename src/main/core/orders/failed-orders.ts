/**
 * The exceptions center's reads (seed 000 §5): orders with open errors, filtered by step, error
 * type and time of the error, and the same errors grouped by reason so one fix serves many
 * ("23 orders: postcode missing"). An error stops counting once it is resolved.
 */
import type { FailedOrder, FailureGroup, OrderPage } from '../../../shared/exceptions';
import type { ErrorStep } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { ROW_COLUMNS, toOrderRow, type RowRecord } from './order-queue';

export interface FailureFilter {
  step?: ErrorStep | undefined;
  errorType?: string | undefined;
  /** Errors recorded at or after this instant (ISO 8601). */
  from?: string | undefined;
  /** Errors recorded before this instant (ISO 8601). */
  to?: string | undefined;
}

function openErrors(filter: FailureFilter): { sql: string; params: unknown[] } {
  const parts = ['e.resolved_at IS NULL'];
  const params: unknown[] = [];
  if (filter.step) {
    parts.push('e.step = ?');
    params.push(filter.step);
  }
  if (filter.errorType) {
    parts.push('e.error_type = ?');
    params.push(filter.errorType);
  }
  // Stored as ISO UTC text; callers may send any offset, so compare as instants.
  if (filter.from) {
    parts.push('e.at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    parts.push('e.at < ?');
    params.push(new Date(filter.to).toISOString());
  }
  return { sql: parts.join(' AND '), params };
}

interface FailedRecord extends RowRecord {
  external_id: string;
  error_count: number;
  last_step: ErrorStep;
  last_type: string;
  last_message: string;
  last_at: string;
}

export function listFailedOrders(db: Db, filter: FailureFilter, offset: number, limit: number): OrderPage<FailedOrder> {
  const where = openErrors(filter);
  const sqlite = db.$client;
  const { n } = sqlite
    .prepare(`SELECT count(DISTINCT e.order_id) AS n FROM order_errors e WHERE ${where.sql}`)
    .get(...where.params) as { n: number };
  const rows = sqlite
    .prepare(
      `WITH matched AS (
         SELECT e.order_id, count(*) AS error_count, max(e.id) AS last_id
         FROM order_errors e WHERE ${where.sql} GROUP BY e.order_id
       )
       SELECT ${ROW_COLUMNS}, o.external_id, m.error_count, l.step AS last_step, l.error_type AS last_type,
              l.message AS last_message, l.at AS last_at
       FROM matched m JOIN orders o ON o.id = m.order_id JOIN order_errors l ON l.id = m.last_id
       ORDER BY l.at DESC, o.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, limit, offset) as FailedRecord[];
  return {
    total: n,
    rows: rows.map((r) => ({
      ...toOrderRow(r),
      externalId: r.external_id,
      errorCount: r.error_count,
      lastError: { step: r.last_step, errorType: r.last_type, message: r.last_message, at: r.last_at },
    })),
  };
}

export function failureGroups(db: Db, filter: FailureFilter): FailureGroup[] {
  const where = openErrors(filter);
  const rows = db.$client
    .prepare(
      `SELECT e.step, e.error_type, e.message, count(DISTINCT e.order_id) AS order_count,
              group_concat(DISTINCT e.order_id) AS order_ids, max(e.at) AS last_at
       FROM order_errors e WHERE ${where.sql}
       GROUP BY e.step, e.error_type, e.message ORDER BY order_count DESC, last_at DESC`,
    )
    .all(...where.params) as {
    step: ErrorStep;
    error_type: string;
    message: string;
    order_count: number;
    order_ids: string;
    last_at: string;
  }[];
  return rows.map((r) => ({
    step: r.step,
    errorType: r.error_type,
    message: r.message,
    orderCount: r.order_count,
    orderIds: r.order_ids.split(',').map(Number),
    lastAt: r.last_at,
  }));
}
