/**
 * The local copy of inbound purchase orders (migration 005). A pull or an outbox answer upserts
 * the server's record; what PackDesk itself still has to send (pending delivery status, its
 * revision and error) is never touched by an upsert.
 */
import type { Db } from '../db/open';
import { searchKey } from '../orders/search-text';
import type { PurchaseRecord } from './purchasing-record';

/** Writes the record (items replaced: the server owns them). Answers whether it was new. */
export function upsertPurchaseOrder(db: Db, credentialId: number, r: PurchaseRecord, at: string): 'new' | 'updated' {
  const sqlite = db.$client;
  const existing = sqlite
    .prepare('SELECT id FROM purchase_orders WHERE credential_id = ? AND external_id = ?')
    .pluck()
    .get(credentialId, r.externalId) as number | undefined;
  const fields = {
    uuid: r.uuid,
    order_number: r.orderNumber,
    official_account: r.officialAccount,
    batch_encoding: r.batchEncoding,
    batch_level_1: r.batchLevels[0],
    batch_level_2: r.batchLevels[1],
    batch_level_3: r.batchLevels[2],
    tracking_number: r.trackingNumber,
    shipping_method: r.shippingMethod,
    official_query_url: r.officialQueryUrl,
    account_used: r.accountUsed,
    payment_method: r.paymentMethod,
    creation_source: r.creationSource,
    delivery_status: r.deliveryStatus,
    latest_delivery_status: r.latestDeliveryStatus,
    inventory_count: r.inventoryCount,
    is_locked: r.isLocked ? 1 : 0,
    locked_at: r.lockedAt,
    locked_by_worker: r.lockedBy,
    is_deleted: r.isDeleted ? 1 : 0,
    remote_created_at: r.createdAt,
    shipped_at: r.shippedAt,
    estimated_delivery_date: r.estimatedDeliveryDate,
    remote_updated_at: r.updatedAt,
    pull_error: r.problems.length > 0 ? r.problems.join(' ') : null,
    // The seed's search fields: uuid, order number, tracking number, account used, batch encoding.
    search_text: searchKey([r.uuid, r.orderNumber, r.trackingNumber, r.accountUsed, r.batchEncoding].join(' | ')),
    raw: JSON.stringify(r.raw),
    updated_at: at,
  };
  const names = Object.keys(fields);
  let id: number;
  if (existing === undefined) {
    id = Number(
      sqlite
        .prepare(
          `INSERT INTO purchase_orders (credential_id, external_id, created_at, ${names.join(', ')})
           VALUES (?, ?, ?, ${names.map(() => '?').join(', ')})`,
        )
        .run(credentialId, r.externalId, at, ...Object.values(fields)).lastInsertRowid,
    );
  } else {
    id = existing;
    sqlite
      .prepare(`UPDATE purchase_orders SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`)
      .run(...Object.values(fields), id);
    // A malformed record's items could not be read: keep the ones last seen rather than none.
    if (r.problems.length > 0 && r.items.length === 0) return 'updated';
    sqlite.prepare('DELETE FROM purchase_order_items WHERE purchase_order_id = ?').run(id);
  }
  const insertItem = sqlite.prepare(
    `INSERT INTO purchase_order_items (purchase_order_id, position, external_id, uuid, flag, status, product_type, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  r.items.forEach((item, position) =>
    insertItem.run(id, position, item.externalId, item.uuid, item.flag, item.status, item.productType, item.createdAt),
  );
  return existing === undefined ? 'new' : 'updated';
}
