/**
 * The request and response shapes of seed 000, as zod schemas: they validate what comes in and
 * are the OpenAPI document's schemas. Field names are the seed's (snake_case).
 */
import { z } from 'zod';
import { CARRIER_CODES, CHANNEL_PROVIDERS, ERROR_STEPS, ORDER_STATUSES } from '../../../shared/statuses';

export const orderRef = z
  .string()
  .min(1)
  .max(100)
  .describe('The channel\'s order id as the shop shows it ("123456"), or PackDesk\'s own id as "id:42".');

export const orderIdParams = z.object({ order_id: orderRef }).strict();

/** Query values arrive as text; numbers are read from it. */
export const page = z.coerce.number().int().min(1).max(200_000).default(1).describe('Page number, from 1.');
export const limit = z.coerce.number().int().min(1).max(500).default(50).describe('Orders per page (1-500).');

/** `status=new&status=label_failed` or `status=new,label_failed`. */
export const statusList = z
  .union([z.string().max(300), z.array(z.string().max(30)).max(20)])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s.length > 0))
  .pipe(z.array(z.enum(ORDER_STATUSES)).min(1, 'Name at least one status'))
  .describe(`One or more of ${ORDER_STATUSES.join(', ')}; repeat the parameter or separate with commas.`);

export const channel = z.enum(CHANNEL_PROVIDERS).describe('The channel (provider_code of a shop).');
export const sellerId = z.string().min(1).max(200).describe("The shop's external id (seller_id).");
export const timestamp = z.string().describe('ISO 8601, UTC.');

export const errorBody = z
  .object({
    error: z.string().describe('What went wrong and what to do, in words.'),
    code: z.number().int().describe('The HTTP status again.'),
    details: z.unknown().optional(),
  })
  .describe('Every error answer.');

export const orderSummary = z.object({
  order_id: z.string().describe("The channel's order id."),
  internal_id: z.number().int().describe('PackDesk\'s id; send "id:<internal_id>" where two shops share an order_id.'),
  order_number: z.string(),
  channel: z.string(),
  seller_id: z.string(),
  status: z.enum(ORDER_STATUSES),
  channel_status: z.string(),
  tracking_number: z.string().nullable(),
  batch_id: z.string().nullable(),
  total: z.string(),
  currency: z.string(),
  has_errors: z.boolean(),
  created_at: timestamp.describe('When the order was placed (ISO 8601, UTC).'),
});

export const orderLog = z.object({
  timestamp,
  from_status: z.enum(ORDER_STATUSES).nullable(),
  to_status: z.enum(ORDER_STATUSES),
  actor: z.string(),
  reason: z.string(),
});

export const orderError = z.object({
  id: z.number().int(),
  timestamp,
  step: z.enum(ERROR_STEPS),
  error_type: z.string(),
  message: z.string(),
  resolved: z.boolean(),
});

export const orderDetail = orderSummary.extend({
  customer_note: z.string(),
  items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), price: z.string() })),
  shipping_address: z.object({
    name: z.string(),
    company: z.string(),
    address_line1: z.string(),
    address_line2: z.string(),
    city: z.string(),
    state: z.string(),
    postcode: z.string(),
    country: z.string(),
    phone: z.string(),
    email: z.string(),
  }),
  label: z
    .object({ carrier: z.enum(CARRIER_CODES), service: z.string(), tracking_number: z.string(), created_at: timestamp })
    .nullable(),
  logs: z.array(orderLog),
  errors: z.array(orderError),
});

export const orderIdList = z.array(orderRef).min(1, 'Name at least one order').max(5000, 'At most 5000 orders at once');

export const bulkResult = z.object({
  success: z.array(z.string()).describe('The order_ids that succeeded, as sent.'),
  failed: z.array(z.object({ order_id: z.string(), error: z.string() })),
});
