/**
 * The ends of a label purchase in the database. `pending` (the intent) was committed before the
 * carrier was called; these move it to `bought` (the file fsynced first, so a bought label is never
 * only in memory) or `failed` (the reason in words on the order), together with the order's status.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CarrierAdapter, CreatedLabel } from '../carriers/carrier-adapter';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { transition } from '../orders/state-machine';

export interface LabelDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** The carriers offered now; one that is not set up is absent. */
  carriers: Readonly<Partial<Record<string, CarrierAdapter>>>;
}

export interface PendingLabel {
  id: number;
  order_id: number;
  carrier: string;
  idempotency_key: string;
}

export const LABEL_ACTOR = 'labels';

/** A label the carrier made: its file, then the label, the order's tracking and status in one transaction. */
export function markBought(deps: LabelDeps, label: PendingLabel, created: CreatedLabel, actor = LABEL_ACTOR): void {
  const file = saveLabelFile(deps.dataDir, label.order_id, created);
  const sqlite = deps.db.$client;
  const at = iso(deps.clock());
  sqlite.transaction(() => {
    sqlite
      .prepare(
        "UPDATE labels SET state = 'bought', tracking_number = ?, format = ?, file_path = ?, error = NULL, updated_at = ? WHERE id = ?",
      )
      .run(created.trackingNumber, created.format, file, at, label.id);
    sqlite
      .prepare(
        "UPDATE orders SET tracking_number = ?, carrier = ?, search_text = search_text || ' | ' || ?, updated_at = ? WHERE id = ?",
      )
      .run(created.trackingNumber, label.carrier, created.trackingNumber, at, label.order_id);
    resolveErrors(deps.db, label.order_id, 'label', at);
    transition(deps.db, label.order_id, 'label_created', {
      actor,
      at,
      reason: `${label.carrier} ${created.trackingNumber}`,
    });
  })();
}

/** Nothing was bought: the label is failed and the order says why. */
export function markFailed(
  deps: Pick<LabelDeps, 'db' | 'clock'>,
  label: Pick<PendingLabel, 'id' | 'order_id'>,
  message: string,
  errorType: string,
  actor = LABEL_ACTOR,
): void {
  const sqlite = deps.db.$client;
  const at = iso(deps.clock());
  sqlite.transaction(() => {
    sqlite
      .prepare("UPDATE labels SET state = 'failed', error = ?, updated_at = ? WHERE id = ?")
      .run(message, at, label.id);
    failOrder(deps.db, label.order_id, errorType, message, at, actor);
  })();
}

export function failOrder(
  db: Db,
  orderId: number,
  errorType: string,
  message: string,
  at: string,
  actor = LABEL_ACTOR,
): void {
  recordError(db, orderId, { step: 'label', errorType, message }, at);
  transition(db, orderId, 'label_failed', { actor, at, reason: message });
}

export function pendingLabelOf(db: Db, orderId: number): PendingLabel | undefined {
  return db.$client
    .prepare("SELECT id, order_id, carrier, idempotency_key FROM labels WHERE order_id = ? AND state = 'pending'")
    .get(orderId) as PendingLabel | undefined;
}

/** Written and fsynced before the database says the label exists: a label is never only in memory. */
function saveLabelFile(dataDir: string, orderId: number, label: CreatedLabel): string {
  const dir = join(dataDir, 'labels');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${orderId}-${label.trackingNumber}.${label.format}`);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, label.document);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return file;
}
