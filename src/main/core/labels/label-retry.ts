/**
 * Retry the labels of the orders given, or of every order whose label failed. Each order goes again with the carrier and service
 * of its last label unless the run names others; a purchase that never finished is settled with
 * its carrier first (generateLabels does that), so a retry never buys a label twice.
 */
import type { GenerateLabelsResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { CARRIER_CODES, type CarrierCode } from '../../../shared/statuses';
import { DEFAULT_SERVICE, generateLabels, type RunControl } from './label-service';
import type { LabelDeps } from './label-store';

export interface RetryRun {
  orderIds?: readonly number[] | undefined;
  carrier?: CarrierCode | undefined;
  service?: string | undefined;
}

interface Target {
  id: number;
  order_number: string;
  status: string;
  carrier: string | null;
  service: string | null;
}

/** What a retry will do: orders refused up front, and the rest grouped by the carrier and service they go with. */
export interface RetryPlan {
  total: number;
  refused: GenerateLabelsResult['failed'];
  groups: { carrier: CarrierCode; service: string; ids: number[] }[];
}

export function planRetry(deps: LabelDeps, run: RetryRun): RetryPlan {
  const sqlite = deps.db.$client;
  // The carrier and service of each order's newest label: what it failed with.
  const select = `SELECT o.id, o.order_number, o.status, l.carrier, l.service FROM orders o
    LEFT JOIN labels l ON l.id = (SELECT max(id) FROM labels WHERE order_id = o.id)`;
  const refused: GenerateLabelsResult['failed'] = [];
  let targets: Target[];
  if (run.orderIds === undefined) {
    targets = sqlite.prepare(`${select} WHERE o.status = 'label_failed' ORDER BY o.id`).all() as Target[];
  } else {
    const one = sqlite.prepare(`${select} WHERE o.id = ?`);
    targets = [];
    for (const orderId of new Set(run.orderIds)) {
      const target = one.get(orderId) as Target | undefined;
      if (target?.status === 'label_failed') targets.push(target);
      else {
        const error = target
          ? `Order ${target.order_number} has no failed label to retry.`
          : `Order ${orderId} does not exist.`;
        refused.push({ order_id: orderId, error });
      }
    }
  }

  const groups = new Map<string, { carrier: CarrierCode; service: string; ids: number[] }>();
  for (const t of targets) {
    const carrier = run.carrier ?? CARRIER_CODES.find((c) => c === t.carrier) ?? 'local';
    // A service belongs to its carrier: a run that changes carrier starts from that carrier's standard.
    const service = run.service ?? (carrier === t.carrier && t.service ? t.service : DEFAULT_SERVICE);
    const key = `${carrier} ${service}`;
    const group = groups.get(key) ?? { carrier, service, ids: [] };
    group.ids.push(t.id);
    groups.set(key, group);
  }
  return { total: refused.length + targets.length, refused, groups: [...groups.values()] };
}

/** Carries out a plan into run.result, group by group, until done or cancelled (label-runs watches it). */
export async function runRetry(deps: LabelDeps, plan: RetryPlan, run: RunControl): Promise<void> {
  run.result.failed.push(...plan.refused);
  for (const group of plan.groups) {
    if (run.cancelled) return;
    try {
      await generateLabels(deps, group.ids, group.carrier, group.service, run);
    } catch (error) {
      // A carrier no longer set up fails its own orders, not the whole retry.
      if (!(error instanceof AppError)) throw error;
      run.result.failed.push(...group.ids.map((id) => ({ order_id: id, error: error.message })));
    }
  }
}

export async function retryLabels(deps: LabelDeps, run: RetryRun): Promise<GenerateLabelsResult> {
  const control: RunControl = { result: { success: [], failed: [] }, cancelled: false };
  await runRetry(deps, planRetry(deps, run), control);
  return control.result;
}
