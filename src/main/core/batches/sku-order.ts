/**
 * The one order SKUs are walked in, by the pick list and by a batch's pick order (labels, slips,
 * manifest): natural (TEE-2 before TEE-10), blind to case, and items without a SKU last, since
 * they are found by name after the walk.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareSku(a: string, b: string): number {
  return Number(a === '') - Number(b === '') || collator.compare(a, b);
}

/** The SKU a picker reaches first among an order's items ('' when none has one). */
export function firstSku(skus: readonly string[]): string {
  return skus.reduce((first, sku) => (first === '' || (sku !== '' && compareSku(sku, first) < 0) ? sku : first), '');
}
