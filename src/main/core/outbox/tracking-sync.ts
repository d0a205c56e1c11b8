/**
 * Tracking sync (seed 000 §2.3) through the outbox: asking for it writes one job per order
 * (idempotency key: order and tracking number, so asking twice queues once); the job tells the
 * shop through its channel adapter, and its success moves the order to `synced` in the same
 * transaction that closes the job. Failures land in the order's errors with step `sync`.
 */
import type { SyncTrackingResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { OrderStatus } from '../../../shared/statuses';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { connectionOf, getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { transition } from '../orders/state-machine';
import type { SecretBox } from '../secrets/secret-box';
import { getSetting, setSetting } from '../settings';
import type { JobKind } from './job-kind';
import { enqueueJob } from './outbox-repo';

export const TRACKING_SYNC = 'tracking_sync';
const ACTOR = 'outbox';

interface SyncOrder {
  id: number;
  credential_id: number;
  external_id: string;
  order_number: string;
  status: OrderStatus;
  tracking_number: string | null;
  carrier: string | null;
}

interface TrackingPayload {
  trackingNumber: string;
}

function orderOf(db: Db, orderId: number): SyncOrder | undefined {
  return db.$client
    .prepare(
      'SELECT id, credential_id, external_id, order_number, status, tracking_number, carrier FROM orders WHERE id = ?',
    )
    .get(orderId) as SyncOrder | undefined;
}

/**
 * Queues the sync of one order that has its label. Runs inside the caller's transaction when
 * there is one (a label's purchase may ask for it as it commits). Throws AppError in words.
 */
export function enqueueTrackingSync(db: Db, orderId: number, at: string): void {
  const order = orderOf(db, orderId);
  if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
  if (order.status === 'synced') {
    throw new AppError('conflict', `Order ${order.order_number} already has its tracking synced.`);
  }
  if (order.status !== 'label_created' || !order.tracking_number) {
    throw new AppError(
      'conflict',
      `Order ${order.order_number} has no label yet; its tracking can be sent once the label is made.`,
    );
  }
  enqueueJob(
    db,
    {
      kind: TRACKING_SYNC,
      idempotencyKey: `${TRACKING_SYNC}:${orderId}:${order.tracking_number}`,
      orderId,
      credentialId: order.credential_id,
      payload: { trackingNumber: order.tracking_number } satisfies TrackingPayload,
    },
    at,
  );
}

const AUTO_SYNC_SETTING = 'auto_sync_tracking';

/** Whether a label's purchase also queues its tracking sync (set on the outbox screen; off at first). */
export function autoSyncTracking(db: Db): boolean {
  return getSetting(db, AUTO_SYNC_SETTING) === 'on';
}

export function setAutoSyncTracking(db: Db, on: boolean): void {
  setSetting(db, AUTO_SYNC_SETTING, on ? 'on' : 'off');
}

/** The label-service hook: inside the transaction that moves the order to label_created. */
export function enqueueAfterLabel(db: Db, orderId: number, at: string): void {
  if (autoSyncTracking(db)) enqueueTrackingSync(db, orderId, at);
}

export function syncTracking(db: Db, orderIds: readonly number[], at: string): SyncTrackingResult {
  const result: SyncTrackingResult = { queued: [], failed: [] };
  for (const orderId of new Set(orderIds)) {
    try {
      enqueueTrackingSync(db, orderId, at);
      result.queued.push(orderId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ order_id: orderId, error: error.message });
    }
  }
  return result;
}

export interface TrackingSyncDeps {
  db: Db;
  box: SecretBox;
  channels: Readonly<Record<string, ChannelAdapter>>;
}

export function trackingSyncKind(deps: TrackingSyncDeps): JobKind {
  const { db } = deps;
  return {
    async run(job) {
      const order = job.orderId === null ? undefined : orderOf(db, job.orderId);
      if (!order) throw new AppError('not_found', `The order of this tracking sync no longer exists.`);
      const { trackingNumber } = job.payload as TrackingPayload;
      if (order.status === 'cancelled') return { note: `Order was cancelled; ${trackingNumber} not sent` };
      const cred = getCredential(db, order.credential_id);
      if (!cred.isActive) {
        throw new AppError('conflict', `${cred.displayName} is switched off; switch it on, then retry this sync.`);
      }
      const adapter = deps.channels[cred.providerCode];
      if (!adapter?.syncTracking) {
        throw new AppError('bad_request', `PackDesk cannot send tracking numbers to ${cred.providerCode} shops yet.`);
      }
      const result = await adapter.syncTracking(connectionOf(db, deps.box, order.credential_id), {
        externalId: order.external_id,
        trackingNumber,
        carrier: order.carrier ?? 'local',
        shippedOn: labelDay(db, order.id) ?? job.createdAt.slice(0, 10),
      });
      const already = result.alreadyThere ? ' (the shop already had it)' : '';
      return { note: `Tracking ${trackingNumber} sent to ${cred.displayName} by ${result.via}${already}` };
    },

    onDone(db, job, done, at) {
      if (job.orderId === null) return;
      resolveErrors(db, job.orderId, 'sync', at);
      // A batch may have been made before the shop answered; the order then stays batched.
      if (orderOf(db, job.orderId)?.status === 'label_created') {
        transition(db, job.orderId, 'synced', { actor: ACTOR, at, reason: done.note });
      }
    },

    onFailed(db, job, message, final, at) {
      if (job.orderId === null) return;
      const errorType = final ? 'refused' : 'unreachable';
      const words = final ? message : `${message} PackDesk keeps the tracking and sends it when the shop answers.`;
      recordError(db, job.orderId, { step: 'sync', errorType, message: words }, at);
    },
  };
}

function labelDay(db: Db, orderId: number): string | null {
  const row = db.$client
    .prepare("SELECT created_at FROM labels WHERE order_id = ? AND state = 'bought' ORDER BY id DESC LIMIT 1")
    .get(orderId) as { created_at: string } | undefined;
  return row ? row.created_at.slice(0, 10) : null;
}
