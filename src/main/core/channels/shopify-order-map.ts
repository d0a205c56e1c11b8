/**
 * One order node of our Shopify orders query, turned into a NormalizedOrder. Never throws: an
 * order that cannot be read at all comes back as an InvalidOrder with the reason; what can be
 * read but is not enough to ship becomes `problems`.
 */
import type { Address, OrderItem } from '../../../shared/dto';
import { addressProblems } from './address-problems';
import type { InvalidOrder, NormalizedOrder } from './channel-adapter';
import { emptyAddress } from '../orders/empty-address';

export type MappedShopifyOrder = { order: NormalizedOrder } | { invalid: InvalidOrder };

type Json = Record<string, unknown>;

/**
 * Shopify's statuses and what PackDesk makes of them (one table, shown in README): `CANCELLED`
 * when Shopify cancelled the order (cancelledAt), otherwise its financial status. `cancelled`: the
 * buyer will not get it (cancelled, or the money went back or never came); `pull`: it waits to be
 * shipped by us, as does one with a status Shopify adds later.
 */
export const SHOPIFY_STATUSES: Readonly<Record<string, 'pull' | 'cancelled'>> = {
  CANCELLED: 'cancelled',
  PENDING: 'pull',
  AUTHORIZED: 'pull',
  PARTIALLY_PAID: 'pull',
  PAID: 'pull',
  PARTIALLY_REFUNDED: 'pull',
  REFUNDED: 'cancelled',
  VOIDED: 'cancelled',
  EXPIRED: 'cancelled',
};

export function mapShopifyOrder(raw: unknown): MappedShopifyOrder {
  if (!isRecord(raw)) {
    return { invalid: { externalId: null, reason: 'The store sent something that is not an order.', raw } };
  }
  const externalId = legacyIdOf(raw.id);
  if (externalId === null) {
    const which = text(raw.name) ? ` (${text(raw.name)})` : '';
    return { invalid: { externalId: null, reason: `The store sent an order without a readable id${which}.`, raw } };
  }
  const invalid = (reason: string): MappedShopifyOrder => ({ invalid: { externalId, reason, raw } });
  const name = text(raw.name) || externalId;

  const lineItems = isRecord(raw.lineItems) ? raw.lineItems.nodes : undefined;
  if (!Array.isArray(lineItems)) return invalid(`Order ${name} has unreadable items.`);
  if (lineItems.some((i) => !isRecord(i))) return invalid(`An item of order ${name} is unreadable.`);
  const placedAt = isoOf(raw.createdAt);
  const modifiedAt = isoOf(raw.updatedAt) ?? placedAt;
  if (placedAt === null || modifiedAt === null) return invalid(`Order ${name} has no readable date.`);

  const money = isRecord(raw.totalPriceSet) && isRecord(raw.totalPriceSet.shopMoney) ? raw.totalPriceSet.shopMoney : {};
  const financial = text(raw.displayFinancialStatus);
  const fulfillment = text(raw.displayFulfillmentStatus);
  const cancelled = raw.cancelledAt !== null && raw.cancelledAt !== undefined;
  const shipping = addressOf(raw.shippingAddress, text(raw.email), text(raw.phone));
  const problems = shipping === null ? ['No shipping address'] : addressProblems(shipping);
  const items = lineItems.filter(isRecord).map(itemOf);
  if (items.length === 0) problems.push('Order has no items');
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      problems.push(`Item ${item.sku || item.name} has quantity ${item.quantity}`);
    }
  }

  return {
    order: {
      externalId,
      orderNumber: name,
      // Both of Shopify's statuses, as its admin shows them side by side.
      channelStatus: cancelled ? 'CANCELLED' : [financial, fulfillment].filter(Boolean).join(' · '),
      cancelled: SHOPIFY_STATUSES[cancelled ? 'CANCELLED' : financial] === 'cancelled',
      placedAt,
      modifiedAt,
      currency: text(money.currencyCode),
      total: text(money.amount),
      customerNote: text(raw.note),
      shipping: shipping ?? emptyAddress(text(raw.email)),
      items,
      problems,
      raw,
    },
  };
}

function addressOf(value: unknown, email: string, orderPhone: string): Address | null {
  if (!isRecord(value)) return null;
  const name = text(value.name) || [text(value.firstName), text(value.lastName)].filter(Boolean).join(' ');
  return {
    name,
    company: text(value.company),
    line1: text(value.address1),
    line2: text(value.address2),
    city: text(value.city),
    state: text(value.provinceCode) || text(value.province),
    postcode: text(value.zip),
    country: text(value.countryCodeV2).toUpperCase(),
    phone: text(value.phone) || orderPhone,
    email,
  };
}

function itemOf(raw: Json): OrderItem {
  const price =
    isRecord(raw.originalUnitPriceSet) && isRecord(raw.originalUnitPriceSet.shopMoney)
      ? text(raw.originalUnitPriceSet.shopMoney.amount)
      : '';
  const attributes: OrderItem['attributes'] = [];
  const variant = text(raw.variantTitle);
  if (variant && variant !== 'Default Title') attributes.push({ name: 'Variant', value: variant });
  if (Array.isArray(raw.customAttributes)) {
    for (const a of raw.customAttributes) {
      if (isRecord(a) && text(a.key) && text(a.value)) attributes.push({ name: text(a.key), value: text(a.value) });
    }
  }
  return {
    sku: text(raw.sku),
    name: text(raw.name),
    quantity: typeof raw.quantity === 'number' ? raw.quantity : Number(text(raw.quantity)),
    price,
    attributes,
    // The variant is null once its product is deleted; the barcode is whatever the merchant typed.
    barcode: isRecord(raw.variant) ? text(raw.variant.barcode) : '',
  };
}

/** gid://shopify/Order/5001 -> "5001". */
function legacyIdOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^gid:\/\/shopify\/Order\/([1-9]\d*)$/.exec(value);
  return m?.[1] ?? null;
}

function isoOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
