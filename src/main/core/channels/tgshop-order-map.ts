/**
 * One order of the seed 002 Telegram mini-shop (`{order, orderItems}`) as a NormalizedOrder.
 * Never throws: what cannot be read comes back as an InvalidOrder with the reason. The shop
 * delivers itself, to an address written as one line with a phone number, so those two are what
 * a delivery needs; there is no postcode or country to check.
 */
import type { OrderItem } from '../../../shared/dto';
import type { InvalidOrder, NormalizedOrder } from './channel-adapter';

export type MappedTgOrder = { order: NormalizedOrder } | { invalid: InvalidOrder };

type Json = Record<string, unknown>;

/**
 * The shop's status codes and what PackDesk makes of them (one table, shown in README). 2 and 3
 * are orders the shop already delivered; PackDesk does not ask for them.
 */
export const TG_STATUSES: Readonly<
  Record<number, { name: string; ours: 'pull' | 'exception' | 'cancelled' | 'done' }>
> = {
  0: { name: 'placed', ours: 'pull' },
  1: { name: 'preparing', ours: 'pull' },
  2: { name: 'delivered', ours: 'done' },
  3: { name: 'completed', ours: 'done' },
  4: { name: 'cancelled', ours: 'cancelled' },
  5: { name: 'exception', ours: 'exception' },
};

export interface TgMapOptions {
  /** The shop's offset from UTC, since its times carry no zone ("+08:00" for Hong Kong). */
  utcOffset: string;
  /** Country of every address (the shop delivers locally), ISO alpha-2. */
  country: string;
}

export function mapTgOrder(raw: unknown, opts: TgMapOptions): MappedTgOrder {
  const order = isRecord(raw) && isRecord(raw.order) ? raw.order : null;
  const id = order && typeof order.id === 'number' && Number.isInteger(order.id) && order.id > 0 ? order.id : null;
  if (!order || id === null) {
    return { invalid: { externalId: null, reason: 'The shop sent an order without a readable id.', raw } };
  }
  const externalId = String(id);
  const number = text(order.orderNo) || externalId;
  const invalid = (reason: string): MappedTgOrder => ({ invalid: { externalId, reason, raw } });
  const details = (raw as Json).orderItems;
  if (!Array.isArray(details) || details.some((d) => !isRecord(d) || !isRecord(d.orderItem))) {
    return invalid(`Order ${number} has unreadable items.`);
  }
  const status = typeof order.orderStatus === 'number' ? TG_STATUSES[order.orderStatus] : undefined;
  if (!status) return invalid(`Order ${number} has an unknown status ${JSON.stringify(order.orderStatus)}.`);
  const placedAt = shopTimeToIso(order.createTime, opts.utcOffset);
  const modifiedAt = shopTimeToIso(order.updateTime, opts.utcOffset) ?? placedAt;
  if (placedAt === null || modifiedAt === null) return invalid(`Order ${number} has no readable date.`);

  const items = (details as Json[]).map((d) => itemOf(d));
  const problems: string[] = [];
  if (!text(order.address)) problems.push('No delivery address');
  if (!text(order.phone)) problems.push('No phone number to reach the buyer');
  if (items.length === 0) problems.push('Order has no items');
  if (status.ours === 'exception') problems.push('The shop marked this order as an exception');

  return {
    order: {
      externalId,
      orderNumber: number,
      channelStatus: `${order.orderStatus as number} ${status.name}`,
      cancelled: status.ours === 'cancelled',
      placedAt,
      modifiedAt,
      currency: 'HKD',
      total: typeof order.totalAmount === 'number' ? order.totalAmount.toFixed(2) : text(order.totalAmount),
      customerNote: text(order.remark),
      shipping: {
        name: '',
        company: '',
        line1: text(order.address),
        line2: '',
        city: '',
        state: '',
        postcode: '',
        country: opts.country,
        phone: text(order.phone),
        email: '',
      },
      items,
      problems,
      raw,
    },
  };
}

/** Each chosen option with its surcharge, as the shop prints it: 大小 大杯(+2.75). */
function itemOf(detail: Json): OrderItem {
  const item = detail.orderItem as Json;
  const attributes = Array.isArray(detail.attributes)
    ? detail.attributes.filter(isRecord).map((a) => {
        const adjustment = typeof a.priceAdjustment === 'number' ? a.priceAdjustment : 0;
        const value = text(a.attributeValue);
        return { name: text(a.attributeName), value: adjustment > 0 ? `${value}(+${adjustment.toFixed(2)})` : value };
      })
    : [];
  const price = typeof item.actualPrice === 'number' ? item.actualPrice : item.price;
  return {
    sku: text(item.goodsNo),
    name: text(item.goodsName),
    quantity: typeof item.quantity === 'number' ? item.quantity : 0,
    price: typeof price === 'number' ? price.toFixed(2) : text(price),
    attributes,
  };
}

function shopTimeToIso(value: unknown, utcOffset: string): string | null {
  if (typeof value !== 'string') return null;
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value}${utcOffset}` : value;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
