/**
 * Buys (or makes) labels, written ahead: the intent (order, carrier, idempotency key) is committed
 * before the carrier is called and the result after, so a crash in between leaves a `pending`
 * label that is resolved by asking the carrier, never by buying again. The database allows one
 * pending or bought label per order (labels_one_active). Carriers that sell in bulk get their
 * orders in requests of their size; each order still succeeds or fails on its own.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LabelChoice } from '../../../shared/carriers';
import type { FileDownload, GenerateLabelsResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CarrierCode, OrderStatus } from '../../../shared/statuses';
import type { CarrierAdapter, LabelOutcome, Shipment } from '../carriers/carrier-adapter';
import { iso } from '../clock';
import type { Db } from '../db/open';
import { orderItems, shippingOf, type ShippingRecord } from '../orders/order-detail';
import { transition } from '../orders/state-machine';
import { addressProblems } from './address-check';
import { resolveChoices } from './label-choice';
import { resolvePending } from './label-lookup';
import {
  failOrder,
  holdOrders,
  LABEL_ACTOR,
  markBought,
  markFailed,
  pendingLabelOf,
  releaseOrders,
  type LabelDeps,
  type PendingLabel,
} from './label-store';
import { senderAddress } from './sender';

export type { LabelDeps } from './label-store';

/** Rough parcel weight until products carry weights: 250 g a piece. */
export const GRAMS_PER_ITEM = 250;
export const DEFAULT_SERVICE = 'standard';

interface LabelOrder extends ShippingRecord {
  id: number;
  order_number: string;
  status: OrderStatus;
  item_count: number;
}

interface Intent {
  label: PendingLabel;
  orderNumber: string;
  shipment: Shipment;
}

export function carrierOf(deps: LabelDeps, code: string): CarrierAdapter {
  const carrier = deps.carriers[code];
  if (!carrier) {
    throw new AppError('bad_request', `The carrier ${code} is not set up on this workstation; add its account first.`);
  }
  return carrier;
}

/**
 * A run watched from outside (label-runs.ts): `result` fills as each order settles, and `cancelled`
 * is read before every call to a carrier, so orders not reached by then stay as they were.
 */
export interface RunControl {
  readonly result: GenerateLabelsResult;
  readonly cancelled: boolean;
}

/**
 * Labels for the orders given. With a carrier, every order is bought with it (the run's own pick);
 * without one, each order with its own choice, its shop's default or PackDesk's (label-choice.ts).
 */
export async function generateLabels(
  deps: LabelDeps,
  orderIds: readonly number[],
  carrierCode?: CarrierCode,
  service?: string,
  run: RunControl = { result: { success: [], failed: [] }, cancelled: false },
): Promise<GenerateLabelsResult> {
  const ids = [...new Set(orderIds)];
  if (carrierCode !== undefined) {
    await buyWith(deps, carrierOf(deps, carrierCode), ids, service ?? DEFAULT_SERVICE, run);
    return run.result;
  }
  const groups = new Map<string, { choice: LabelChoice; ids: number[] }>();
  for (const [orderId, choice] of resolveChoices(deps.db, ids)) {
    const key = `${choice.carrier} ${choice.service}`;
    const group = groups.get(key) ?? { choice, ids: [] };
    group.ids.push(orderId);
    groups.set(key, group);
  }
  for (const { choice, ids: groupIds } of groups.values()) {
    const carrier = deps.carriers[choice.carrier];
    if (carrier) await buyWith(deps, carrier, groupIds, choice.service, run);
    else {
      // A shop's default carrier whose account is gone fails its own orders, not the run.
      const error = `The carrier ${choice.carrier} is not set up on this workstation; add its account first.`;
      for (const orderId of groupIds) {
        if (run.cancelled) break;
        run.result.failed.push({ order_id: orderId, error });
      }
    }
    if (run.cancelled) break;
  }
  return run.result;
}

