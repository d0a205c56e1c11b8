/**
 * DHL's per-shipment validationMessages in a packer's words: "DHL refused the label: recipient
 * postcode: The postal code could not be found ...". Warnings are left out; they do not stop a label.
 */

export interface DhlValidationMessage {
  property?: string;
  validationMessage?: string;
  validationState?: string;
}

const FIELDS: readonly [RegExp, string][] = [
  [/^consignee\.postalCode$/, 'recipient postcode'],
  [/^consignee\.addressStreet$/, 'recipient street'],
  [/^consignee\.addressHouse$/, 'recipient house number'],
  [/^consignee\.name1$/, 'recipient name'],
  [/^consignee\.city$/, 'recipient city'],
  [/^consignee\.country$/, 'recipient country'],
  [/^consignee$/, 'recipient'],
  [/^shipper\./, 'sender address (Settings)'],
  [/^billingNumber$/, 'billing number (DHL account settings)'],
  [/^details\.weight$/, 'weight'],
  [/^customs/, 'customs declaration'],
  [/^product$/, 'service'],
  [/^refNo$/, 'reference'],
];

export function validationWords(messages: readonly DhlValidationMessage[] | undefined): string | null {
  const errors = (messages ?? []).filter((m) => m.validationState !== 'Warning' && m.validationMessage);
  if (errors.length === 0) return null;
  return errors
    .map((m) => {
      const property = (m.property ?? '').replace(/^shipments\[\d+\]\./, '');
      const field = FIELDS.find(([pattern]) => pattern.test(property))?.[1];
      return field ? `${field}: ${m.validationMessage}` : (m.validationMessage ?? '');
    })
    .join('; ');
}
