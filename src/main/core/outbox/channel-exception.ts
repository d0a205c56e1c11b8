/**
 * A held order told to its shop, for shops that have an exception status (the Telegram shop of
 * seed 002): holding it writes one `channel_exception` job in the same transaction that moves it
 * to on_hold (idempotency key: order and hold, so each hold is told once), and the job marks the
 * order as an exception at the shop with the hold's reason. A refusal is an order error, step `sync`.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { CHANNEL_ADAPTERS } from '../channels/registry';
import { connectionOf, getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { insertLog } from '../orders/state-machine';
import type { OrderStatus } from '../../../shared/statuses';
import type { SecretBox } from '../secrets/secret-box';
import type { JobKind } from './job-kind';
import { enqueueJob } from './outbox-repo';

export const CHANNEL_EXCEPTION = 'channel_exception';
const ACTOR = 'outbox';

interface ExceptionPayload {
  reason: string;
}

interface HeldOrder {
  credential_id: number;
  external_id: string;
  provider_code: string;
  status: OrderStatus;
}

function heldOrder(db: Db, orderId: number): HeldOrder | undefined {
  return db.$client
    .prepare(
      `SELECT o.credential_id, o.external_id, c.provider_code, o.status
       FROM orders o JOIN credentials c ON c.id = o.credential_id WHERE o.id = ?`,
    )
    .get(orderId) as HeldOrder | undefined;
}

/** Inside the transaction that holds the order; nothing for shops without an exception status. */
export function enqueueChannelException(db: Db, orderId: number, reason: string, at: string): void {
  const order = heldOrder(db, orderId);
  if (!order || !CHANNEL_ADAPTERS[order.provider_code]?.reportException) return;
  enqueueJob(
    db,
    {
      kind: CHANNEL_EXCEPTION,
      idempotencyKey: `${CHANNEL_EXCEPTION}:${orderId}:${at}`,
      orderId,
      credentialId: order.credential_id,
      payload: { reason } satisfies ExceptionPayload,
    },
    at,
  );
}

export function channelExceptionKind(deps: {
  db: Db;
  box: SecretBox;
  channels: Readonly<Record<string, ChannelAdapter>>;
}): JobKind {
  const { db } = deps;
  return {
    async run(job) {
      const order = job.orderId === null ? undefined : heldOrder(db, job.orderId);
      if (!order) throw new AppError('not_found', 'The order held for this exception no longer exists.');
      // Released before the shop was told: there is no exception left to report.
      if (order.status !== 'on_hold') return { note: 'Released before the shop was told; nothing sent' };
      const cred = getCredential(db, order.credential_id);
      if (!cred.isActive) {
        throw new AppError('conflict', `${cred.displayName} is switched off; switch it on, then retry.`);
      }
      const report = deps.channels[cred.providerCode]?.reportException;
      if (!report) {
        throw new AppError('bad_request', `PackDesk cannot mark orders as exceptions at ${cred.providerCode} shops.`);
      }
      const { reason } = job.payload as ExceptionPayload;
      const result = await report(connectionOf(db, deps.box, order.credential_id), {
        externalId: order.external_id,
        reason,
      });
      const already = result.alreadyThere ? ' (the shop already had it)' : '';
      return { note: `Marked as an exception at ${cred.displayName}: ${reason}${already}` };
    },

    onDone(db, job, done, at) {
      if (job.orderId === null) return;
      resolveErrors(db, job.orderId, 'sync', at);
      const status = heldOrder(db, job.orderId)?.status;
      if (status) insertLog(db, job.orderId, status, status, { actor: ACTOR, at, reason: done.note });
    },

    onFailed(db, job, message, final, at) {
      if (job.orderId === null) return;
      const errorType = final ? 'refused' : 'unreachable';
      const words = final ? message : `${message} PackDesk tells the shop when it answers.`;
      recordError(db, job.orderId, { step: 'sync', errorType, message: words }, at);
    },
  };
}
