/**
 * Telling the seed 002 shop what happened to an order through its admin actions: accept (0 → 1),
 * deliver (1 → 2, our tracking number in the remark) and exception (0 or 1 → 5). The shop's status
 * flow refuses jumps (1007), so the order is read first and the path walked a step at a time; a
 * 1007 on the way means the order moved meanwhile, so it is read again and walked from where it
 * is. Reading first also makes a retry after a lost answer find the step already done instead of
 * doing it twice.
 */
import type { ChannelConnection, TrackingSync, TrackingSyncResult } from './channel-adapter';
import { ChannelError } from './channel-error';
import type { HttpRetryOptions } from './provider-http';
import { businessCodeOf, isRecord, JUMP_REFUSED, tgAdmin } from './tgshop-http';

type Goal = 'delivered' | 'exception';
type Step =
  { action: 'accept' | 'deliver'; body: { remark: string } } | { action: 'exception'; body: { reason: string } };
type Plan = { kind: 'step'; step: Step } | { kind: 'done' } | { kind: 'refuse'; words: string };

/** Reads again after this many refused jumps in one walk: a shop that keeps moving the order wins. */
const MAX_REFUSED_JUMPS = 2;

const CARRIER_NAMES: Readonly<Record<string, string>> = { dhl: 'DHL', local: 'own delivery' };

export async function deliverWithTracking(
  conn: ChannelConnection,
  sync: TrackingSync,
  http: HttpRetryOptions,
): Promise<TrackingSyncResult> {
  const carrier = CARRIER_NAMES[sync.carrier] ?? sync.carrier;
  const remark = `Shipped on ${sync.shippedOn} with ${carrier}. Tracking number: ${sync.trackingNumber}`;
  const { walked } = await walk(conn, sync.externalId, 'delivered', http, (status, no) => {
    if (status === 0) return step('accept', { remark: 'Accepted by PackDesk, packing' });
    if (status === 1) return step('deliver', { remark });
    if (status === 2 || status === 3) return { kind: 'done' };
    if (status === 4)
      return refuse(`The Telegram shop cancelled order ${no}; its tracking ${sync.trackingNumber} was not sent.`);
    return refuse(
      `The Telegram shop has order ${no} marked as an exception; accept it again in the shop, then retry this sync.`,
    );
  });
  return { via: walked.includes('accept') ? 'accept + deliver' : 'deliver', alreadyThere: walked.length === 0 };
}

/** Marks the order as an exception at the shop with the reason its buyer and staff will read. */
export async function markException(
  conn: ChannelConnection,
  externalId: string,
  reason: string,
  http: HttpRetryOptions,
): Promise<{ alreadyThere: boolean }> {
  const { walked } = await walk(conn, externalId, 'exception', http, (status, no) => {
    if (status === 0 || status === 1) return { kind: 'step', step: { action: 'exception', body: { reason } } };
    if (status === 5) return { kind: 'done' };
    const where = status === 4 ? 'cancelled' : 'already delivered';
    return refuse(`The Telegram shop has ${where} order ${no}; it cannot be marked as an exception any more.`);
  });
  return { alreadyThere: walked.length === 0 };
}

const step = (action: 'accept' | 'deliver', body: { remark: string }): Plan => ({
  kind: 'step',
  step: { action, body },
});
const refuse = (words: string): Plan => ({ kind: 'refuse', words });

async function walk(
  conn: ChannelConnection,
  externalId: string,
  goal: Goal,
  http: HttpRetryOptions,
  plan: (status: number, orderNo: string) => Plan,
): Promise<{ walked: Step['action'][] }> {
  const orderPath = `/order/${encodeURIComponent(externalId)}`;
  const walked: Step['action'][] = [];
  let refusedJumps = 0;
  let { status, orderNo } = await readOrder(conn, orderPath, externalId, http);
  for (;;) {
    const next = plan(status, orderNo);
    if (next.kind === 'done') return { walked };
    if (next.kind === 'refuse') throw new ChannelError(next.words, { url: conn.baseUrl, refused: true });
    try {
      const answer = await tgAdmin(
        conn,
        { method: 'PUT', path: `${orderPath}/${next.step.action}`, body: next.step.body },
        http,
      );
      walked.push(next.step.action);
      const moved = isRecord(answer.data) ? answer.data.orderStatus : undefined;
      status = typeof moved === 'number' ? moved : (await readOrder(conn, orderPath, externalId, http)).status;
    } catch (error) {
      if (businessCodeOf(error) !== JUMP_REFUSED) throw error;
      if (++refusedJumps > MAX_REFUSED_JUMPS) {
        throw new ChannelError(
          `The Telegram shop kept refusing to move order ${orderNo} on (${goal === 'delivered' ? 'deliver' : 'exception'}): ` +
            'its status changes while PackDesk walks it; look at the order in the shop, then retry.',
          { url: conn.baseUrl, refused: true, providerCode: String(JUMP_REFUSED) },
        );
      }
      ({ status, orderNo } = await readOrder(conn, orderPath, externalId, http));
    }
  }
}

async function readOrder(
  conn: ChannelConnection,
  orderPath: string,
  externalId: string,
  http: HttpRetryOptions,
): Promise<{ status: number; orderNo: string }> {
  const answer = await tgAdmin(conn, { method: 'GET', path: orderPath }, http);
  const order = isRecord(answer.data) && isRecord(answer.data.order) ? answer.data.order : null;
  if (!order || typeof order.orderStatus !== 'number') {
    throw new ChannelError(`The Telegram shop answered order ${externalId} without its status.`, { url: conn.baseUrl });
  }
  return { status: order.orderStatus, orderNo: typeof order.orderNo === 'string' ? order.orderNo : externalId };
}
