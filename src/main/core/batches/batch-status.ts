/**
 * A batch's life as the shift lead sees it: created, printed (its files went to the printers),
 * packing (the first of its orders was scanned), packed (none is left to pack), closed (by hand,
 * once packed). Packing moves follow the orders; printed and closed are people's decisions.
 */
import { AppError } from '../../../shared/errors';
import type { BatchStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';

const RANK: Record<BatchStatus, number> = { created: 0, printed: 1, packing: 2, packed: 3, closed: 4 };

/** Orders that no longer need packing: done, or gone from the pipeline. */
const DONE_SQL = "('packed', 'shipped', 'cancelled')";

interface BatchState {
  status: BatchStatus;
  open: number;
  started: number;
}

function batchState(db: Db, batchId: string): BatchState {
  const row = db.$client
    .prepare(
      `SELECT b.status,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND o.status NOT IN ${DONE_SQL}) AS open,
              (SELECT count(*) FROM batch_orders bo JOIN orders o ON o.id = bo.order_id
                WHERE bo.batch_id = b.id AND (o.status IN ('packed', 'shipped')
                  OR EXISTS (SELECT 1 FROM pack_scans s WHERE s.order_id = o.id))) AS started
       FROM batches b WHERE b.id = ?`,
    )
    .get(batchId) as BatchState | undefined;
  if (!row) throw new AppError('not_found', `There is no batch ${batchId}.`);
  return row;
}

function setStatus(db: Db, batchId: string, status: BatchStatus, at: string): void {
  db.$client.prepare('UPDATE batches SET status = ?, updated_at = ? WHERE id = ?').run(status, at, batchId);
}

/** After a scan or a packed order: packing once any order is started, packed when none is left. */
export function followPacking(db: Db, batchId: string, at: string): BatchStatus {
  const state = batchState(db, batchId);
  let next = state.status;
  if (state.open === 0) next = 'packed';
  else if (state.started > 0) next = 'packing';
  if (RANK[next] <= RANK[state.status]) return state.status;
  setStatus(db, batchId, next, at);
  return next;
}

/** Its files went to the printers; a batch already being packed stays where it is. */
export function markBatchPrinted(db: Db, batchId: string, at: string): BatchStatus {
  const state = batchState(db, batchId);
  if (state.status !== 'created') return state.status;
  setStatus(db, batchId, 'printed', at);
  return 'printed';
}

/** The documents "Print" sends for a batch (batch-print.ts). */
const BATCH_DOCUMENTS = "('label', 'packing_slip', 'pick_list')";

/**
 * After one of the batch's print jobs has printed: once a job of each document has (a reprint
 * counts as well as the first), the batch's files have gone to the printers.
 */
export function followPrinting(db: Db, batchId: string, at: string): BatchStatus | null {
  const row = db.$client
    .prepare(
      `SELECT b.status,
              (SELECT count(DISTINCT json_extract(j.document, '$.kind')) FROM print_jobs j
                WHERE j.state = 'printed' AND json_extract(j.document, '$.batchId') = b.id
                  AND json_extract(j.document, '$.kind') IN ${BATCH_DOCUMENTS}) AS printed
       FROM batches b WHERE b.id = ?`,
    )
    .get(batchId) as { status: BatchStatus; printed: number } | undefined;
  if (!row) return null;
  if (row.printed < 3) return row.status;
  return markBatchPrinted(db, batchId, at);
}

export function closeBatch(db: Db, batchId: string, at: string): BatchStatus {
  return db.$client.transaction(() => {
    // An order cancelled by its shop leaves the batch with nothing to pack without any scan.
    followPacking(db, batchId, at);
    const state = batchState(db, batchId);
    if (state.status === 'closed') return state.status;
    if (state.status !== 'packed') {
      const left = state.open;
      throw new AppError(
        'conflict',
        `Batch ${batchId} still has ${left} ${left === 1 ? 'order' : 'orders'} to pack; close it once every order is packed.`,
        { batchId, open: left },
      );
    }
    setStatus(db, batchId, 'closed', at);
    return 'closed' as const;
  })();
}
