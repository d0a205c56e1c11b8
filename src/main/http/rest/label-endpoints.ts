/** Seed 000 §2: labels in bulk, the retry of a failed one, and tracking sync. */
import { z } from 'zod';
import { CARRIER_CODES } from '../../../shared/statuses';
import { jsonEndpoint, type Call, type Endpoint } from './endpoint';
import { RestError } from './rest-error';
import { bulkResult, orderIdList, orderIdParams } from './schemas';

const carrier = z.enum(CARRIER_CODES).optional().describe('Defaults to local (labels made on this machine).');
/** The only service label-service.ts buys today. */
const STANDARD = 'standard';

type Bulk = z.input<typeof bulkResult>;

/** Labels for orders named as the API names them; an order that cannot be found fails on its own. */
async function labelRefs(call: Call, refs: readonly string[], carrierCode: (typeof CARRIER_CODES)[number]) {
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
  const made = await call('labels.generate', { orderIds: [...refOf.keys()], carrier: carrierCode });
  result.success.push(...made.success.map((id) => refOf.get(id)!));
  result.failed.push(...made.failed.map((f) => ({ order_id: refOf.get(f.order_id)!, error: f.error })));
  return result;
}

export const labelEndpoints: Endpoint[] = [
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/generate_labels',
    operationId: 'generateLabels',
    tag: 'Labels',
    summary: 'Make labels for orders, each succeeding or failing on its own',
    body: z
      .object({
        order_ids: orderIdList,
        carrier,
        service: z.string().min(1).max(50).optional().describe(`Only "${STANDARD}" for now.`),
      })
      .strict(),
    response: bulkResult,
    errors: { 501: `A service other than "${STANDARD}" was asked for.` },
    async run({ body }, call) {
      if (body.service !== undefined && body.service !== STANDARD) {
        throw new RestError(
          501,
          `Choosing a carrier service is not built yet: PackDesk buys the carrier's ${STANDARD} service. Leave out service or send "${STANDARD}".`,
        );
      }
      return labelRefs(call, body.order_ids, body.carrier ?? 'local');
    },
  }),
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/{order_id}/retry_label',
    operationId: 'retryLabel',
    tag: 'Labels',
    summary: 'Try the label of a label_failed order again (after fixing its address)',
    params: orderIdParams,
    body: z.object({ carrier }).strict(),
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
      return labelRefs(call, [params.order_id], body.carrier ?? 'local');
    },
  }),
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/sync_tracking',
    operationId: 'syncTracking',
    tag: 'Labels',
    summary: 'Send tracking numbers to the channels (not built yet: answers 501)',
    body: z.object({ order_ids: orderIdList }).strict(),
    response: bulkResult,
    errors: { 501: 'Tracking sync is not part of this PackDesk yet.' },
    async run() {
      throw new RestError(
        501,
        'Tracking sync is not built into this PackDesk yet, so no tracking number was sent to any channel. Nothing changed.',
      );
    },
  }),
];
