/**
 * Label voids through the outbox: when a channel cancels an order whose label was bought, the
 * pull writes one `label_void` job per label (idempotency key: the label) in the same transaction
 * that cancels the order, so a bought label is never forgotten. The job asks the carrier to cancel
 * the shipment (the local carrier sells nothing, so there is nothing to call); its success marks
 * the label `voided` and logs it on the order. A carrier's refusal is an order error, step `label`.
 */
import { AppError } from '../../../shared/errors';
import type { Carriers } from '../carriers/registry';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { insertLog } from '../orders/state-machine';
import type { OrderStatus } from '../../../shared/statuses';
import type { JobKind } from './job-kind';
import { enqueueJob } from './outbox-repo';

export const LABEL_VOID = 'label_void';
const ACTOR = 'outbox';

interface VoidPayload {
  labelId: number;
  carrier: string;
  trackingNumber: string | null;
}

export interface BoughtLabel {
  id: number;
  carrier: string;
  tracking_number: string | null;
}

/** Queues the void of a bought label, inside the caller's transaction (the one cancelling its order). */
export function enqueueLabelVoid(db: Db, orderId: number, label: BoughtLabel, at: string): void {
  // The carrier's account is the provider whose outage holds the job; the local carrier has none.
  const credentialId = carrierCredential(db, label.carrier);
  enqueueJob(
    db,
    {
      kind: LABEL_VOID,
      idempotencyKey: `${LABEL_VOID}:${label.id}`,
      orderId,
      ...(credentialId === null ? {} : { credentialId }),
      payload: {
        labelId: label.id,
        carrier: label.carrier,
        trackingNumber: label.tracking_number,
      } satisfies VoidPayload,
    },
    at,
  );
}

function carrierCredential(db: Db, carrier: string): number | null {
  if (carrier === 'local') return null;
  const row = db.$client
    .prepare(
      "SELECT id FROM credentials WHERE type = 'logistics' AND provider_code = ? AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get(carrier) as { id: number } | undefined;
  return row?.id ?? null;
}

export function labelVoidKind(deps: { db: Db; carriers: Carriers }): JobKind {
  const { db } = deps;
  return {
    async run(job) {
      const { labelId, carrier: code, trackingNumber } = job.payload as VoidPayload;
      const label = db.$client.prepare('SELECT state FROM labels WHERE id = ?').get(labelId) as
        { state: string } | undefined;
      if (!label) throw new AppError('not_found', 'The label to void no longer exists in PackDesk.');
      if (label.state === 'voided') return { note: `Label ${trackingNumber ?? ''} was already voided` };
      if (code === 'local') return { note: `Own-delivery label ${trackingNumber ?? ''} voided (nothing was bought)` };
      const carrier = deps.carriers[code];
      if (!carrier) {
        throw new AppError(
          'conflict',
          `There is no active ${code.toUpperCase()} account to void label ${trackingNumber ?? ''} with; add or switch it on, then retry.`,
        );
      }
      if (!carrier.void || !trackingNumber) {
        throw new AppError(
          'bad_request',
          `PackDesk cannot void ${code.toUpperCase()} labels; cancel label ${trackingNumber ?? ''} in the carrier's portal.`,
        );
      }
      await carrier.void(trackingNumber);
      return { note: `${code.toUpperCase()} label ${trackingNumber} voided with the carrier` };
    },

    onDone(db, job, done, at) {
      const { labelId } = job.payload as VoidPayload;
      db.$client
        .prepare("UPDATE labels SET state = 'voided', updated_at = ? WHERE id = ? AND state = 'bought'")
        .run(at, labelId);
      if (job.orderId === null) return;
      resolveErrors(db, job.orderId, 'label', at);
      const status = db.$client.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(job.orderId) as
        OrderStatus | undefined;
      if (status) insertLog(db, job.orderId, status, status, { actor: ACTOR, at, reason: done.note });
    },

    onFailed(db, job, message, final, at) {
      if (job.orderId === null) return;
      const words = final
        ? `The label was not voided: ${message}`
        : `${message} PackDesk keeps the void and sends it when the carrier answers.`;
      recordError(
        db,
        job.orderId,
        { step: 'label', errorType: final ? 'void_refused' : 'unreachable', message: words },
        at,
      );
    },
  };
}
