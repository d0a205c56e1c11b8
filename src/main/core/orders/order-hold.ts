/**
 * Hold and release from the exceptions center: a held order leaves every queue that acts on it
 * (labels, batches) until a person releases it, and goes back to exactly where it was
 * (orders.resume_status, kept by the state machine). Each order moves or fails on its own. A shop
 * with an exception status (tgshop) is told of the hold through the outbox.
 */
import { AppError } from '../../../shared/errors';
import type { BulkOrderResult } from '../../../shared/exceptions';
import type { OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { enqueueChannelException } from '../outbox/channel-exception';
import { transition } from './state-machine';

export interface HoldContext {
  at: string;
  actor: string;
}

function each(orderIds: readonly number[], move: (id: number) => void): BulkOrderResult {
  const result: BulkOrderResult = { success: [], failed: [] };
  for (const id of new Set(orderIds)) {
    try {
      move(id);
      result.success.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ order_id: id, error: error.message });
    }
  }
  return result;
}

export function holdOrders(db: Db, orderIds: readonly number[], reason: string, ctx: HoldContext): BulkOrderResult {
  const words = reason || 'Held by hand';
  const hold = db.$client.transaction((id: number) => {
    transition(db, id, 'on_hold', { ...ctx, reason: words });
    enqueueChannelException(db, id, words, ctx.at);
  });
  return each(orderIds, (id) => hold(id));
}

export function releaseOrders(db: Db, orderIds: readonly number[], ctx: HoldContext): BulkOrderResult {
  return each(orderIds, (id) => {
    const order = db.$client.prepare('SELECT status, order_number, resume_status FROM orders WHERE id = ?').get(id) as
      { status: OrderStatus; order_number: string; resume_status: OrderStatus | null } | undefined;
    if (!order) throw new AppError('not_found', `Order ${id} does not exist.`);
    if (order.status !== 'on_hold') throw new AppError('conflict', `Order ${order.order_number} is not on hold.`);
    transition(db, id, order.resume_status ?? 'new', { ...ctx, reason: 'Released' });
  });
}
