/**
 * Bulk label runs the screen can watch and stop: `start` answers a run id at once and buys in the
 * background (generateLabels), `status` counts what has settled, `cancel` stops the run before its
 * next carrier call. A request already with the carrier finishes and is written as usual, so
 * nothing paid for is lost; orders not reached keep their status. Runs live in memory: after a
 * restart an unfinished purchase is settled by label-recovery, and the screen starts a new run.
 */
import { randomUUID } from 'node:crypto';
import type { GenerateLabelsResult, LabelRunStatus } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CarrierCode } from '../../../shared/statuses';
import { carrierOf, generateLabels, type RunControl } from './label-service';
import { planRetry, runRetry } from './label-retry';
import type { LabelDeps } from './label-store';

/** Ended runs kept for a late status call (a screen that polled just before the end). */
const ENDED_KEPT = 20;

interface Run extends RunControl {
  id: string;
  total: number;
  cancelled: boolean;
  running: boolean;
  error: string | null;
  ended: Promise<void>;
}

export interface LabelRuns {
  start(orderIds: readonly number[], carrier?: CarrierCode, service?: string): LabelRunStatus;
  /** A retry the screen watches: each order again with the carrier and service it failed with (label-retry). */
  retry(orderIds: readonly number[], carrier?: CarrierCode, service?: string): LabelRunStatus;
  status(runId: string): LabelRunStatus;
  cancel(runId: string): LabelRunStatus;
  /** Cancels every run and waits for the requests in flight to be written (closing the app). */
  stop(): Promise<void>;
}

function statusOf(run: Run): LabelRunStatus {
  const result: GenerateLabelsResult = run.result;
  return {
    runId: run.id,
    total: run.total,
    done: result.success.length + result.failed.length,
    succeeded: result.success.length,
    failed: result.failed.length,
    cancelled: run.cancelled,
    running: run.running,
    result: run.running ? null : { success: [...result.success], failed: [...result.failed] },
    error: run.error,
  };
}

export function createLabelRuns(deps: LabelDeps, onEnded: () => void = () => {}): LabelRuns {
  const runs = new Map<string, Run>();

  function find(runId: string): Run {
    const run = runs.get(runId);
    if (!run) throw new AppError('not_found', 'That label run is not known here (PackDesk may have restarted).');
    return run;
  }

  function forget(): void {
    const ended = [...runs.values()].filter((r) => !r.running);
    for (const run of ended.slice(0, Math.max(0, ended.length - ENDED_KEPT))) runs.delete(run.id);
  }

  function launch(total: number, work: (run: Run) => Promise<unknown>): LabelRunStatus {
    const run: Run = {
      id: randomUUID(),
      total,
      result: { success: [], failed: [] },
      cancelled: false,
      running: true,
      error: null,
      ended: Promise.resolve(),
    };
    runs.set(run.id, run);
    run.ended = work(run)
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof AppError) run.error = error.message;
          else {
            console.error('[packdesk] label run failed:', error);
            run.error =
              'The label run stopped inside PackDesk; the details are in its log. Orders not reached are unchanged.';
          }
        },
      )
      .finally(() => {
        run.running = false;
        forget();
        onEnded();
      });
    return statusOf(run);
  }

  return {
    start(orderIds, carrier, service) {
      // A carrier picked for the run but not set up is refused now, before any order moves.
      if (carrier !== undefined) carrierOf(deps, carrier);
      return launch(new Set(orderIds).size, (run) => generateLabels(deps, orderIds, carrier, service, run));
    },
    retry(orderIds, carrier, service) {
      if (carrier !== undefined) carrierOf(deps, carrier);
      // Planned now: orders with nothing to retry count as failed from the start, the total is every order asked.
      const plan = planRetry(deps, { orderIds, carrier, service });
      return launch(plan.total, (run) => runRetry(deps, plan, run));
    },
    status: (runId) => statusOf(find(runId)),
    cancel(runId) {
      const run = find(runId);
      if (run.running) run.cancelled = true;
      return statusOf(run);
    },
    async stop() {
      const running = [...runs.values()].filter((r) => r.running);
      for (const run of running) run.cancelled = true;
      await Promise.all(running.map((r) => r.ended));
    },
  };
}
