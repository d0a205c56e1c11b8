/**
 * The barcode on a packing slip: the order's local id, prefixed so it can never be taken for a
 * shop's order number or a carrier's tracking number. Order numbers repeat across shops ("1001"
 * in two WooCommerce stores); this code names exactly one order of this station.
 */
const PREFIX = 'PD';

export function slipCode(orderId: number): string {
  return `${PREFIX}${String(orderId).padStart(6, '0')}`;
}

/** The order id a scanned slip names, or null when the code is not a slip's. */
export function orderIdOfSlip(code: string): number | null {
  const match = /^PD(\d{6,12})$/i.exec(code.trim());
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
