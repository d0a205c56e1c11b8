/**
 * The seed 002 shop's fixed status flow ("订单状态有固定的流转规则，不能随意跳转"): which admin
 * action moves an order from which status, and which jumps `PUT .../status` allows. Anything else
 * is refused with business error 1007. Seed 002 does not draw the graph; this is the one the
 * simulator enforces and the adapter walks: placed → preparing (accept) → delivered (deliver) →
 * completed (the buyer confirms); placed or preparing → exception, and an exception accepted
 * again; placed or preparing → cancelled.
 */
import type { TgOrderStatus } from './types';

export type TgAction = 'accept' | 'deliver' | 'exception';

export const ACTION_MOVES: Readonly<Record<TgAction, { from: readonly TgOrderStatus[]; to: TgOrderStatus }>> = {
  accept: { from: [0, 5], to: 1 },
  deliver: { from: [1], to: 2 },
  exception: { from: [0, 1], to: 5 },
};

const STATUS_JUMPS: Readonly<Record<TgOrderStatus, readonly TgOrderStatus[]>> = {
  0: [1, 4, 5],
  1: [2, 4, 5],
  2: [3],
  3: [],
  4: [],
  5: [1, 4],
};

export function jumpAllowed(from: TgOrderStatus, to: TgOrderStatus): boolean {
  return STATUS_JUMPS[from].includes(to);
}
