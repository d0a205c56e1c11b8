/**
 * Packing batches (seed 000 §3): the labelled orders of one store, waiting for no batch, grouped
 * under `BATCH_{channel}_{yyyymmdd}_{nnn}` with a per-day sequence, in pick order.
 */
import { readFileSync } from 'node:fs';
import type { BatchView, CreateBatchResult, FileDownload } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { BatchStatus } from '../../../shared/statuses';
import { iso, type Clock } from '../clock';
import { getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { transition } from '../orders/state-machine';
import { buildBatchZip } from './batch-zip';
import type { ManifestRow } from './manifest-csv';

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
  created_at: string;
}

export function listBatches(db: Db): BatchView[] {
  const rows = db.$client
    .prepare(
      'SELECT id, channel, seller_id, status, order_count, created_at FROM batches ORDER BY created_at DESC, id DESC',
    )
    .all() as BatchRecord[];
  return rows.map((r) => ({
    batchId: r.id,
    channel: r.channel,
    sellerId: r.seller_id,
    status: r.status,
    orderCount: r.order_count,
    fileName: `${r.id}.zip`,
    createdAt: r.created_at,
  }));
}

interface BatchOrderRecord {
  order_number: string;
  channel: string;
  seller_id: string;
  ship_name: string;
  ship_country: string;
  ship_postcode: string;
  ship_city: string;
  tracking_number: string;
  carrier: string;
  item_count: number;
  skus: string | null;
  file_path: string;
}

export async function downloadBatch(db: Db, batchId: string): Promise<FileDownload> {
  const sqlite = db.$client;
  const batch = sqlite.prepare('SELECT id FROM batches WHERE id = ?').get(batchId);
  if (!batch) throw new AppError('not_found', `There is no batch ${batchId}.`);
  const rows = sqlite
    .prepare(
      `SELECT o.order_number, o.channel, o.seller_id, o.ship_name, o.ship_country, o.ship_postcode, o.ship_city,
              o.tracking_number, o.carrier, o.item_count, l.file_path,
              (SELECT group_concat(i.sku || ' x' || i.quantity, '; ') FROM order_items i WHERE i.order_id = o.id) AS skus
       FROM batch_orders b JOIN orders o ON o.id = b.order_id
       JOIN labels l ON l.order_id = o.id AND l.state = 'bought'
       WHERE b.batch_id = ? ORDER BY b.position`,
    )
    .all(batchId) as BatchOrderRecord[];
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
    skus: r.skus ?? '',
  }));
  const bytes = await buildBatchZip({
    batchId,
    labels: rows.map((r) => ({ orderNumber: r.order_number, pdf: new Uint8Array(readFileSync(r.file_path)) })),
    manifest,
  });
  return { fileName: `${batchId}.zip`, mimeType: 'application/zip', bytes };
}