async function buyWith(
  deps: LabelDeps,
  carrier: CarrierAdapter,
  ids: readonly number[],
  service: string,
  run: RunControl,
): Promise<void> {
  const { result } = run;
  const size = carrier.createMany ? Math.max(1, carrier.maxPerRequest ?? 1) : 1;
  const gated = <T>(work: () => Promise<T>) =>
    deps.gates ? deps.gates.run(carrier.code, carrier.maxConcurrentRequests, work) : work();
  for (let start = 0; start < ids.length && !run.cancelled; start += size) {
    const slice = ids.slice(start, start + size);
    await gated(async () => {
      // Asked again once the carrier is free: a run cancelled while it waited touches nothing more.
      if (run.cancelled) return;
      // Held from the first check to the last write, so no other run looks up or buys them meanwhile.
      const { held, busy } = holdOrders(deps, slice);
      for (const orderId of busy) {
        result.failed.push({
          order_id: orderId,
          error: `${orderWords(deps.db, orderId)} is already getting its label in another run.`,
        });
      }
      try {
        await buySlice(deps, carrier, held, service, result);
      } finally {
        releaseOrders(deps, held);
      }
    });
  }
}

/** One request's worth of orders, held by this run: each settled first, the rest bought in one call. */
async function buySlice(
  deps: LabelDeps,
  carrier: CarrierAdapter,
  slice: readonly number[],
  service: string,
  result: GenerateLabelsResult,
): Promise<void> {
  const ready: number[] = [];
  for (const orderId of slice) {
    // A purchase that did not finish is settled with the carrier first: it may be this very label.
    const pending = pendingLabelOf(deps.db, orderId);
    const resolved = pending ? await resolvePending(deps, pending) : null;
    if (resolved?.kind === 'bought') result.success.push(orderId);
    else if (resolved?.kind === 'unresolved') result.failed.push({ order_id: orderId, error: resolved.error });
    else ready.push(orderId);
  }
  // The intents of one request commit together: one disk sync, and all before the carrier hears of any.
  const intents = deps.db.$client.transaction(() =>
    ready.flatMap((orderId) => {
      try {
        return [writeIntent(deps, carrier, orderId, service)];
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.failed.push({ order_id: orderId, error: error.message });
        return [];
      }
    }),
  )();
  if (intents.length === 0) return;
  const outcomes = await buy(
    carrier,
    intents.map((i) => i.shipment),
  );
  const errors = await settle(deps, carrier, intents, outcomes);
  intents.forEach((intent, i) => {
    const error = errors[i];
    if (error === null || error === undefined) result.success.push(intent.label.order_id);
    else result.failed.push({ order_id: intent.label.order_id, error });
  });
}

function orderWords(db: Db, orderId: number): string {
  const order = db.$client.prepare('SELECT order_number FROM orders WHERE id = ?').get(orderId) as
    { order_number: string } | undefined;
  return `Order ${order?.order_number ?? orderId}`;
}

/** The intent, committed before the carrier hears of it: status move and pending label together, or not at all. */
function writeIntent(deps: LabelDeps, carrier: CarrierAdapter, orderId: number, service: string): Intent {
  const { db, clock } = deps;
  const sqlite = db.$client;
  const order = sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as LabelOrder | undefined;
  if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
  const recipient = shippingOf(order);
  const at = iso(clock());
  // refNo at DHL: 8 to 35 characters.
  const key = `PD-${orderId}-${randomBytes(6).toString('hex')}`;
  const problems = addressProblems(recipient, carrier.code);
  const labelId = sqlite.transaction(() => {
    if (order.status !== 'waiting_labels') {
      transition(db, orderId, 'waiting_labels', {
        actor: LABEL_ACTOR,
        at,
        reason: `Label requested from ${carrier.code}`,
      });
    }
    if (problems.length > 0) {
      failOrder(db, orderId, 'address', problems.join('; '), at);
      // Kept as a failed label with what it was tried with, so a retry after the fix goes with
      // the same carrier and service, and the dashboard's failure rate counts it.
      sqlite
        .prepare(
          "INSERT INTO labels (order_id, carrier, service, idempotency_key, state, error, created_at, updated_at) VALUES (?, ?, ?, ?, 'failed', ?, ?, ?)",
        )
        .run(orderId, carrier.code, service, key, problems.join('; '), at, at);
      return null;
    }
    return Number(
      sqlite
        .prepare(
          "INSERT INTO labels (order_id, carrier, service, idempotency_key, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
        )
        .run(orderId, carrier.code, service, key, at, at).lastInsertRowid,
    );
  })();
  if (labelId === null) throw new AppError('bad_request', `Order ${order.order_number}: ${problems.join('; ')}.`);
  return {
    label: { id: labelId, order_id: orderId, carrier: carrier.code, idempotency_key: key },
    orderNumber: order.order_number,
    shipment: {
      idempotencyKey: key,
      orderNumber: order.order_number,
      sender: senderAddress(db),
      recipient,
      items: orderItems(db, orderId),
      weightGrams: Math.max(1, order.item_count) * GRAMS_PER_ITEM,
      service,
    },
  };
}

