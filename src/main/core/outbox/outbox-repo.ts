/**
 * The outbox table (outbox_jobs, migration 001). A job is written by enqueueJob inside the
 * caller's transaction, so the state change that asked for it and the job commit together or not
 * at all. States: waiting -> running -> done | failed (the server refused: a person must look) |
 * cancelled. A job found `running` at start was cut off by a crash and waits again.
 */
import type { OutboxJobState as JobState } from '../../../shared/statuses';
import type { Db } from '../db/open';

export interface OutboxJob {
  id: number;
  kind: string;
  idempotencyKey: string;
  orderId: number | null;
  credentialId: number | null;
  payload: unknown;
  state: JobState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  kind: string;
  idempotencyKey: string;
  orderId?: number;
  credentialId?: number;
  payload?: unknown;
}

interface JobRow {
  id: number;
  kind: string;
  idempotency_key: string;
  order_id: number | null;
  credential_id: number | null;
  payload: string;
  state: JobState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export function jobOf(row: JobRow): OutboxJob {
  return {
    id: row.id,
    kind: row.kind,
    idempotencyKey: row.idempotency_key,
    orderId: row.order_id,
    credentialId: row.credential_id,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Adds the job, or finds the one with the same idempotency key. A cancelled or failed one is
 * asked for again, so it waits again; a waiting, running or done one is left as it is.
 * Returns the job's id and whether it now waits because of this call.
 */
export function enqueueJob(db: Db, job: NewJob, at: string): { id: number; queued: boolean } {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const existing = sqlite
      .prepare('SELECT id, state FROM outbox_jobs WHERE idempotency_key = ?')
      .get(job.idempotencyKey) as { id: number; state: JobState } | undefined;
    if (existing) {
      if (existing.state !== 'cancelled' && existing.state !== 'failed') return { id: existing.id, queued: false };
      sqlite
        .prepare("UPDATE outbox_jobs SET state = 'waiting', next_attempt_at = ?, updated_at = ? WHERE id = ?")
        .run(at, at, existing.id);
      return { id: existing.id, queued: true };
    }
    const id = sqlite
      .prepare(
        `INSERT INTO outbox_jobs (kind, idempotency_key, order_id, credential_id, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
      )
      .run(
        job.kind,
        job.idempotencyKey,
        job.orderId ?? null,
        job.credentialId ?? null,
        JSON.stringify(job.payload ?? {}),
        at,
        at,
        at,
      ).lastInsertRowid;
    return { id: Number(id), queued: true };
  })();
}

/** After a crash: what was running may or may not have reached the server; the kind checks first. */
export function recoverRunningJobs(db: Db, at: string): number {
  return db.$client.prepare("UPDATE outbox_jobs SET state = 'waiting', updated_at = ? WHERE state = 'running'").run(at)
    .changes;
}

/** The earliest due time of the waiting jobs of each provider (credential 0: jobs of no provider). */
export function nextDuePerProvider(db: Db): { provider: number; next: string }[] {
  return db.$client
    .prepare(
      "SELECT coalesce(credential_id, 0) AS provider, min(next_attempt_at) AS next FROM outbox_jobs WHERE state = 'waiting' GROUP BY provider",
    )
    .all() as { provider: number; next: string }[];
}

/** Marks up to `limit` due jobs of one provider as running (one more attempt) and returns them. */
export function claimDueJobs(db: Db, provider: number, now: string, limit: number): OutboxJob[] {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const rows = sqlite
      .prepare(
        `SELECT * FROM outbox_jobs WHERE state = 'waiting' AND coalesce(credential_id, 0) = ? AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(provider, now, limit) as JobRow[];
    const claim = sqlite.prepare(
      "UPDATE outbox_jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
    );
    return rows.map((row) => {
      claim.run(now, row.id);
      return jobOf({ ...row, state: 'running', attempts: row.attempts + 1, updated_at: now });
    });
  })();
}

export function markJobDone(db: Db, id: number, at: string): void {
  db.$client
    .prepare("UPDATE outbox_jobs SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?")
    .run(at, id);
}

export function markJobWaiting(db: Db, id: number, nextAttemptAt: string, error: string, at: string): void {
  db.$client
    .prepare(
      "UPDATE outbox_jobs SET state = 'waiting', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?",
    )
    .run(nextAttemptAt, error, at, id);
}

/** Makes every waiting job of one provider due now. */
export function bringForward(db: Db, provider: number, now: string): void {
  db.$client
    .prepare(
      "UPDATE outbox_jobs SET next_attempt_at = ? WHERE state = 'waiting' AND coalesce(credential_id, 0) = ? AND next_attempt_at > ?",
    )
    .run(now, provider, now);
}

export function markJobFailed(db: Db, id: number, error: string, at: string): void {
  db.$client
    .prepare("UPDATE outbox_jobs SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?")
    .run(error, at, id);
}

export function getJob(db: Db, id: number): OutboxJob | null {
  const row = db.$client.prepare('SELECT * FROM outbox_jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? jobOf(row) : null;
}
