/**
 * iRCloud order audits through the outbox: staff select orders awaiting audit in the queue and
 * press Audit; each order gets one job (idempotency key: the order), written in the same
 * transaction as the line in its log that says who asked. The job calls iRCloud's `order-audit`;
 * its success marks the order audited (channel status AUDITED until the next pull brings
 * iRCloud's own) and resolves earlier audit errors. A refusal, such as code 525 for an unpaid
 * pay-before-delivery order, is the order's audit error with iRCloud's reason in words.
 */
import type { AuditOrdersResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { OrderStatus } from '../../../shared/statuses';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { AWAITING_AUDIT, IRCLOUD_STATUSES } from '../channels/ircloud-order-map';
import { connectionOf, getCredential } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from '../orders/order-errors';
import { insertLog } from '../orders/state-machine';
import type { SecretBox } from '../secrets/secret-box';
import type { JobKind } from './job-kind';
import { enqueueJob } from './outbox-repo';

export const IRCLOUD_AUDIT = 'ircloud_audit';
const AUDITED = 'AUDITED';

interface AuditOrder {
  id: number;
  credential_id: number;
  channel: string;
  external_id: string;
  order_number: string;
  status: OrderStatus;
  channel_status: string;
}

function orderOf(db: Db, orderId: number): AuditOrder | undefined {
  return db.$client
    .prepare(
      'SELECT id, credential_id, channel, external_id, order_number, status, channel_status FROM orders WHERE id = ?',
    )
    .get(orderId) as AuditOrder | undefined;
}

/** Queues the audit of one order, or says in words why it cannot be audited. Answers the job's id. */
export function enqueueIrCloudAudit(db: Db, orderId: number, actor: string, at: string): number {
  return db.$client.transaction(() => {
    const order = orderOf(db, orderId);
    if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
    if (order.channel !== 'ircloud') {
      throw new AppError(
        'bad_request',
        `Order ${order.order_number} is not an iRCloud order; only iRCloud audits orders.`,
      );
    }
    if (order.status === 'cancelled') throw new AppError('conflict', `Order ${order.order_number} is cancelled.`);
    if (order.channel_status !== AWAITING_AUDIT) {
      const words = IRCLOUD_STATUSES[order.channel_status]?.words ?? order.channel_status;
      throw new AppError(
        'conflict',
        `Order ${order.order_number} is not awaiting an order audit at iRCloud (it is ${words}).`,
      );
    }
    const job = enqueueJob(
      db,
      {
        kind: IRCLOUD_AUDIT,
        idempotencyKey: `${IRCLOUD_AUDIT}:${orderId}`,
        orderId,
        credentialId: order.credential_id,
      },
      at,
    );
    // Asked again while it waits: one job, one line in the log.
    if (job.queued) insertLog(db, orderId, order.status, order.status, { actor, at, reason: 'Audit at iRCloud asked' });
    return job.id;
  })();
}

export function auditIrCloudOrders(db: Db, orderIds: readonly number[], actor: string, at: string): AuditOrdersResult {
  const result: AuditOrdersResult = { queued: [], jobIds: [], failed: [] };
  for (const orderId of new Set(orderIds)) {
    try {
      result.jobIds.push(enqueueIrCloudAudit(db, orderId, actor, at));
      result.queued.push(orderId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ order_id: orderId, error: error.message });
    }
  }
  return result;
}

export interface IrCloudAuditDeps {
  db: Db;
  box: SecretBox;
  channels: Readonly<Record<string, ChannelAdapter>>;
}

export function ircloudAuditKind(deps: IrCloudAuditDeps): JobKind {
  const { db } = deps;
  return {
    async run(job) {
      const order = job.orderId === null ? undefined : orderOf(db, job.orderId);
      if (!order) throw new AppError('not_found', 'The order of this audit no longer exists.');
      // Already audited (a lost answer, or the next pull saw it): auditing again would change nothing.
      if (order.channel_status !== AWAITING_AUDIT) {
        return {
          note: `Order ${order.order_number} was already ${IRCLOUD_STATUSES[order.channel_status]?.words ?? order.channel_status} at iRCloud`,
        };
      }
      const cred = getCredential(db, order.credential_id);
      if (!cred.isActive) {
        throw new AppError('conflict', `${cred.displayName} is switched off; switch it on, then retry this audit.`);
      }
      const adapter = deps.channels[cred.providerCode];
      if (!adapter?.auditOrder) throw new AppError('bad_request', `PackDesk cannot audit ${cred.providerCode} orders.`);
      await adapter.auditOrder(connectionOf(db, deps.box, order.credential_id), order.external_id);
      return { note: `Audited at iRCloud (${cred.displayName})` };
    },

    onDone(db, job, done, at) {
      if (job.orderId === null) return;
      const order = orderOf(db, job.orderId);
      if (!order) return;
      resolveErrors(db, order.id, 'audit', at);
      if (order.channel_status === AWAITING_AUDIT) {
        db.$client
          .prepare('UPDATE orders SET channel_status = ?, updated_at = ? WHERE id = ?')
          .run(AUDITED, at, order.id);
      }
      insertLog(db, order.id, order.status, order.status, { actor: 'outbox', at, reason: done.note });
    },

    onFailed(db, job, message, final, at) {
      if (job.orderId === null) return;
      const words = final
        ? `iRCloud did not audit the order: ${message}`
        : `${message} PackDesk keeps the audit and sends it when iRCloud answers.`;
      recordError(
        db,
        job.orderId,
        { step: 'audit', errorType: final ? 'audit_refused' : 'unreachable', message: words },
        at,
      );
    },
  };
}
