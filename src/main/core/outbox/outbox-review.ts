/**
 * The outbox as staff review it: what waits, why, how often it was tried, when it is tried next;
 * retry now and cancel. "Next try" of a waiting job counts its provider's outage: a job due now
 * still waits while the circuit of its shop is open.
 */
import type { OutboxJobView, OutboxSummary, ProviderOutageView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { OutboxJobState } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { PURCHASING_DELIVERY_STATUS } from '../inbound/delivery-status';
import { getJob } from './outbox-repo';
import type { OutboxRunner, ProviderOutage } from './outbox-runner';
import { autoSyncTracking } from './tracking-sync';

export type OutboxFilter = 'open' | 'done' | 'cancelled';

const STATES_OF: Record<OutboxFilter, readonly OutboxJobState[]> = {
  open: ['waiting', 'running', 'failed'],
  done: ['done'],
  cancelled: ['cancelled'],
};

interface ReviewRow {
  id: number;
  kind: string;
  order_id: number | null;
  order_number: string | null;
  purchase_order_number: string | null;
  credential_id: number | null;
  store_name: string | null;
  state: OutboxJobState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  updated_at: string;
}

// A delivery status job is for a purchase order, not a customer order: its number (or the
// server's id when it has none) is what the review shows in the order column.
const REVIEW_SELECT = `SELECT j.id, j.kind, j.order_id, o.order_number,
         coalesce(nullif(po.order_number, ''), '#' || po.external_id) AS purchase_order_number,
         j.credential_id, c.display_name AS store_name, j.state,
         j.attempts, j.last_error, j.next_attempt_at, j.created_at, j.updated_at
  FROM outbox_jobs j LEFT JOIN orders o ON o.id = j.order_id LEFT JOIN credentials c ON c.id = j.credential_id
  LEFT JOIN purchase_orders po ON j.kind = '${PURCHASING_DELIVERY_STATUS}'
    AND po.id = json_extract(j.payload, '$.purchaseOrderId')`;

export function listOutbox(
  db: Db,
  outages: readonly ProviderOutage[],
  filter: OutboxFilter,
  offset: number,
  limit: number,
): OutboxJobView[] {
  const states = STATES_OF[filter];
  const rows = db.$client
    .prepare(
      `${REVIEW_SELECT}
       WHERE j.state IN (${states.map(() => '?').join(', ')})
       ORDER BY CASE j.state WHEN 'failed' THEN 0 WHEN 'running' THEN 1 ELSE 2 END, j.next_attempt_at, j.id
       LIMIT ? OFFSET ?`,
    )
    .all(...states, limit, offset) as ReviewRow[];
  return viewsOf(rows, outages);
}

/** Jobs by id, in the order asked (a screen following the jobs it queued); unknown ids are left out. */
export function jobsById(db: Db, outages: readonly ProviderOutage[], ids: readonly number[]): OutboxJobView[] {
  const rows = db.$client
    .prepare(`${REVIEW_SELECT} WHERE j.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as ReviewRow[];
  const byId = new Map(viewsOf(rows, outages).map((v) => [v.id, v]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function viewsOf(rows: readonly ReviewRow[], outages: readonly ProviderOutage[]): OutboxJobView[] {
  const heldUntil = new Map(outages.map((o) => [o.credentialId, o.nextTryAt]));
  return rows.map((r) => {
    const held = heldUntil.get(r.credential_id);
    const next = r.state === 'waiting' ? (held && held > r.next_attempt_at ? held : r.next_attempt_at) : null;
    return {
      id: r.id,
      kind: r.kind,
      orderId: r.order_id,
      orderNumber: r.order_number,
      purchaseOrderNumber: r.purchase_order_number,
      storeName: r.store_name,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      nextTryAt: next,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function outboxSummary(db: Db, outages: readonly ProviderOutage[]): OutboxSummary {
  const sqlite = db.$client;
  const counts = sqlite
    .prepare(
      `SELECT count(*) FILTER (WHERE state IN ('waiting', 'running')) AS waiting,
              count(*) FILTER (WHERE state = 'failed') AS failed
       FROM outbox_jobs WHERE state IN ('waiting', 'running', 'failed')`,
    )
    .get() as { waiting: number; failed: number };
  const changedAt = sqlite.prepare('SELECT max(updated_at) FROM outbox_jobs').pluck().get() as string | null;
  const name = sqlite.prepare('SELECT display_name FROM credentials WHERE id = ?').pluck();
  // IS rather than =: an outage of a provider without a credential holds the jobs without one.
  const waitingFor = sqlite
    .prepare("SELECT count(*) FROM outbox_jobs WHERE credential_id IS ? AND state IN ('waiting', 'running')")
    .pluck();
  const offline: ProviderOutageView[] = outages.map((o) => ({
    ...o,
    storeName: o.credentialId === null ? null : ((name.get(o.credentialId) as string | undefined) ?? null),
    waiting: waitingFor.get(o.credentialId) as number,
  }));
  return {
    waiting: counts.waiting,
    offlineWaiting: offline.reduce((sum, o) => sum + o.waiting, 0),
    failed: counts.failed,
    offline,
    changedAt,
    autoSync: autoSyncTracking(db),
  };
}

function jobOrThrow(db: Db, jobId: number) {
  const job = getJob(db, jobId);
  if (!job) throw new AppError('not_found', `There is no waiting action with number ${jobId}.`);
  return job;
}

/** Tries the job now, and its shop's other jobs too: the person says the shop is back. */
export function retryJob(db: Db, runner: OutboxRunner, jobId: number, at: string): void {
  const job = jobOrThrow(db, jobId);
  if (job.state === 'running') throw new AppError('conflict', 'This action is being sent right now.');
  if (job.state === 'done') throw new AppError('conflict', 'This action was already delivered.');
  db.$client
    .prepare("UPDATE outbox_jobs SET state = 'waiting', next_attempt_at = ?, updated_at = ? WHERE id = ?")
    .run(at, at, jobId);
  runner.resetProvider(job.credentialId);
}

/** Nothing is sent for it any more; what an earlier try already delivered stays delivered. */
export function cancelJob(db: Db, runner: OutboxRunner, jobId: number, at: string): void {
  const job = jobOrThrow(db, jobId);
  if (job.state === 'running') {
    throw new AppError('conflict', 'This action is being sent right now; cancel it once it has answered.');
  }
  if (job.state === 'done')
    throw new AppError('conflict', 'This action was already delivered; it cannot be cancelled.');
  if (job.state === 'cancelled') return;
  db.$client.prepare("UPDATE outbox_jobs SET state = 'cancelled', updated_at = ? WHERE id = ?").run(at, jobId);
  runner.wake();
}
