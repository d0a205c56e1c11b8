/**
 * The fulfillment pipeline of PRODUCT.md as data. Every status change goes through `transition`,
 * which writes the order's log row in the same transaction, so the log can never disagree with
 * the status. An illegal move is an AppError whose message a packer can read.
 */
import { AppError } from '../../../shared/errors';
import type { OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';

/** Statuses an order may be held or flagged from (everything before shipped that is still live). */
const LIVE: readonly OrderStatus[] = [
  'new',
  'waiting_labels',
  'label_failed',
  'label_created',
  'synced',
  'batched',
  'packed',
];
const SIDE_EXITS: readonly OrderStatus[] = ['on_hold', 'exception', 'cancelled'];

export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['waiting_labels', ...SIDE_EXITS],
  waiting_labels: ['label_created', 'label_failed', ...SIDE_EXITS],
  label_failed: ['waiting_labels', ...SIDE_EXITS],
  // Tracking sync runs in the outbox; a batch may be made before the channel has answered.
  label_created: ['synced', 'batched', ...SIDE_EXITS],
  synced: ['batched', ...SIDE_EXITS],
  batched: ['packed', ...SIDE_EXITS],
  packed: ['shipped', ...SIDE_EXITS],
  shipped: [],
  // Hold and exception return to the status they came from (orders.resume_status).
  on_hold: [...LIVE, 'exception', 'cancelled'],
  exception: [...LIVE, 'on_hold', 'cancelled'],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

const WHERE_IT_IS: Record<OrderStatus, string> = {
  new: 'is new',
  waiting_labels: 'is already waiting for its label',
  label_failed: 'has a failed label',
  label_created: 'already has a label',
  synced: 'already has its tracking synced',
  batched: 'is already batched',
  packed: 'is already packed',
  shipped: 'has already been shipped',
  on_hold: 'is on hold',
  exception: 'is flagged as an exception',
  cancelled: 'was cancelled',
};

const WHAT_IT_CANNOT: Record<OrderStatus, string> = {
  new: 'it cannot go back to new',
  waiting_labels: 'it cannot get a new label',
  label_failed: 'it cannot be marked as a failed label',
  label_created: 'it cannot get a new label',
  synced: 'its tracking cannot be synced',
  batched: 'it cannot be put in a batch',
  packed: 'it cannot be packed',
  shipped: 'it cannot be shipped',
  on_hold: 'it cannot be put on hold',
  exception: 'it cannot be flagged as an exception',
  cancelled: 'it cannot be cancelled',
};

export function illegalTransitionMessage(orderNumber: string, from: OrderStatus, to: OrderStatus): string {
  return `Order ${orderNumber} ${WHERE_IT_IS[from]}; ${WHAT_IT_CANNOT[to]}.`;
}

export interface TransitionContext {
  actor: string;
  reason?: string;
  at: string;
}

interface OrderState {
  status: OrderStatus;
  order_number: string;
  resume_status: OrderStatus | null;
}

/** Moves one order; throws AppError('illegal_transition') and changes nothing when not allowed. */
export function transition(db: Db, orderId: number, to: OrderStatus, ctx: TransitionContext): OrderStatus {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const order = sqlite.prepare('SELECT status, order_number, resume_status FROM orders WHERE id = ?').get(orderId) as
      OrderState | undefined;
    if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
    const from = order.status;
    if (!canTransition(from, to)) {
      throw new AppError('illegal_transition', illegalTransitionMessage(order.order_number, from, to), {
        orderId,
        from,
        to,
      });
    }
    const leavingSideExit = (from === 'on_hold' || from === 'exception') && LIVE.includes(to);
    if (leavingSideExit && order.resume_status && to !== order.resume_status) {
      throw new AppError(
        'illegal_transition',
        `${illegalTransitionMessage(order.order_number, from, to).slice(0, -1)}: it goes back to ${order.resume_status.replace('_', ' ')} when released.`,
        { orderId, from, to },
      );
    }
    const enteringSideExit = to === 'on_hold' || to === 'exception';
    const resume = enteringSideExit ? (LIVE.includes(from) ? from : order.resume_status) : null;
    sqlite
      .prepare('UPDATE orders SET status = ?, resume_status = ?, updated_at = ? WHERE id = ?')
      .run(to, resume, ctx.at, orderId);
    insertLog(db, orderId, from, to, ctx);
    return from;
  })();
}

/** The first log row of an order, written when it is imported. */
export function insertLog(
  db: Db,
  orderId: number,
  from: OrderStatus | null,
  to: OrderStatus,
  ctx: TransitionContext,
): void {
  prepared(
    db,
    'INSERT INTO order_logs (order_id, at, from_status, to_status, actor, reason) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(orderId, ctx.at, from, to, ctx.actor, ctx.reason ?? '');
}
