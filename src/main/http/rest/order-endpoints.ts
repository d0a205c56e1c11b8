/** Seed 000 §1 and §5: pulling, listing and reading orders, their errors and logs. */
import { z } from 'zod';
import { ERROR_STEPS } from '../../../shared/statuses';
import { jsonEndpoint, JsonBytes, type Endpoint } from './endpoint';
import { toDetail, toErrors, toLogs, toSummary } from './order-shapes';
import { RestError } from './rest-error';
import {
  channel,
  limit,
  orderDetail,
  orderError,
  orderIdParams,
  orderLog,
  orderSummary,
  page,
  sellerId,
  statusList,
  timestamp,
} from './schemas';

const NOT_FOUND = 'No order has that order_id.';
const AMBIGUOUS = 'Two shops have an order with that order_id; the error lists them as "id:N" to send instead.';

export const orderEndpoints: Endpoint[] = [
  jsonEndpoint({
    method: 'POST',
    path: '/api/orders/pull',
    operationId: 'pullOrders',
    tag: 'Orders',
    summary: 'Pull new and changed orders from the shops',
    description: 'Without a body, every active shop; with channel (and seller_id), only those.',
    body: z.object({ channel: channel.optional(), seller_id: sellerId.optional() }).strict(),
    response: z.object({ pulled: z.number().int(), new_orders: z.number().int(), failed: z.number().int() }),
    errors: {
      404: 'No shop matches channel and seller_id.',
      502: 'A shop did not answer or refused the pull; the error says which and why, and details.partial holds what the other shops brought.',
    },
    async run({ body }, call) {
      if (body.channel === undefined) {
        if (body.seller_id !== undefined) throw new RestError(400, 'Name the channel of seller_id too.');
        return call('orders.pull', {});
      }
      return call('orders.pullShops', { channel: body.channel, sellerId: body.seller_id });
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/orders',
    operationId: 'listOrders',
    tag: 'Orders',
    summary: 'List orders, newest first',
    cacheable: true,
    query: z
      .object({
        status: statusList.optional(),
        channel: z.string().min(1).max(200).optional(),
        seller_id: sellerId.optional(),
        batch_id: z.string().min(1).max(100).optional(),
        page,
        limit,
      })
      .strict(),
    response: z.object({ total: z.number().int(), orders: z.array(orderSummary) }),
    async run({ query }, call) {
      const found = await call('orders.find', {
        statuses: query.status,
        channel: query.channel,
        sellerId: query.seller_id,
        batchId: query.batch_id,
        offset: (query.page - 1) * query.limit,
        limit: query.limit,
      });
      return new JsonBytes(Buffer.from(found.json.buffer, found.json.byteOffset, found.json.byteLength));
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/orders/failed',
    operationId: 'listFailedOrders',
    tag: 'Exceptions',
    summary: 'Orders with open errors, newest error first',
    cacheable: true,
    description:
      'Filters apply to the errors: their step, type, and when they were recorded (from inclusive, to exclusive).',
    query: z
      .object({
        step: z.enum(ERROR_STEPS).optional(),
        error_type: z.string().min(1).max(100).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        page,
        limit,
      })
      .strict(),
    response: z.object({
      total: z.number().int(),
      orders: z.array(
        orderSummary.extend({
          error_count: z.number().int(),
          last_error: z.object({ step: z.enum(ERROR_STEPS), error_type: z.string(), message: z.string(), timestamp }),
        }),
      ),
    }),
    async run({ query }, call) {
      const found = await call('orders.failed', {
        step: query.step,
        errorType: query.error_type,
        from: query.from,
        to: query.to,
        offset: (query.page - 1) * query.limit,
        limit: query.limit,
      });
      return {
        total: found.total,
        orders: found.rows.map((o) => ({
          ...toSummary(o),
          error_count: o.errorCount,
          last_error: {
            step: o.lastError.step,
            error_type: o.lastError.errorType,
            message: o.lastError.message,
            timestamp: o.lastError.at,
          },
        })),
      };
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/orders/{order_id}',
    operationId: 'getOrder',
    tag: 'Orders',
    summary: 'One order: items, address, label, log and errors',
    params: orderIdParams,
    response: orderDetail,
    errors: { 404: NOT_FOUND, 409: AMBIGUOUS },
    async run({ params }, call) {
      return toDetail(await call('orders.get', { id: await call('orders.resolve', { ref: params.order_id }) }));
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/orders/{order_id}/errors',
    operationId: 'getOrderErrors',
    tag: 'Exceptions',
    summary: "An order's errors, newest first (resolved ones too)",
    params: orderIdParams,
    response: z.array(orderError),
    errors: { 404: NOT_FOUND, 409: AMBIGUOUS },
    async run({ params }, call) {
      return toErrors(await call('orders.get', { id: await call('orders.resolve', { ref: params.order_id }) }));
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/orders/{order_id}/logs',
    operationId: 'getOrderLogs',
    tag: 'Exceptions',
    summary: "An order's status changes, oldest first",
    params: orderIdParams,
    response: z.array(orderLog),
    errors: { 404: NOT_FOUND, 409: AMBIGUOUS },
    async run({ params }, call) {
      return toLogs(await call('orders.get', { id: await call('orders.resolve', { ref: params.order_id }) }));
    },
  }),
];
