/**
 * Reads one purchase order record of the purchasing server (seed 004). A record PackDesk cannot
 * use whole (an unknown delivery status, items that are not a list, a lock flag that is not a
 * boolean) is still kept under its id with the reason in words, so the queue shows it; one
 * without a usable id can only be counted.
 */
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../shared/statuses';

export interface PurchaseItem {
  externalId: string;
  uuid: string;
  flag: string;
  status: string;
  productType: string | null;
  createdAt: string | null;
}

export interface PurchaseRecord {
  externalId: string;
  uuid: string;
  orderNumber: string;
  officialAccount: string;
  batchEncoding: string;
  batchLevels: [string, string, string];
  trackingNumber: string;
  shippingMethod: string;
  officialQueryUrl: string;
  accountUsed: string;
  paymentMethod: string;
  creationSource: string;
  deliveryStatus: DeliveryStatus | null;
  latestDeliveryStatus: string;
  inventoryCount: number;
  items: PurchaseItem[];
  isLocked: boolean;
  lockedAt: string | null;
  lockedBy: string;
  isDeleted: boolean;
  createdAt: string | null;
  shippedAt: string | null;
  estimatedDeliveryDate: string | null;
  updatedAt: string | null;
  /** What is wrong with the record, in words; empty when it was read whole. */
  problems: string[];
  raw: unknown;
}

export type ReadRecord = { record: PurchaseRecord } | { invalid: { externalId: string | null; reason: string } };

export function readPurchaseRecord(raw: unknown): ReadRecord {
  if (!isRecord(raw))
    return { invalid: { externalId: null, reason: 'The purchasing server sent a record that is not an object.' } };
  const id = raw.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
    return {
      invalid: {
        externalId: null,
        reason: `A purchase order came without a usable id (${JSON.stringify(id) ?? 'none'}).`,
      },
    };
  }
  const problems: string[] = [];
  const status = raw.delivery_status;
  const deliveryStatus = DELIVERY_STATUSES.find((s) => s === status) ?? null;
  if (deliveryStatus === null) {
    problems.push(
      `Its delivery status "${String(status)}" is not one PackDesk knows (${DELIVERY_STATUSES.join(', ')}).`,
    );
  }
  let items: PurchaseItem[] = [];
  if (!Array.isArray(raw.inventory_items)) {
    problems.push('Its inventory items are not a list.');
  } else {
    items = raw.inventory_items.flatMap((item, i) => {
      if (!isRecord(item) || (typeof item.id !== 'number' && typeof item.id !== 'string')) {
        problems.push(`Inventory item ${i + 1} has no id.`);
        return [];
      }
      return [
        {
          externalId: String(item.id),
          uuid: text(item.uuid),
          flag: text(item.flag),
          status: text(item.status),
          productType: typeof item.product_type === 'string' ? item.product_type : null,
          createdAt: time(item.created_at),
        },
      ];
    });
  }
  if (raw.is_locked !== undefined && typeof raw.is_locked !== 'boolean')
    problems.push('Its lock flag is not true or false.');
  if (raw.is_deleted !== undefined && typeof raw.is_deleted !== 'boolean')
    problems.push('Its deleted flag is not true or false.');
  const account = raw.official_account_display;
  return {
    record: {
      externalId: String(id),
      uuid: text(raw.uuid),
      orderNumber: text(raw.order_number),
      officialAccount: isRecord(account)
        ? [text(account.name), text(account.account_id)].filter(Boolean).join(' · ')
        : '',
      batchEncoding: text(raw.batch_encoding),
      batchLevels: [text(raw.batch_level_1), text(raw.batch_level_2), text(raw.batch_level_3)],
      trackingNumber: text(raw.tracking_number),
      shippingMethod: text(raw.shipping_method),
      officialQueryUrl: text(raw.official_query_url),
      accountUsed: text(raw.account_used),
      paymentMethod: text(raw.payment_method),
      creationSource: text(raw.creation_source),
      deliveryStatus,
      latestDeliveryStatus: text(raw.latest_delivery_status),
      inventoryCount: typeof raw.inventory_count === 'number' ? raw.inventory_count : items.length,
      items,
      // A record whose lock cannot be read counts as locked: PackDesk must not write over a worker.
      isLocked: raw.is_locked === true || (raw.is_locked !== undefined && typeof raw.is_locked !== 'boolean'),
      lockedAt: time(raw.locked_at),
      lockedBy: text(raw.locked_by_worker),
      isDeleted: raw.is_deleted === true,
      createdAt: time(raw.created_at),
      shippedAt: time(raw.shipped_at),
      estimatedDeliveryDate: typeof raw.estimated_delivery_date === 'string' ? raw.estimated_delivery_date : null,
      updatedAt: time(raw.updated_at),
      problems,
      raw,
    },
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

/** ISO times in UTC; anything unreadable is left out rather than guessed. */
function time(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
