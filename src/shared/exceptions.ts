/** What the exceptions center and the REST API of seed 000 read about failed orders. */
import type { OrderRow } from './dto';
import type { ErrorStep } from './statuses';

/** One page of orders and how many match in all (GET /api/orders, the failed list). */
export interface OrderPage<T = OrderRow> {
  total: number;
  rows: T[];
}

/** GET /api/orders: how many orders match, and the answer with one page of them, serialized. */
export interface FoundOrders {
  total: number;
  /** Seed 000's answer in UTF-8: {"total": n, "orders": [order summaries, newest first]}. */
  json: Uint8Array;
}

/** A row as the REST API lists it: with the channel's own order id, which the API names orders by. */
export interface ListedOrder extends OrderRow {
  externalId: string;
}

/** An order with open errors, and the newest of those errors that matched the filter. */
export interface FailedOrder extends ListedOrder {
  errorCount: number;
  lastError: { step: ErrorStep; errorType: string; message: string; at: string };
}

/** Open errors with the same step, type and message: one fix serves every order in the group. */
export interface FailureGroup {
  step: ErrorStep;
  errorType: string;
  message: string;
  orderCount: number;
  orderIds: number[];
  lastAt: string;
}

/** Per order outcome of a bulk action: ids that moved, and why the others did not. */
export interface BulkOrderResult {
  success: number[];
  failed: { order_id: number; error: string }[];
}
