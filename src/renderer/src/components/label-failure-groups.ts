import type { GenerateLabelsResult } from '../../../shared/dto';

export interface FailureGroup {
  reason: string;
  orderIds: number[];
}

/** The carrier's words are kept; only a repeated "Order 1001: " in front is dropped. */
export function reasonWithoutNumber(reason: string, orderNumber: string | undefined): string {
  if (!orderNumber) return reason;
  const prefix = `Order ${orderNumber}: `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}

/** Failures with the same reason together, the largest group first: one fix often clears many orders. */
export function groupFailures(
  failed: GenerateLabelsResult['failed'],
  orderNumbers: Readonly<Record<number, string>>,
): FailureGroup[] {
  const groups = new Map<string, number[]>();
  for (const f of failed) {
    const reason = reasonWithoutNumber(f.error, orderNumbers[f.order_id]);
    groups.set(reason, [...(groups.get(reason) ?? []), f.order_id]);
  }
  return [...groups.entries()]
    .map(([reason, orderIds]) => ({ reason, orderIds }))
    .sort((a, b) => b.orderIds.length - a.orderIds.length);
}
