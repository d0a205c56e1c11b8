/**
 * What the outbox runner needs from each kind of job (tracking sync now; channel status updates,
 * iRCloud audits and label voids later): how to run it, and what a success or a refusal changes in
 * the database, written in the same transaction that closes the job.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { OutboxJob } from './outbox-repo';

export interface JobDone {
  /** What happened, in words, for the order's log ("Shipment Tracking LP000000001DE"). */
  note: string;
}

export interface JobKind {
  /**
   * Does the job's work at the server. It may run again after a crash or a lost answer, so it
   * checks what the server already has before changing anything. Throws to fail.
   */
  run(job: OutboxJob): Promise<JobDone>;
  /** Inside the transaction that marks the job done. */
  onDone(db: Db, job: OutboxJob, done: JobDone, at: string): void;
  /**
   * Inside the transaction that records a failure: every refusal (`final`, the job stops until a
   * person retries it), and a job's first failure to reach its server (it keeps waiting).
   */
  onFailed(db: Db, job: OutboxJob, message: string, final: boolean, at: string): void;
}

/**
 * unreachable: the server did not answer or answered 429/5xx; try later, and hold this
 * provider's other jobs too. refused: the server (or PackDesk) said no; trying again the same way
 * cannot help. retry: anything else (garbled answers, bugs); try later.
 */
export type FailureKind = 'unreachable' | 'refused' | 'retry';

export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof AppError)) return 'retry';
  const details = (error.details ?? {}) as { unreachable?: boolean; refused?: boolean; httpStatus?: number };
  if (details.unreachable === true) return 'unreachable';
  if (details.refused === true) return 'refused';
  if (typeof details.httpStatus === 'number') {
    return details.httpStatus >= 400 && details.httpStatus < 500 ? 'refused' : 'retry';
  }
  return error.code === 'channel_error' || error.code === 'carrier_error' || error.code === 'internal'
    ? 'retry'
    : 'refused';
}

export function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong inside PackDesk; the details are in its log.';
}
