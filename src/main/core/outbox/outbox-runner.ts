/**
 * Runs the outbox. One timer sleeps until the next job is due (or a provider's circuit may be
 * tried again): no polling, so a thousand waiting jobs and a server that is down cost no CPU.
 * At most `perProvider` jobs run at once per credential. When a provider cannot be reached its
 * circuit opens: its jobs wait while one probe job at a time tries again with growing pauses, and
 * the first success lets them all through.
 */
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { backoffMs, type Backoff } from './backoff';
import { classifyFailure, messageOf, type JobKind } from './job-kind';
import {
  claimDueJobs,
  getJob,
  markJobDone,
  markJobFailed,
  markJobWaiting,
  bringForward,
  nextDuePerProvider,
  recoverRunningJobs,
  type OutboxJob,
} from './outbox-repo';

export interface RunnerOptions {
  db: Db;
  clock: Clock;
  kinds: Readonly<Record<string, JobKind>>;
  /** Jobs in flight per credential. */
  perProvider?: number;
  /** Pause before a job's next try, by its attempts so far. */
  retry?: Backoff;
  /** Pause before probing an unreachable provider again, by its failures in a row. */
  circuit?: Backoff;
  random?: () => number;
}

/** A provider (credential) PackDesk cannot reach right now. */
export interface ProviderOutage {
  credentialId: number | null;
  since: string;
  lastError: string;
  nextTryAt: string;
}

export interface OutboxRunner {
  /** Puts jobs cut off by a crash back in line and starts running. */
  start(): void;
  /** Something was enqueued or changed: look at the table again now. */
  wake(): void;
  /** Forgets a provider's outage and makes its waiting jobs due now (a person pressed "retry now"). */
  resetProvider(credentialId: number | null): void;
  outages(): ProviderOutage[];
  /** Stops taking jobs and waits for the ones in flight. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY: Backoff = { baseMs: 5_000, maxMs: 10 * 60_000 };
const DEFAULT_CIRCUIT: Backoff = { baseMs: 5_000, maxMs: 5 * 60_000 };
/** setTimeout's limit; a later due time is simply looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Circuit {
  failures: number;
  openUntil: number;
  since: string;
  lastError: string;
}

export function createOutboxRunner(opts: RunnerOptions): OutboxRunner {
  const { db, clock, kinds } = opts;
  const perProvider = opts.perProvider ?? 2;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const circuitPolicy = opts.circuit ?? DEFAULT_CIRCUIT;
  const random = opts.random ?? Math.random;

  const inFlight = new Map<number, number>();
  const circuits = new Map<number, Circuit>();
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopped = false;

  function tick(): void {
    if (!started || stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const now = clock().getTime();
    const nowIso = new Date(now).toISOString();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const { provider, next } of nextDuePerProvider(db)) {
      const busy = inFlight.get(provider) ?? 0;
      const circuit = circuits.get(provider);
      const due = Date.parse(next);
      if (circuit && circuit.openUntil > now) {
        wakeAt = Math.min(wakeAt, Math.max(circuit.openUntil, due));
        continue;
      }
      // An open circuit whose pause is over lets one probe through, not the whole queue.
      const free = circuit ? (busy === 0 ? 1 : 0) : perProvider - busy;
      // A finishing job ticks again, so a provider at its limit needs no timer.
      if (free <= 0) continue;
      if (due > now) {
        wakeAt = Math.min(wakeAt, due);
        continue;
      }
      for (const job of claimDueJobs(db, provider, nowIso, free)) launch(provider, job);
    }
    if (Number.isFinite(wakeAt)) {
      timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - now)));
      // The outbox alone never keeps a process alive: the app, serve or a test decides that.
      timer.unref();
    }
  }

  function launch(provider: number, job: OutboxJob): void {
    inFlight.set(provider, (inFlight.get(provider) ?? 0) + 1);
    const run = runJob(provider, job)
      .catch((error: unknown) => console.error(`[packdesk] outbox job ${job.id} could not be recorded:`, error))
      .finally(() => {
        inFlight.set(provider, (inFlight.get(provider) ?? 1) - 1);
        running.delete(run);
        tick();
      });
    running.add(run);
  }

  async function runJob(provider: number, job: OutboxJob): Promise<void> {
    const kind = kinds[job.kind];
    try {
      if (!kind) throw new Error(`No handler for outbox jobs of kind ${job.kind}`);
      const done = await kind.run(job);
      const at = iso(clock());
      db.$client.transaction(() => {
        // A job cancelled while its call was in flight stays cancelled; what reached the server did.
        if (getJob(db, job.id)?.state !== 'running') return;
        markJobDone(db, job.id, at);
        kind.onDone(db, job, done, at);
        // The provider is back: what waited out its outage need not wait out its own pause too.
        if (circuits.has(provider)) bringForward(db, provider, at);
      })();
      circuits.delete(provider);
    } catch (error) {
      // A packer reads an AppError's words on the outbox screen; anything else is a bug for the log.
      if (!(error instanceof AppError)) console.error(`[packdesk] outbox job ${job.id} failed:`, error);
      recordFailure(provider, job, kind, error);
    }
  }

  function recordFailure(provider: number, job: OutboxJob, kind: JobKind | undefined, error: unknown): void {
    const failure = kind ? classifyFailure(error) : 'refused';
    const message = messageOf(error);
    const now = clock().getTime();
    const at = new Date(now).toISOString();
    db.$client.transaction(() => {
      if (getJob(db, job.id)?.state !== 'running') return;
      if (failure === 'refused') {
        markJobFailed(db, job.id, message, at);
      } else {
        const next = new Date(now + backoffMs(retry, job.attempts, random)).toISOString();
        markJobWaiting(db, job.id, next, message, at);
      }
      if (kind && (failure === 'refused' || job.attempts === 1)) {
        kind.onFailed(db, job, message, failure === 'refused', at);
      }
    })();
    if (failure === 'unreachable') {
      const open = circuits.get(provider);
      const failures = (open?.failures ?? 0) + 1;
      circuits.set(provider, {
        failures,
        openUntil: now + backoffMs(circuitPolicy, failures, random),
        since: open?.since ?? at,
        lastError: message,
      });
    } else if (failure === 'refused') {
      // An answer, even a no, means the server is there.
      circuits.delete(provider);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      recoverRunningJobs(db, iso(clock()));
      tick();
    },
    wake: tick,
    resetProvider(credentialId) {
      circuits.delete(credentialId ?? 0);
      bringForward(db, credentialId ?? 0, iso(clock()));
      tick();
    },
    outages() {
      return [...circuits.entries()].map(([provider, c]) => ({
        credentialId: provider === 0 ? null : provider,
        since: c.since,
        lastError: c.lastError,
        nextTryAt: new Date(c.openUntil).toISOString(),
      }));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...running]);
    },
  };
}
