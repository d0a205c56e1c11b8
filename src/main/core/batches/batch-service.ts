/**
 * Packing batches (seed 000 §3): the labelled orders of one store, waiting for no batch, grouped
 * under `BATCH_{channel}_{yyyymmdd}_{nnn}` with a per-day sequence, in pick order.
 */
import { readFileSync } from 'node:fs';
import type { BatchView, CreateBatchResult, FileDownload, OrderItem } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { BatchStatus } from '../../../shared/statuses';
import { iso, type Clock } from '../clock';
import { getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { transition } from '../orders/state-machine';
import { buildBatchZip } from './batch-zip';
import type { ManifestRow } from './manifest-csv';
import type { SlipOrder } from './packing-slips-pdf';

/** The station's calendar day, as people on the floor name it. */
function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

export function createBatch(db: Db, clock: Clock, credentialId: number): CreateBatchResult {
  const cred = getCredential(db, credentialId);
  const sqlite = db.$client;
  const now = clock();
  const at = iso(now);
  return sqlite.transaction((): CreateBatchResult => {
    // Pick order: by the first item's SKU, so a picker walks the shelves once.
    const orderIds = (
      sqlite
        .prepare(
          `SELECT o.id FROM orders o
           WHERE o.credential_id = ? AND o.status IN ('label_created', 'synced') AND o.batch_id IS NULL
           ORDER BY (SELECT min(i.sku) FROM order_items i WHERE i.order_id = o.id), o.order_number`,
        )
        .all(credentialId) as { id: number }[]
    ).map((r) => r.id);
    if (orderIds.length === 0) {
      throw new AppError(
        'conflict',
        `No orders of ${cred.displayName} are ready for a batch: make their labels first.`,
      );
    }
    const day = localDay(now);
    const seq =
      (
        sqlite
          .prepare('SELECT coalesce(max(seq), 0) AS n FROM batches WHERE channel = ? AND day = ?')
          .get(cred.providerCode, day) as { n: number }
      ).n + 1;
    const batchId = `BATCH_${cred.providerCode}_${day}_${String(seq).padStart(3, '0')}`;
    sqlite
      .prepare(
        "INSERT INTO batches (id, credential_id, channel, seller_id, day, seq, status, order_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'created', ?, ?, ?)",
      )
      .run(batchId, credentialId, cred.providerCode, cred.externalId, day, seq, orderIds.length, at, at);
    const link = sqlite.prepare('INSERT INTO batch_orders (batch_id, order_id, position) VALUES (?, ?, ?)');
    const setBatch = sqlite.prepare('UPDATE orders SET batch_id = ? WHERE id = ?');
    orderIds.forEach((orderId, position) => {
      link.run(batchId, orderId, position);
      setBatch.run(batchId, orderId);
      transition(db, orderId, 'batched', { actor: 'batches', at, reason: batchId });
    });
    return { batch_id: batchId, order_count: orderIds.length };
  })();
}

interface BatchRecord {
  id: string;
  channel: string;
  seller_id: string;
  status: BatchStatus;
  order_count: number;
  packed_count: number;
  shipped_count: number;
  created_at: string;
}

export function listBatches(db: Db): BatchView[] {
  const rows = db.$client
    .prepare(
      `SELECT b.id, b.channel, b.seller_id, b.status, b.order_count, b.created_at,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND o.status IN ('packed', 'shipped')) AS packed_count,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND o.status = 'shipped') AS shipped_count
       FROM batches b ORDER BY b.created_at DESC, b.id DESC`,
    )
    .all() as BatchRecord[];
  return rows.map((r) => ({
    batchId: r.id,
    channel: r.channel,
    sellerId: r.seller_id,
    status: r.status,
    orderCount: r.order_count,
    packedCount: r.packed_count,
    shippedCount: r.shipped_count,
    fileName: `${r.id}.zip`,
    createdAt: r.created_at,
  }));
}

interface BatchOrderRecord {
  id: number;
  order_number: string;
  channel: string;
  seller_id: string;
  shop_name: string;
  placed_at: string;
  customer_note: string;
  ship_name: string;
  ship_company: string;
  ship_line1: string;
  ship_line2: string;
  ship_city: string;
  ship_state: string;
  ship_postcode: string;
  ship_country: string;
  ship_phone: string;
  tracking_number: string;
  carrier: string;
  item_count: number;
  label_format: string | null;
  file_path: string;
}

interface ItemRecord {
  order_id: number;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  attributes: string;
}

export async function downloadBatch(db: Db, batchId: string): Promise<FileDownload> {
  const sqlite = db.$client;
  const batch = sqlite.prepare('SELECT id FROM batches WHERE id = ?').get(batchId);
  if (!batch) throw new AppError('not_found', `There is no batch ${batchId}.`);
  const rows = sqlite
    .prepare(
      `SELECT o.id, o.order_number, o.channel, o.seller_id, c.display_name AS shop_name, o.placed_at, o.customer_note,
              o.ship_name, o.ship_company, o.ship_line1, o.ship_line2, o.ship_city, o.ship_state, o.ship_postcode,
              o.ship_country, o.ship_phone, o.tracking_number, o.carrier, o.item_count,
              l.format AS label_format, l.file_path
       FROM batch_orders b JOIN orders o ON o.id = b.order_id
       JOIN credentials c ON c.id = o.credential_id
       JOIN labels l ON l.order_id = o.id AND l.state = 'bought'
       WHERE b.batch_id = ? ORDER BY b.position`,
    )
    .all(batchId) as BatchOrderRecord[];
  const items = new Map<number, OrderItem[]>();
  const itemRows = sqlite
    .prepare(
      `SELECT i.order_id, i.sku, i.name, i.quantity, i.price, i.attributes
       FROM batch_orders b JOIN order_items i ON i.order_id = b.order_id
       WHERE b.batch_id = ? ORDER BY i.order_id, i.position`,
    )
    .all(batchId) as ItemRecord[];
  for (const r of itemRows) {
    const list = items.get(r.order_id) ?? [];
    list.push({
      sku: r.sku,
      name: r.name,
      quantity: r.quantity,
      price: r.price,
      attributes: JSON.parse(r.attributes) as OrderItem['attributes'],
    });
    items.set(r.order_id, list);
  }
  const skus = (orderId: number) =>
    (items.get(orderId) ?? []).map((i) => `${i.sku || i.name} x${i.quantity}`).join('; ');
  const manifest: ManifestRow[] = rows.map((r) => ({
    orderNumber: r.order_number,
    channel: r.channel,
    sellerId: r.seller_id,
    recipientName: r.ship_name,
    country: r.ship_country,
    postcode: r.ship_postcode,
    city: r.ship_city,
    trackingNumber: r.tracking_number,
    carrier: r.carrier,
    itemCount: r.item_count,
    skus: skus(r.id),
  }));
  const orders: SlipOrder[] = rows.map((r) => ({
    orderId: r.id,
    orderNumber: r.order_number,
    shopName: r.shop_name,
    placedAt: r.placed_at,
    customerNote: r.customer_note,
    shipping: {
      name: r.ship_name,
      company: r.ship_company,
      line1: r.ship_line1,
      line2: r.ship_line2,
      city: r.ship_city,
      state: r.ship_state,
      postcode: r.ship_postcode,
      country: r.ship_country,
      phone: r.ship_phone,
      email: '',
    },
    trackingNumber: r.tracking_number,
    carrier: r.carrier,
    items: items.get(r.id) ?? [],
  }));
  const bytes = await buildBatchZip({
    batchId,
    // ZPL labels (thermal printers) cannot be merged into a PDF; they travel as labels.zpl.
    labels: rows
      .filter((r) => (r.label_format ?? 'pdf') === 'pdf')
      .map((r) => ({ orderNumber: r.order_number, pdf: new Uint8Array(readFileSync(r.file_path)) })),
    orders,
    manifest,
  });
  return { fileName: `${batchId}.zip`, mimeType: 'application/zip', bytes };
}
