/**
 * The Inbound queue: purchase orders as the Inbound screen lists and opens them, filtered by
 * account, delivery status, lock and the seed's exact fields (payment method, official account,
 * creation source, batch encoding and levels, order and tracking number), searched as the seed
 * searches (uuid, order number, tracking number, account used, batch encoding). Soft-deleted ones
 * stay out unless asked for.
 */
import type { ApiParsed } from '../../../shared/contract';
import {
  INBOUND_CHOICE_FIELDS,
  INBOUND_FIELDS,
  type InboundDetail,
  type InboundField,
  type InboundFilterChoices,
  type InboundPage,
  type InboundRow,
  type InventoryItemView,
} from '../../../shared/inbound';
import { AppError } from '../../../shared/errors';
import type { DeliveryStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { searchKey } from '../orders/search-text';

export type InboundFilter = Omit<ApiParsed<'inbound.list'>, 'offset' | 'limit'>;

interface Row {
  id: number;
  credential_id: number;
  store_name: string;
  external_id: string;
  uuid: string;
  order_number: string;
  official_account: string;
  batch_encoding: string;
  batch_level_1: string;
  batch_level_2: string;
  batch_level_3: string;
  tracking_number: string;
  shipping_method: string;
  official_query_url: string;
  account_used: string;
  payment_method: string;
  creation_source: string;
  delivery_status: DeliveryStatus | null;
  latest_delivery_status: string;
  pending_delivery_status: DeliveryStatus | null;
  delivery_status_error: string | null;
  inventory_count: number;
  is_locked: number;
  locked_at: string | null;
  locked_by_worker: string;
  is_deleted: number;
  remote_created_at: string | null;
  shipped_at: string | null;
  estimated_delivery_date: string | null;
  remote_updated_at: string | null;
  pull_error: string | null;
}

/** Where each of the seed's exact filters looks (columns of migration 005). */
const FIELD_COLUMNS: Readonly<Record<InboundField, string>> = {
  paymentMethod: 'payment_method',
  officialAccount: 'official_account',
  creationSource: 'creation_source',
  batchEncoding: 'batch_encoding',
  batchLevel1: 'batch_level_1',
  batchLevel2: 'batch_level_2',
  batchLevel3: 'batch_level_3',
  orderNumber: 'order_number',
  trackingNumber: 'tracking_number',
};

const SELECT = `SELECT p.*, c.display_name AS store_name FROM purchase_orders p JOIN credentials c ON c.id = p.credential_id`;

export function listInbound(db: Db, filter: InboundFilter, offset: number, limit: number): InboundPage {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.credentialId !== undefined) {
    where.push('p.credential_id = ?');
    params.push(filter.credentialId);
  }
  if (filter.deliveryStatus !== undefined) {
    where.push('p.delivery_status = ?');
    params.push(filter.deliveryStatus);
  }
  if (filter.locked !== undefined) {
    where.push('p.is_locked = ?');
    params.push(filter.locked ? 1 : 0);
  }
  for (const field of INBOUND_FIELDS) {
    const value = filter[field];
    if (value === undefined || value === '') continue;
    where.push(`p.${FIELD_COLUMNS[field]} = ?`);
    params.push(value);
  }
  if (!filter.includeDeleted) where.push('p.is_deleted = 0');
  for (const term of (filter.search ?? '').split(/\s+/).filter((t) => t.length > 0)) {
    where.push('instr(p.search_text, ?) > 0');
    params.push(searchKey(term));
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const sqlite = db.$client;
  const total = sqlite
    .prepare(`SELECT count(*) FROM purchase_orders p ${clause}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`${SELECT} ${clause} ORDER BY p.remote_created_at DESC, p.id DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as Row[];
  return { total, rows: rows.map(rowOf) };
}

/** What the Inbound screen offers for each choosable field: the values its orders have. */
export function inboundFilterChoices(db: Db): InboundFilterChoices {
  const choices = {} as InboundFilterChoices;
  for (const field of INBOUND_CHOICE_FIELDS) {
    const column = FIELD_COLUMNS[field];
    choices[field] = db.$client
      .prepare(
        `SELECT DISTINCT ${column} FROM purchase_orders WHERE is_deleted = 0 AND ${column} <> '' ORDER BY ${column} LIMIT 500`,
      )
      .pluck()
      .all() as string[];
  }
  return choices;
}

export function getInbound(db: Db, id: number): InboundDetail {
  const r = db.$client.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `There is no inbound purchase order with number ${id}.`);
  const items = db.$client
    .prepare(
      `SELECT external_id AS externalId, uuid, flag, status, product_type AS productType, created_at AS createdAt
       FROM purchase_order_items WHERE purchase_order_id = ? ORDER BY position`,
    )
    .all(id) as InventoryItemView[];
  return {
    ...rowOf(r),
    paymentMethod: r.payment_method,
    officialAccount: r.official_account,
    batchLevels: [r.batch_level_1, r.batch_level_2, r.batch_level_3],
    officialQueryUrl: r.official_query_url,
    latestDeliveryStatus: r.latest_delivery_status,
    creationSource: r.creation_source,
    items,
  };
}

function rowOf(r: Row): InboundRow {
  return {
    id: r.id,
    credentialId: r.credential_id,
    storeName: r.store_name,
    externalId: r.external_id,
    uuid: r.uuid,
    orderNumber: r.order_number,
    batchEncoding: r.batch_encoding,
    trackingNumber: r.tracking_number,
    shippingMethod: r.shipping_method,
    accountUsed: r.account_used,
    deliveryStatus: r.delivery_status,
    pendingDeliveryStatus: r.pending_delivery_status,
    deliveryStatusError: r.delivery_status_error,
    inventoryCount: r.inventory_count,
    isLocked: r.is_locked === 1,
    lockedBy: r.locked_by_worker,
    lockedAt: r.locked_at,
    isDeleted: r.is_deleted === 1,
    pullError: r.pull_error,
    createdAt: r.remote_created_at,
    shippedAt: r.shipped_at,
    estimatedDeliveryDate: r.estimated_delivery_date,
    remoteUpdatedAt: r.remote_updated_at,
  };
}
