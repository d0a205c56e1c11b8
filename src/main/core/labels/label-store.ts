/**
 * The ends of a label purchase in the database. `pending` (the intent) was committed before the
 * carrier was called; these move it to `bought` (the file fsynced first, so a bought label is never
 * only in memory) or `failed` (the reason in words on the order), together with the order's status.
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { CarrierAdapter, CreatedLabel } from '../carriers/carrier-adapter';
import type { CarrierGates } from '../carriers/carrier-gate';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { searchKey } from '../orders/search-text';
import { transition } from '../orders/state-machine';
import { enqueueAfterLabel } from '../outbox/tracking-sync';

export interface LabelDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** The carriers offered now; one that is not set up is absent. */
  carriers: Readonly<Partial<Record<string, CarrierAdapter>>>;
  /** Runs once a label is bought and stored (e.g. printing it at once); it never undoes the label. */
  onLabelBought?: (orderId: number) => Promise<void>;
  /** Shared by every run of the process, so runs together stay within each carrier's limit. */
  gates?: CarrierGates;
  /**
   * The orders a run of this process is buying or looking up right now, shared by every run like
   * `gates`. A second run reaching one of them would take the first's pending label for a purchase
   * that did not finish, look it up while the first's request is still at the carrier, find
   * nothing yet and buy again; so it leaves that order alone (label-service.ts).
   */
  inFlight?: Set<number>;
}

export interface PendingLabel {
  id: number;
  order_id: number;
  carrier: string;
  idempotency_key: string;
}

export const LABEL_ACTOR = 'labels';

/**
 * Labels the carrier made: their files first (written and fsynced side by side), then for each its
 * label row, the order's tracking and status, all in one transaction, and then `onLabelBought` for
 * each. Every way a label turns bought (the carrier's answer, a lookup after a timeout, at a run's
 * start or at start-up) comes through here, so none misses the hook. Answers per label null, or
 * why the order could not take it (the label stays pending and is found again by lookup).
 */
export async function markBought(
  deps: LabelDeps,
  bought: readonly { label: PendingLabel; created: CreatedLabel }[],
  actor = LABEL_ACTOR,
): Promise<(string | null)[]> {
  const files = await Promise.all(bought.map((b) => saveLabelFile(deps.dataDir, b.label.order_id, b.created)));
  const sqlite = deps.db.$client;
  const at = iso(deps.clock());
  const refusals = sqlite.transaction(() =>
    bought.map(({ label, created }, i) => {
      try {
        markOneBought(deps.db, label, created, files[i]!, at, actor);
        return null;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return error.message;
      }
    }),
  )();
  // After the labels' own transaction: printing one (when asked) never undoes the purchase.
  for (const [i, { label }] of bought.entries()) {
    if (refusals[i] === null) await deps.onLabelBought?.(label.order_id);
  }
  return refusals;
}

function markOneBought(
  db: Db,
  label: PendingLabel,
  created: CreatedLabel,
  file: string,
  at: string,
  actor: string,
): void {
  const sqlite = db.$client;
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
      .run(created.trackingNumber, label.carrier, searchKey(created.trackingNumber), at, label.order_id);
    resolveErrors(db, label.order_id, 'label', at);
    // A purchase the carrier could not confirm left the order failed (label-lookup.ts); found now, it goes on.
    const order = sqlite.prepare('SELECT status FROM orders WHERE id = ?').get(label.order_id) as { status: string };
    if (order.status === 'label_failed') {
      transition(db, label.order_id, 'waiting_labels', {
        actor,
        at,
        reason: `${label.carrier} made the label of the purchase that did not finish`,
      });
    }
    transition(db, label.order_id, 'label_created', {
      actor,
      at,
      reason: `${label.carrier} ${created.trackingNumber}`,
    });
    enqueueAfterLabel(db, label.order_id, at);
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

/**
 * Holds for the caller the orders of `ids` no other run holds (LabelDeps.inFlight), until
 * releaseOrders; `busy` are those another run has, which that run settles.
 */
export function holdOrders(deps: LabelDeps, ids: readonly number[]): { held: number[]; busy: number[] } {
  const inFlight = deps.inFlight;
  if (!inFlight) return { held: [...ids], busy: [] };
  const held: number[] = [];
  const busy: number[] = [];
  for (const orderId of ids) {
    if (inFlight.has(orderId)) busy.push(orderId);
    else {
      inFlight.add(orderId);
      held.push(orderId);
    }
  }
  return { held, busy };
}

export function releaseOrders(deps: LabelDeps, ids: readonly number[]): void {
  for (const orderId of ids) deps.inFlight?.delete(orderId);
}

export function pendingLabelOf(db: Db, orderId: number): PendingLabel | undefined {
  return db.$client
    .prepare("SELECT id, order_id, carrier, idempotency_key FROM labels WHERE order_id = ? AND state = 'pending'")
    .get(orderId) as PendingLabel | undefined;
}

/**
 * Written and fsynced before the database says the label exists: a label is never only in memory.
 * Named after order, tracking number and language, so the same label in the other language (label-in-language.ts) lies beside it.
 */
export async function saveLabelFile(dataDir: string, orderId: number, label: CreatedLabel): Promise<string> {
  const dir = join(dataDir, 'labels');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${orderId}-${label.trackingNumber}.${label.format}`);
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(label.document);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}
