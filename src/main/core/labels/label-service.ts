/**
 * Buys (or makes) labels, written ahead: the intent (order, carrier, idempotency key) is committed
 * before the carrier is called and the result after, so a crash in between leaves a `pending`
 * label that the next start resolves by asking the carrier, never by buying again. The database
 * allows one pending or bought label per order (labels_one_active).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FileDownload, GenerateLabelsResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CarrierCode, OrderStatus } from '../../../shared/statuses';
import type { CarrierAdapter, CreatedLabel } from '../carriers/carrier-adapter';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { orderItems, shippingOf, type ShippingRecord } from '../orders/order-detail';
import { recordError, resolveErrors } from '../orders/order-errors';
import { transition } from '../orders/state-machine';
import { addressProblems } from './address-check';
import { senderAddress } from './sender';

export interface LabelDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  carriers: Readonly<Record<string, CarrierAdapter>>;
  /** Runs once a label is bought and stored (e.g. printing it at once); its failure never undoes the label. */
  onLabelBought?: (orderId: number) => Promise<void>;
}

const ACTOR = 'labels';
/** Rough parcel weight until products carry weights: 250 g a piece. */
export const GRAMS_PER_ITEM = 250;

interface LabelOrder extends ShippingRecord {
  id: number;
  order_number: string;
  status: OrderStatus;
  item_count: number;
}

export async function generateLabels(
  deps: LabelDeps,
  orderIds: readonly number[],
  carrierCode: CarrierCode,
): Promise<GenerateLabelsResult> {
  const carrier = deps.carriers[carrierCode];
  if (!carrier) throw new AppError('bad_request', `The carrier ${carrierCode} is not set up on this workstation.`);
  const result: GenerateLabelsResult = { success: [], failed: [] };
  for (const orderId of new Set(orderIds)) {
    try {
      await labelOne(deps, carrier, orderId);
      result.success.push(orderId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ order_id: orderId, error: error.message });
    }
  }
  return result;
}

async function labelOne(deps: LabelDeps, carrier: CarrierAdapter, orderId: number): Promise<void> {
  const { db, clock } = deps;
  const sqlite = db.$client;
  const order = sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as LabelOrder | undefined;
  if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
  const recipient = shippingOf(order);

  const at = iso(clock());
  const key = `label:${orderId}:${randomUUID()}`;
  // Intent first: the status move and the pending label commit together, or not at all.
  const labelId = sqlite.transaction(() => {
    if (order.status !== 'waiting_labels') {
      transition(db, orderId, 'waiting_labels', { actor: ACTOR, at, reason: `Label requested from ${carrier.code}` });
    }
    const pending = sqlite.prepare("SELECT 1 FROM labels WHERE order_id = ? AND state = 'pending'").get(orderId);
    if (pending) {
      throw new AppError(
        'conflict',
        `Order ${order.order_number} has a label purchase that did not finish; PackDesk checks it with the carrier before buying again.`,
      );
    }
    const problems = addressProblems(recipient);
    if (problems.length > 0) {
      failOrder(db, orderId, 'address', problems.join('; '), at);
      return null;
    }
    return Number(
      sqlite
        .prepare(
          "INSERT INTO labels (order_id, carrier, service, idempotency_key, state, created_at, updated_at) VALUES (?, ?, 'standard', ?, 'pending', ?, ?)",
        )
        .run(orderId, carrier.code, key, at, at).lastInsertRowid,
    );
  })();
  if (labelId === null) {
    throw new AppError('bad_request', `Order ${order.order_number}: ${addressProblems(recipient).join('; ')}.`);
  }

  let created: CreatedLabel;
  try {
    created = await carrier.create({
      idempotencyKey: key,
      orderNumber: order.order_number,
      sender: senderAddress(db),
      recipient,
      items: orderItems(db, orderId),
      weightGrams: Math.max(1, order.item_count) * GRAMS_PER_ITEM,
      service: 'standard',
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failedAt = iso(clock());
    sqlite.transaction(() => {
      sqlite
        .prepare("UPDATE labels SET state = 'failed', error = ?, updated_at = ? WHERE id = ?")
        .run(message, failedAt, labelId);
      failOrder(db, orderId, 'carrier', message, failedAt);
    })();
    throw new AppError('carrier_error', `Order ${order.order_number}: ${message}`);
  }

  const file = saveLabelFile(deps.dataDir, orderId, created);
  const doneAt = iso(clock());
  sqlite.transaction(() => {
    sqlite
      .prepare(
        "UPDATE labels SET state = 'bought', tracking_number = ?, format = ?, file_path = ?, updated_at = ? WHERE id = ?",
      )
      .run(created.trackingNumber, created.format, file, doneAt, labelId);
    sqlite
      .prepare(
        "UPDATE orders SET tracking_number = ?, carrier = ?, search_text = search_text || ' | ' || ?, updated_at = ? WHERE id = ?",
      )
      .run(created.trackingNumber, carrier.code, created.trackingNumber, doneAt, orderId);
    resolveErrors(db, orderId, 'label', doneAt);
    transition(db, orderId, 'label_created', {
      actor: ACTOR,
      at: doneAt,
      reason: `${carrier.code} ${created.trackingNumber}`,
    });
  })();
  await deps.onLabelBought?.(orderId);
}

function failOrder(db: Db, orderId: number, errorType: string, message: string, at: string): void {
  recordError(db, orderId, { step: 'label', errorType, message }, at);
  transition(db, orderId, 'label_failed', { actor: ACTOR, at, reason: message });
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
