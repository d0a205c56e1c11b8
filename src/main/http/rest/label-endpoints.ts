/** Seed 000 §2: labels in bulk, the retry of a failed one, and tracking sync. */
import { z } from 'zod';
import { SERVICE_CODE_PATTERN } from '../../../shared/carriers';
import { CARRIER_CODES } from '../../../shared/statuses';
import { jsonEndpoint, type Call, type Endpoint } from './endpoint';
import { RestError } from './rest-error';
import { bulkResult, orderIdList, orderIdParams } from './schemas';

const carrier = z
  .enum(CARRIER_CODES)
  .optional()
  .describe(
    "Left out: each order goes with the carrier set on it in PackDesk, else its shop's default, else local (labels made on this machine).",
  );
const service = z
  .string()
  .trim()
  .regex(SERVICE_CODE_PATTERN)
  .optional()
  .describe(
    "The carrier's product: standard (the default), or its own code such as DHL's V01PAK or Sendcloud's postnl:standard.",
  );

type Bulk = z.input<typeof bulkResult>;
type Carrier = (typeof CARRIER_CODES)[number];
type Outcome = { failed: { order_id: number; error: string }[] };

/**
 * Runs `work` on the orders named as the API names them and answers in those names; an order
 * that cannot be found fails on its own, the others go on.
 */
async function forRefs(
  call: Call,
  refs: readonly string[],
  work: (orderIds: number[]) => Promise<Outcome & { done: number[] }>,
): Promise<Bulk> {
  const result: Bulk = { success: [], failed: [] };
  const refOf = new Map<number, string>();
  for (const ref of new Set(refs)) {
    try {
      refOf.set(await call('orders.resolve', { ref }), ref);
    } catch (error) {
      if (!(error instanceof RestError) || error.status >= 500) throw error;
      result.failed.push({ order_id: ref, error: error.message });
    }
  }
  if (refOf.size === 0) return result;
  const outcome = await work([...refOf.keys()]);
  result.success.push(...outcome.done.map((id) => refOf.get(id)!));
  result.failed.push(...outcome.failed.map((f) => ({ order_id: refOf.get(f.order_id)!, error: f.error })));
  return result;
}

/** generate: each order with its own choice of carrier; retry: with the carrier its label failed with. */
function makeLabels(
  call: Call,
  op: 'labels.generate' | 'labels.retry',
  refs: readonly string[],
  carrierCode: Carrier | undefined,
  serviceCode: string | undefined,
) {
  return forRefs(call, refs, async (orderIds) => {
    const made = await call(op, {
      orderIds,
      ...(carrierCode === undefined ? {} : { carrier: carrierCode }),
      ...(serviceCode === undefined ? {} : { service: serviceCode }),
    });
    return { done: made.success, failed: made.failed };
  });
}

export const labelEndpoints: Endpoint[] = [
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/generate_labels',
    operationId: 'generateLabels',
    tag: 'Labels',
    summary: 'Make labels for orders, each succeeding or failing on its own',
    body: z.object({ order_ids: orderIdList, carrier, service }).strict(),
    response: bulkResult,
    async run({ body }, call) {
      return makeLabels(call, 'labels.generate', body.order_ids, body.carrier, body.service);
    },
  }),
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/{order_id}/retry_label',
    operationId: 'retryLabel',
    tag: 'Labels',
    summary: 'Try the label of a label_failed order again (after fixing its address)',
    params: orderIdParams,
    body: z
      .object({
        carrier: carrier.describe(
          'Left out: the carrier and service the label failed with, as Retry in PackDesk does.',
        ),
        service,
      })
      .strict(),
    response: bulkResult,
    errors: { 404: 'No order has that order_id.', 409: 'The order is not label_failed, or its order_id is shared.' },
    async run({ params, body }, call) {
      const id = await call('orders.resolve', { ref: params.order_id });
      const order = await call('orders.get', { id });
      if (order.status !== 'label_failed') {
        throw new RestError(
          409,
          `Order ${order.orderNumber} is ${order.status}, not label_failed: only a failed label is retried. Use /api/orders/generate_labels for orders still waiting.`,
        );
      }
      return makeLabels(call, 'labels.retry', [params.order_id], body.carrier, body.service);
    },
  }),
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/sync_tracking',
    operationId: 'syncTracking',
    tag: 'Labels',
    summary:
      "Send orders' tracking numbers to their channels. Each is queued in PackDesk's outbox and delivered once, " +
      'as soon as the channel answers; success lists the orders queued.',
    body: z.object({ order_ids: orderIdList }).strict(),
    response: bulkResult,
    async run({ body }, call) {
      return forRefs(call, body.order_ids, async (orderIds) => {
        const queued = await call('orders.syncTracking', { orderIds });
        return { done: queued.queued, failed: queued.failed };
      });
    },
  }),
];
