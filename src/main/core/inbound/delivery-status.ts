/**
 * Changing an inbound purchase order's delivery status (seed 004 PATCH). The change is written
 * locally as pending and queued as an outbox job in the same transaction, so it survives going
 * offline and restarts and is sent once. Each change bumps the order's revision, which is in the
 * job's idempotency key: a newer change gets its own job, and an older job that runs late sees it
 * was overtaken and sends nothing. Before sending, the job reads the record again: a worker's lock
 * or a soft delete refuses the change in words, and a server that already has the status is not
 * PATCHed a second time (an earlier try got through before its answer was lost).
 */
import type { InboundDetail } from '../../../shared/inbound';
import { AppError } from '../../../shared/errors';
import type { DeliveryStatus } from '../../../shared/statuses';
import { iso, type Clock } from '../clock';
import { ChannelError } from '../channels/channel-error';
import { connectionOf } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import type { JobKind } from '../outbox/job-kind';
import { enqueueJob } from '../outbox/outbox-repo';
import type { SecretBox } from '../secrets/secret-box';
import { getInbound } from './inbound-queue';
import { upsertPurchaseOrder } from './purchase-order-store';
import type { PurchasingClient } from './purchasing-http';
import { readPurchaseRecord } from './purchasing-record';

export const PURCHASING_DELIVERY_STATUS = 'purchasing_delivery_status';

interface StatusPayload {
  purchaseOrderId: number;
  externalId: string;
  status: DeliveryStatus;
  revision: number;
}

/** Why PackDesk will not change this order now, in words; null when it may. */
export function lockRefusal(o: {
  isLocked: boolean;
  lockedBy: string;
  orderNumber: string;
  externalId: string;
}): string {
  const holder = o.lockedBy ? `worker "${o.lockedBy}"` : 'another worker';
  return `${holder} holds purchase order ${o.orderNumber || `#${o.externalId}`} on the purchasing server; PackDesk leaves it alone until they let go.`;
}

export function setDeliveryStatus(db: Db, clock: Clock, id: number, status: DeliveryStatus): InboundDetail {
  const at = iso(clock());
  db.$client.transaction(() => {
    const o = getInbound(db, id);
    if (o.isDeleted) {
      throw new AppError(
        'conflict',
        `Purchase order ${o.orderNumber || o.externalId} was deleted on the purchasing server; it cannot be changed.`,
      );
    }
    if (o.isLocked) throw new AppError('conflict', capitalise(lockRefusal(o)));
    if ((o.pendingDeliveryStatus ?? o.deliveryStatus) === status) return;
    const revision = (
      db.$client
        .prepare(
          `UPDATE purchase_orders SET pending_delivery_status = ?, delivery_status_error = NULL,
             status_revision = status_revision + 1, updated_at = ? WHERE id = ? RETURNING status_revision`,
        )
        .get(status, at, id) as { status_revision: number }
    ).status_revision;
    enqueueJob(
      db,
      {
        kind: PURCHASING_DELIVERY_STATUS,
        idempotencyKey: `${PURCHASING_DELIVERY_STATUS}:${id}:${revision}`,
        credentialId: o.credentialId,
        payload: { purchaseOrderId: id, externalId: o.externalId, status, revision } satisfies StatusPayload,
      },
      at,
    );
  })();
  return getInbound(db, id);
}

export function deliveryStatusKind(deps: { db: Db; box: SecretBox; clock: Clock; client: PurchasingClient }): JobKind {
  const { db } = deps;
  const currentRevision = (id: number) =>
    db.$client.prepare('SELECT status_revision FROM purchase_orders WHERE id = ?').pluck().get(id) as
      number | undefined;
  return {
    async run(job) {
      const p = job.payload as StatusPayload;
      const revision = currentRevision(p.purchaseOrderId);
      if (revision === undefined) throw new AppError('not_found', 'The purchase order is no longer in PackDesk.');
      if (revision > p.revision) return { note: `Overtaken by a later change; ${p.status} was not sent` };
      if (job.credentialId === null)
        throw new AppError('internal', 'The delivery status job names no purchasing account.');
      const conn = connectionOf(db, deps.box, job.credentialId);
      const remote = readPurchaseRecord(await deps.client.getOrder(conn, p.externalId));
      if ('invalid' in remote)
        throw new ChannelError(
          `The purchasing server sent purchase order ${p.externalId} unreadable: ${remote.invalid.reason}`,
        );
      // What the server says now is what the queue shows, whatever happens next.
      upsertPurchaseOrder(db, job.credentialId, remote.record, iso(deps.clock()));
      const r = remote.record;
      if (r.isDeleted) {
        throw new ChannelError(
          `Purchase order ${r.orderNumber || r.externalId} was deleted on the purchasing server.`,
          { refused: true },
        );
      }
      if (r.isLocked) throw new ChannelError(`Not sent: ${lockRefusal(r)}`, { refused: true });
      if (r.deliveryStatus === p.status) return { note: `The purchasing server already had ${p.status}` };
      const answer = readPurchaseRecord(
        await deps.client.patchOrder(conn, p.externalId, {
          delivery_status: p.status,
          last_info_updated_at: iso(deps.clock()),
        }),
      );
      if ('record' in answer) upsertPurchaseOrder(db, job.credentialId, answer.record, iso(deps.clock()));
      return { note: `Delivery status ${p.status} sent to the purchasing server` };
    },

    onDone(db, job, _done, at) {
      const p = job.payload as StatusPayload;
      db.$client
        .prepare(
          `UPDATE purchase_orders SET delivery_status = ?, pending_delivery_status = NULL, delivery_status_error = NULL, updated_at = ?
           WHERE id = ? AND status_revision = ?`,
        )
        .run(p.status, at, p.purchaseOrderId, p.revision);
    },

    onFailed(db, job, message, final, at) {
      const p = job.payload as StatusPayload;
      const words = final ? message : `${message} PackDesk keeps the change and sends it when the server answers.`;
      // A refusal drops the pending change (the chip shows the server's status again); the words stay.
      db.$client
        .prepare(
          `UPDATE purchase_orders SET delivery_status_error = ?,
             pending_delivery_status = CASE WHEN ? THEN NULL ELSE pending_delivery_status END, updated_at = ?
           WHERE id = ? AND status_revision = ?`,
        )
        .run(words, final ? 1 : 0, at, p.purchaseOrderId, p.revision);
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
