/**
 * Packing batches (seed 000 §3): the labelled orders of one store, waiting for no batch, grouped
 * under `BATCH_{channel}_{yyyymmdd}_{nnn}` with a per-day sequence, in pick order.
 */
import type { BatchView, CreateBatchResult, FileDownload } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { BatchStatus } from '../../../shared/statuses';
import { iso, type Clock } from '../clock';
import { getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import type { LabelLanguageDeps } from '../labels/label-in-language';
import { transition } from '../orders/state-machine';
import { batchContents } from './batch-contents';
import { buildBatchZip } from './batch-zip';
import { compareSku, firstSku } from './sku-order';

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
    // Pick order: by the first SKU a picker reaches in each order, as the pick list walks them.
    const rows = sqlite
      .prepare(
        `SELECT o.id, o.order_number, i.sku FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
         WHERE o.credential_id = ? AND o.status IN ('label_created', 'synced') AND o.batch_id IS NULL`,
      )
      .all(credentialId) as { id: number; order_number: string; sku: string | null }[];
    const ready = new Map<number, { id: number; orderNumber: string; skus: string[] }>();
    for (const r of rows) {
      const order = ready.get(r.id) ?? { id: r.id, orderNumber: r.order_number, skus: [] };
      if (r.sku) order.skus.push(r.sku);
      ready.set(r.id, order);
    }
    const orderIds = [...ready.values()]
      .map((o) => ({ ...o, first: firstSku(o.skus) }))
      .sort((a, b) => compareSku(a.first, b.first) || compareSku(a.orderNumber, b.orderNumber))
      .map((o) => o.id);
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
  print_open: number;
  print_problem: string | null;
}

export function listBatches(db: Db): BatchView[] {
  const rows = db.$client
    .prepare(
      `SELECT b.id, b.channel, b.seller_id, b.status, b.order_count, b.created_at,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND o.status IN ('packed', 'shipped')) AS packed_count,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND o.status = 'shipped') AS shipped_count,
              (SELECT count(*) FROM print_jobs j WHERE json_extract(j.document, '$.batchId') = b.id
                AND j.state IN ('queued', 'printing', 'waiting')) AS print_open,
              (SELECT j.last_error FROM print_jobs j WHERE json_extract(j.document, '$.batchId') = b.id
                AND (j.state = 'waiting' OR (j.state = 'failed' AND b.status = 'created'))
                ORDER BY j.id DESC LIMIT 1) AS print_problem
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
    printJobsOpen: r.print_open,
    printProblem: r.print_problem,
    fileName: `${r.id}.zip`,
    createdAt: r.created_at,
  }));
}

/** The batch's ZIP; a carrier's label missing in one language is fetched from it once (batch-contents.ts). */
export async function downloadBatch(deps: LabelLanguageDeps, batchId: string): Promise<FileDownload> {
  const bytes = await buildBatchZip(await batchContents(deps, batchId, ['pdf', 'zpl']));
  return { fileName: `${batchId}.zip`, mimeType: 'application/zip', bytes };
}
