/**
 * One order as WooCommerce REST v3 sends it, turned into a NormalizedOrder. Never throws: what
 * cannot be read at all (not an object, no id, items that are not a list) comes back as an
 * InvalidOrder with the reason; what can be read but is not enough to ship becomes `problems`.
 */
import type { Address, OrderItem } from '../../../shared/dto';
import { addressProblems } from './address-problems';
import type { InvalidOrder, NormalizedOrder } from './channel-adapter';

/**
 * WooCommerce's statuses and what PackDesk makes of them (one table, shown in README). `pull`:
 * pulled by default and packed by us (the shop's settings may choose others); `cancelled`: the
 * buyer will not get it (asked for on every incremental pull, so a cancellation is seen); `skip`:
 * not asked for by default.
 */
export const WOO_STATUSES: Readonly<Record<string, 'pull' | 'cancelled' | 'skip'>> = {
  pending: 'skip', // awaiting payment
  processing: 'pull', // paid, to be shipped
  'on-hold': 'pull', // awaiting the shop's check (a bank transfer), usually shipped after
  completed: 'skip', // the shop marked it shipped
  cancelled: 'cancelled',
  refunded: 'cancelled',
  failed: 'cancelled', // the payment failed
  trash: 'cancelled', // put in the bin by staff
  'checkout-draft': 'skip', // a block checkout not finished
};

export type MappedOrder = { order: NormalizedOrder } | { invalid: InvalidOrder };

type Json = Record<string, unknown>;

export function mapWooOrder(raw: unknown): MappedOrder {
  if (!isRecord(raw)) {
    return {
      invalid: { externalId: null, reason: `The shop sent ${describeValue(raw)} where an order should be.`, raw },
    };
  }
  const externalId = idOf(raw.id);
  if (externalId === null) {
    const number = text(raw.number);
    const which = number ? ` (order number ${number})` : '';
    return { invalid: { externalId: null, reason: `The shop sent an order without a readable id${which}.`, raw } };
  }
  const invalid = (reason: string): MappedOrder => ({ invalid: { externalId, reason, raw } });

  const lineItems = raw.line_items ?? [];
  if (!Array.isArray(lineItems)) {
    return invalid(
      `Order ${externalId} has unreadable items: the shop sent ${describeValue(lineItems)} instead of a list.`,
    );
  }
  const unreadable = lineItems.findIndex((item) => !isRecord(item));
  if (unreadable >= 0) return invalid(`Item ${unreadable + 1} of order ${externalId} is unreadable.`);

  // The _gmt fields are UTC; the others are in the shop's time zone, which the API does not say.
  const placedAt = gmtIso(raw.date_created_gmt) ?? gmtIso(raw.date_modified_gmt);
  const modifiedAt = gmtIso(raw.date_modified_gmt) ?? placedAt;
  if (placedAt === null || modifiedAt === null) return invalid(`Order ${externalId} has no readable date.`);

  const total = money(raw.total);
  const { address, problems } = shippingAddress(raw.shipping, raw.billing);
  const items = lineItems.filter(isRecord).map((item) => orderItem(item, decimalsOf(total)));
  if (items.length === 0) problems.push('Order has no items');
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      problems.push(`Item ${item.sku || item.name} has quantity ${item.quantity}`);
    }
  }

  return {
    order: {
      externalId,
      orderNumber: text(raw.number) || externalId,
      channelStatus: text(raw.status),
      cancelled: WOO_STATUSES[text(raw.status)] === 'cancelled',
      placedAt,
      modifiedAt,
      currency: text(raw.currency),
      total,
      customerNote: text(raw.customer_note),
      shipping: address,
      items,
      problems,
      raw,
    },
  };
}

const ADDRESS_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
] as const;

function shippingAddress(shippingRaw: unknown, billingRaw: unknown): { address: Address; problems: string[] } {
  const shipping: Json = isRecord(shippingRaw) ? shippingRaw : {};
  const billing: Json = isRecord(billingRaw) ? billingRaw : {};
  const hasAddress = (a: Json): boolean => ADDRESS_FIELDS.some((f) => text(a[f]) !== '');
  // Shipping stays blank when the checkout did not ask for it; the goods then go to the billing address.
  const from = hasAddress(shipping) ? shipping : billing;
  const address: Address = {
    name: personName(text(from.first_name), text(from.last_name)),
    company: text(from.company),
    line1: text(from.address_1),
    line2: text(from.address_2),
    city: text(from.city),
    state: text(from.state),
    postcode: text(from.postcode),
    country: text(from.country).toUpperCase(),
    // Shipping has its own phone only since WooCommerce 5.6, and never an email.
    phone: text(from.phone) || text(billing.phone),
    email: text(billing.email),
  };
  if (!hasAddress(from)) return { address, problems: ['No shipping address'] };
  return { address, problems: addressProblems(address) };
}

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * "first last", except for names in Chinese, Japanese or Korean script, which are written family
 * name first and without a space: first_name 尧 + last_name 陈 is 陈尧.
 */
function personName(first: string, last: string): string {
  if (first && last && EAST_ASIAN.test(first) && EAST_ASIAN.test(last)) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
}

function orderItem(raw: Json, decimals: number): OrderItem {
  const quantity = Number(text(raw.quantity));
  return {
    sku: text(raw.sku),
    name: text(raw.name),
    quantity: Number.isFinite(quantity) ? quantity : 0,
    // WooCommerce sends a line's price as a JSON number (total / quantity); money stays text here.
    price: typeof raw.price === 'number' ? raw.price.toFixed(decimals) : text(raw.price),
    attributes: attributesOf(raw.meta_data),
    barcode: barcodeOf(raw),
  };
}

/** Where WooCommerce's GTIN, UPC, EAN or ISBN field (9.2+) may stand on a line item. */
const GTIN_KEYS = new Set(['global_unique_id', '_global_unique_id']);

/**
 * The product's GTIN field: newer WooCommerce sends it on the line item, some shops only copy it
 * into the item's meta, older ones send neither (then the item has no barcode and is scanned by SKU).
 */
function barcodeOf(raw: Json): string {
  const own = text(raw.global_unique_id);
  if (own) return own;
  if (!Array.isArray(raw.meta_data)) return '';
  const entry: unknown = raw.meta_data.find(
    (m: unknown) => isRecord(m) && typeof m.key === 'string' && GTIN_KEYS.has(m.key) && text(m.value) !== '',
  );
  return isRecord(entry) ? text(entry.value) : '';
}

/** Meta entries whose key starts with "_" are WooCommerce's own bookkeeping, not something the buyer chose. */
function attributesOf(meta: unknown): OrderItem['attributes'] {
  if (!Array.isArray(meta)) return [];
  return meta.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key === '' || entry.key.startsWith('_')) return [];
    if (GTIN_KEYS.has(entry.key)) return []; // the item's barcode, read by barcodeOf
    const value = text(entry.display_value) || text(entry.value);
    return value ? [{ name: text(entry.display_key) || entry.key, value }] : [];
  });
}

/** "2026-11-20T08:15:00" (UTC, no zone) -> "2026-11-20T08:15:00.000Z"; null when unreadable. */
function gmtIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
  const ms = Date.parse(zoneless ? `${value}Z` : value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The shop's number of decimals for money, read from the order total ("12.30" -> 2, JPY "3000" -> 0). */
function decimalsOf(total: string): number {
  const fraction = /\.(\d+)$/.exec(total);
  if (fraction?.[1]) return fraction[1].length;
  return /^\d+$/.test(total) ? 0 : 2;
}

function money(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return value;
  return null;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}
