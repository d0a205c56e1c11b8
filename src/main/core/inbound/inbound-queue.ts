/**
 * The Inbound queue: purchase orders as the Inbound screen lists and opens them, filtered by
 * account, delivery status and lock, searched as the seed searches (uuid, order number, tracking
 * number, account used, batch encoding). Soft-deleted ones stay out unless asked for.
 */
import type { ApiParsed } from '../../../shared/contract';
import type { InboundDetail, InboundPage, InboundRow, InventoryItemView } from '../../../shared/inbound';
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
