/** The order's error trail (PRODUCT.md: step, error_type, message in words, details). */
import type { ErrorStep } from '../../../shared/statuses';
import type { Db } from '../db/open';

export interface NewOrderError {
  step: ErrorStep;
  errorType: string;
  message: string;
  details?: unknown;
}

export function recordError(db: Db, orderId: number, error: NewOrderError, at: string): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO order_errors (order_id, at, step, error_type, message, details) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        orderId,
        at,
        error.step,
        error.errorType,
        error.message,
        error.details === undefined ? null : JSON.stringify(error.details),
      );
    refreshOpenErrorCount(db, orderId);
  })();
}

/** Marks the open errors of one step as resolved, e.g. label errors once a label is bought. */
export function resolveErrors(db: Db, orderId: number, step: ErrorStep, at: string): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    sqlite
      .prepare('UPDATE order_errors SET resolved_at = ? WHERE order_id = ? AND step = ? AND resolved_at IS NULL')
      .run(at, orderId, step);
    refreshOpenErrorCount(db, orderId);
  })();
}

function refreshOpenErrorCount(db: Db, orderId: number): void {
  db.$client
    .prepare(
      'UPDATE orders SET open_error_count = (SELECT count(*) FROM order_errors WHERE order_id = ? AND resolved_at IS NULL) WHERE id = ?',
    )
    .run(orderId, orderId);
}
