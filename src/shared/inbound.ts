/**
 * Inbound purchase orders (seed 004, the purchasing server) as the Inbound screen shows them.
 * They are goods coming to us, not customer orders: they have their own tables and queue.
 */
import type { DeliveryStatus } from './statuses';

export interface InboundRow {
  id: number;
  credentialId: number;
  storeName: string;
  /** The purchasing server's id of the order. */
  externalId: string;
  uuid: string;
  orderNumber: string;
  batchEncoding: string;
  trackingNumber: string;
  shippingMethod: string;
  accountUsed: string;
  /** As the server last said; null when the record was malformed. */
  deliveryStatus: DeliveryStatus | null;
  /** The status PackDesk is still to send (waiting in the outbox); null when nothing waits. */
  pendingDeliveryStatus: DeliveryStatus | null;
  /** Why the last change of the delivery status did not reach the server, in words. */
  deliveryStatusError: string | null;
  inventoryCount: number;
  isLocked: boolean;
  /** The worker holding the lock ("" when the server names none). */
  lockedBy: string;
  lockedAt: string | null;
  isDeleted: boolean;
  /** Why the record could not be read when it was last pulled, in words. */
  pullError: string | null;
  createdAt: string | null;
  shippedAt: string | null;
  estimatedDeliveryDate: string | null;
  remoteUpdatedAt: string | null;
}

export interface InventoryItemView {
  externalId: string;
  uuid: string;
  flag: string;
  /** in_transit, arrived, out_of_stock, abnormal (seed 004); kept as the server sends it. */
  status: string;
  productType: string | null;
  createdAt: string | null;
}

export interface InboundDetail extends InboundRow {
  paymentMethod: string;
  officialAccount: string;
  batchLevels: [string, string, string];
  officialQueryUrl: string;
  latestDeliveryStatus: string;
  creationSource: string;
  items: InventoryItemView[];
}

/** The fields whose values the Inbound screen offers to choose from: shared by many orders. */
export const INBOUND_CHOICE_FIELDS = [
  'paymentMethod',
  'officialAccount',
  'creationSource',
  'batchEncoding',
  'batchLevel1',
  'batchLevel2',
  'batchLevel3',
] as const;

/**
 * Seed 004's filters on a purchase order's own fields, each an exact match as the server's are.
 * The order and tracking numbers are also found in part by the search.
 */
export const INBOUND_FIELDS = [...INBOUND_CHOICE_FIELDS, 'orderNumber', 'trackingNumber'] as const;
export type InboundField = (typeof INBOUND_FIELDS)[number];
export type InboundChoiceField = (typeof INBOUND_CHOICE_FIELDS)[number];

/** The values each choosable field has among the purchase orders held (deleted ones aside), sorted. */
export type InboundFilterChoices = Record<InboundChoiceField, string[]>;

export interface InboundPage {
  /** Rows matching the filter, all pages together. */
  total: number;
  rows: InboundRow[];
}
