/**
 * One order of iRCloud's `orders/search` (with `withDetails: true`) as a NormalizedOrder. Never
 * throws: what cannot be read comes back as an InvalidOrder with the reason. The seed shows no
 * delivery address; the adapter reads `receiver` (the simulator's stand-in, see README) and an
 * order without one stops with the address problems every channel reports.
 */
import type { Address, OrderItem } from '../../../shared/dto';
import { addressProblems } from './address-problems';
import type { InvalidOrder, NormalizedOrder } from './channel-adapter';

export type MappedIrOrder = { order: NormalizedOrder } | { invalid: InvalidOrder } | { done: true };

type Json = Record<string, unknown>;

/**
 * iRCloud's order statuses and what PackDesk makes of them (one table, shown in README). The
 * server's own status filter answers HTTP 500, so this table is the filter: `pull` orders come
 * into the queue (awaiting audit too, so staff can audit them from there), `cancelled` ones cancel
 * ours, `done` ones (finished at iRCloud) are left out.
 */
export const IRCLOUD_STATUSES: Readonly<Record<string, { words: string; ours: 'pull' | 'cancelled' | 'done' }>> = {
  ORDER_AUDIT_PENDING: { words: 'awaiting order audit', ours: 'pull' },
  FINANCE_AUDIT_PENDING: { words: 'awaiting finance audit', ours: 'pull' },
  AUDITED: { words: 'audited', ours: 'pull' },
  FINISHED: { words: 'finished', ours: 'done' },
  CANCELLED: { words: 'cancelled', ours: 'cancelled' },
};

/** The one status from which iRCloud's order audit (`order-audit`) moves an order on. */
export const AWAITING_AUDIT = 'ORDER_AUDIT_PENDING';

/** iRCloud sends no currency; its prices are in yuan. */
const CURRENCY = 'CNY';

export interface IrMapOptions {
  /** iRCloud sends no country; every address is in this one (CN unless set), ISO alpha-2. */
  country: string;
}

export function mapIrOrder(raw: unknown, opts: IrMapOptions): MappedIrOrder {
  const id = isRecord(raw) && typeof raw.id === 'number' && Number.isSafeInteger(raw.id) && raw.id > 0 ? raw.id : null;
  if (!isRecord(raw) || id === null) {
    return { invalid: { externalId: null, reason: 'iRCloud sent an order without a readable id.', raw } };
  }
  const externalId = String(id);
  const number = text(raw.orderCode) || externalId;
  const invalid = (reason: string): MappedIrOrder => ({ invalid: { externalId, reason, raw } });
  const status = typeof raw.orderStatus === 'string' ? IRCLOUD_STATUSES[raw.orderStatus] : undefined;
  if (!status) return invalid(`Order ${number} has an unknown status ${JSON.stringify(raw.orderStatus)}.`);
  if (status.ours === 'done') return { done: true };
  const details = raw.orderDetails;
  if (!Array.isArray(details) || details.some((d) => !isRecord(d))) {
    return invalid(`Order ${number} came without readable items (orderDetails).`);
  }
  const placedAt = msToIso(raw.createTime);
  if (placedAt === null) return invalid(`Order ${number} has no readable creation time.`);
  const modifiedAt = msToIso(raw.updateTime) ?? placedAt;

  const items = (details as Json[]).map(itemOf);
  const shipping = addressOf(raw, opts.country);
  const problems = status.ours === 'cancelled' ? [] : addressProblems(shipping);
  if (items.length === 0) problems.push('Order has no items');
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      problems.push(`Item ${item.sku || item.name} has a quantity of ${item.quantity}, not a whole number to pack`);
    }
  }
  const total = (details as Json[]).reduce((sum, d) => sum + (typeof d.subtotal === 'number' ? d.subtotal : 0), 0);

  return {
    order: {
      externalId,
      orderNumber: number,
      channelStatus: raw.orderStatus as string,
      cancelled: status.ours === 'cancelled',
      placedAt,
      modifiedAt,
      currency: CURRENCY,
      total: total.toFixed(2),
      customerNote: text(raw.remark),
      shipping,
      items,
      problems,
      raw,
    },
  };
}

/** Quantities are decimals at iRCloud (`2.0`); the unit (包, 盒) goes along as an attribute. */
function itemOf(d: Json): OrderItem {
  const unit = text(d.unitName);
  return {
    sku: text(d.productCode),
    name: text(d.productName),
    quantity: typeof d.purchaseNumbers === 'number' ? d.purchaseNumbers : 0,
    price: typeof d.salePrice === 'number' ? d.salePrice.toFixed(2) : text(d.salePrice),
    attributes: unit ? [{ name: 'Unit', value: unit }] : [],
  };
}

/** The buyer is a business (a shop of a chain): its name goes on the label as the company. */
function addressOf(raw: Json, country: string): Address {
  const r = isRecord(raw.receiver) ? raw.receiver : {};
  const buyer = isRecord(raw.buyer) ? text(raw.buyer.name) : '';
  return {
    name: text(r.name),
    company: buyer,
    line1: [text(r.district), text(r.address)].filter(Boolean).join(''),
    line2: '',
    city: text(r.city),
    state: text(r.province),
    postcode: text(r.postcode),
    country: isRecord(raw.receiver) ? country : '',
    phone: text(r.phone),
    email: '',
  };
}

function msToIso(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  return new Date(value).toISOString();
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
