/**
 * One order of the seed 001 shop as a NormalizedOrder: the shop's own detail
 * (`GET /api/orders/{id}`), or, for its items, address and money, the Shopify order its proxy
 * passes on (§3). Never throws: what cannot be read comes back as an InvalidOrder with the reason.
 * The order keeps the shop's id, number, status and times either way, so pulling it again through
 * the other source finds the same order unchanged.
 */
import type { Address, OrderItem } from '../../../shared/dto';
import { addressProblems } from './address-problems';
import type { InvalidOrder, NormalizedOrder } from './channel-adapter';
import { emptyAddress } from '../orders/empty-address';

export type MappedStorefrontOrder = { order: NormalizedOrder } | { invalid: InvalidOrder };

type Json = Record<string, unknown>;

/**
 * The shop's statuses and what PackDesk makes of them (one table, shown in README). `pull`: pulled
 * by default and packed by us; `cancelled`: the buyer will not get it (walked on every incremental
 * pull so a cancellation is seen); `skip`: not asked for. Seed 001 documents pending, processing,
 * completed, cancelled, refunded and failed; its own example list shows `paid`.
 */
export const STOREFRONT_STATUSES: Readonly<Record<string, 'pull' | 'cancelled' | 'skip'>> = {
  pending: 'skip', // 待处理: not paid yet
  paid: 'pull',
  processing: 'pull', // 处理中
  completed: 'skip', // 已完成: the shop shipped it
  cancelled: 'cancelled', // 已取消
  refunded: 'cancelled', // 已退款
  failed: 'cancelled', // 失败: the payment failed
};

export interface StorefrontMapOptions {
  /** The shop's offset from UTC, since its times carry no zone ("+08:00"). */
  utcOffset: string;
}

/** `shopify`: the order from the proxy, whose items, address and money replace the shop's own. */
export function mapStorefrontOrder(
  detail: unknown,
  shopify: Json | null,
  opts: StorefrontMapOptions,
): MappedStorefrontOrder {
  const id = isRecord(detail) ? detail.id : undefined;
  if (!isRecord(detail) || typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
    return { invalid: { externalId: null, reason: 'The shop sent an order without a readable id.', raw: detail } };
  }
  const externalId = String(id);
  const number = text(detail.order_number) || externalId;
  const raw = shopify ? { order: detail, shopify } : detail;
  const invalid = (reason: string): MappedStorefrontOrder => ({ invalid: { externalId, reason, raw } });
  const source = shopify ?? detail;
  const lineItems = source.line_items;
  if (!Array.isArray(lineItems) || lineItems.some((i) => !isRecord(i))) {
    return invalid(`Order ${number} has unreadable line items${shopify ? ' in Shopify' : ''}.`);
  }
  const status = text(detail.status);
  if (!status) return invalid(`Order ${number} has no status.`);
  const placedAt = shopTimeToIso(detail.created_at, opts.utcOffset);
  const modifiedAt = shopTimeToIso(detail.updated_at, opts.utcOffset) ?? placedAt;
  if (placedAt === null || modifiedAt === null) return invalid(`Order ${number} has no readable date.`);

  const shipping = addressOf(source.shipping_address, text(detail.customer_email), text(detail.customer_phone));
  const problems = shipping === null ? ['No shipping address'] : addressProblems(shipping);
  const items = (lineItems as Json[]).map(itemOf);
  if (items.length === 0) problems.push('Order has no items');
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      problems.push(`Item ${item.sku || item.name} has quantity ${item.quantity}`);
    }
  }
  const total = shopify ? text(shopify.total_price) : money(detail.total_amount);

  return {
    order: {
      externalId,
      orderNumber: number,
      channelStatus: status,
      cancelled: STOREFRONT_STATUSES[status] === 'cancelled',
      placedAt,
      modifiedAt,
      currency: text(source.currency),
      total,
      customerNote: text(shopify ? shopify.note : detail.notes),
      shipping: shipping ?? emptyAddress(text(detail.customer_email)),
      items,
      problems,
      raw,
    },
  };
}

function itemOf(item: Json): OrderItem {
  return {
    sku: text(item.sku),
    name: text(item.title),
    quantity: typeof item.quantity === 'number' ? item.quantity : Number(text(item.quantity)),
    price: typeof item.price === 'number' ? item.price.toFixed(2) : text(item.price),
    attributes: [],
  };
}

function addressOf(value: unknown, email: string, phone: string): Address | null {
  if (!isRecord(value)) return null;
  const first = text(value.first_name);
  const last = text(value.last_name);
  return {
    name: fullName(first, last),
    company: text(value.company),
    line1: text(value.address1),
    line2: text(value.address2),
    city: text(value.city),
    state: text(value.province),
    postcode: text(value.zip),
    country: text(value.country).toUpperCase(),
    phone: text(value.phone) || phone,
    email,
  };
}

/** 陈 + 尧 is 陈尧 (family name first, no space); Dana + Miller is "Dana Miller". */
function fullName(first: string, last: string): string {
  const cjk = /[\u3400-\u9fff]/;
  if (cjk.test(first) || cjk.test(last)) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
}

/** "2025-04-16 11:35:10" in the shop's zone, or an ISO time with its own offset (Shopify's). */
export function shopTimeToIso(value: unknown, utcOffset: string): string | null {
  if (typeof value !== 'string') return null;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim());
  const ms = Date.parse(local ? `${local[1]}T${local[2]}${utcOffset}` : value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function money(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : text(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