async function buy(carrier: CarrierAdapter, shipments: Shipment[]): Promise<LabelOutcome[]> {
  if (carrier.createMany) return carrier.createMany(shipments);
  const outcomes: LabelOutcome[] = [];
  for (const shipment of shipments) {
    try {
      outcomes.push({ kind: 'bought', label: await carrier.create(shipment) });
    } catch (error) {
      outcomes.push({ kind: 'refused', error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/** Writes the outcomes of one request; answers per intent null when its order has the label, else why not in words. */
async function settle(
  deps: LabelDeps,
  carrier: CarrierAdapter,
  intents: readonly Intent[],
  outcomes: readonly LabelOutcome[],
): Promise<(string | null)[]> {
  const errors: (string | null)[] = intents.map(() => null);
  const bought = intents.flatMap((intent, i) => {
    const outcome = outcomes[i];
    return outcome?.kind === 'bought' ? [{ i, label: intent.label, created: outcome.label }] : [];
  });
  const refusals = await markBought(deps, bought);
  for (const [n, b] of bought.entries()) {
    const refusal = refusals[n];
    if (refusal) errors[b.i] = `Order ${intents[b.i]!.orderNumber}: ${refusal}`;
  }

  const refused = intents.flatMap((intent, i) => {
    const outcome = outcomes[i];
    if (outcome?.kind === 'bought' || (outcome?.kind === 'unknown' && carrier.lookup)) return [];
    return [{ i, intent, message: outcome?.error ?? `${carrier.code} gave no answer for this order.` }];
  });
  deps.db.$client.transaction(() => {
    for (const { i, intent, message } of refused) {
      markFailed(deps, intent.label, message, 'carrier');
      errors[i] = `Order ${intent.orderNumber}: ${message}`;
    }
  })();

  // Answers that were lost: ask what was made before anyone may buy again.
  for (const [i, intent] of intents.entries()) {
    const outcome = outcomes[i];
    if (outcome?.kind !== 'unknown' || !carrier.lookup) continue;
    const resolved = await resolvePending(deps, intent.label);
    const prefix = `Order ${intent.orderNumber}: ${outcome.error}`;
    if (resolved.kind === 'failed') errors[i] = `${prefix} ${resolved.error}`;
    if (resolved.kind === 'unresolved') {
      errors[i] =
        `${prefix} PackDesk will check with ${carrier.code.toUpperCase()} whether the label was made before buying ` +
        `again; retry later. (${resolved.error})`;
    }
  }
  return errors;
}

export function labelFile(db: Db, orderId: number): FileDownload {
  const label = db.$client
    .prepare("SELECT tracking_number, format, file_path FROM labels WHERE order_id = ? AND state = 'bought'")
    .get(orderId) as { tracking_number: string; format: 'pdf' | 'zpl'; file_path: string } | undefined;
  if (!label) throw new AppError('not_found', `Order ${orderId} has no label yet.`);
  return {
    fileName: `label-${label.tracking_number}.${label.format}`,
    mimeType: label.format === 'pdf' ? 'application/pdf' : 'application/zpl',
    bytes: new Uint8Array(readFileSync(label.file_path)),
  };
}
