/**
 * The contract between the renderer and main: every call's name, its argument schema and its
 * answer type. core/api.ts implements it, IPC and HTTP RPC carry it, the renderer's client calls
 * it. Arguments are parsed with these schemas in main before any service sees them.
 */
import { z } from 'zod';
import type {
  AppInfo,
  BatchView,
  CreateBatchResult,
  CredentialView,
  FileDownload,
  GenerateLabelsResult,
  OrderDetail,
  OrderRow,
  PullResult,
  StatusCounts,
} from './dto';
import type { DashboardSummary } from './dashboard';
import type { BulkOrderResult, FailedOrder, FailureGroup, ListedOrder, OrderPage } from './exceptions';
import { CARRIER_CODES, CHANNEL_PROVIDERS, CREDENTIAL_TYPES, ERROR_STEPS, LANGUAGES, ORDER_STATUSES } from './statuses';

const id = z.number().int().positive();
const search = z.string().trim().max(200);
const orderIds = z.array(id).min(1, 'Select at least one order').max(5000);
const name = z.string().trim().min(1).max(200);
const failureFilter = z.object({
  step: z.enum(ERROR_STEPS).optional(),
  errorType: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const apiSchemas = {
  'app.info': z.object({}).strict(),
  'settings.setLanguage': z.object({ language: z.enum(LANGUAGES) }).strict(),
  'sandbox.start': z.object({}).strict(),
  'credentials.list': z.object({}).strict(),
  'orders.pull': z.object({ credentialId: id.optional() }).strict(),
  'orders.list': z
    .object({
      status: z.enum(ORDER_STATUSES).optional(),
      search: search.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'orders.counts': z.object({ search: search.optional() }).strict(),
  'orders.get': z.object({ id }).strict(),
  'labels.generate': z
    .object({
      orderIds: z.array(id).min(1, 'Select at least one order').max(5000),
      carrier: z.enum(CARRIER_CODES).default('local'),
    })
    .strict(),
  'labels.file': z.object({ orderId: id }).strict(),
  'batches.create': z.object({ credentialId: id }).strict(),
  'batches.list': z.object({}).strict(),
  'batches.download': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'orders.find': z
    .object({
      statuses: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
      channel: name.optional(),
      sellerId: name.optional(),
      batchId: name.optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'orders.resolve': z.object({ ref: name }).strict(),
  'orders.failed': failureFilter
    .extend({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'orders.failureGroups': failureFilter.strict(),
  'orders.hold': z.object({ orderIds, reason: z.string().trim().max(500).default('') }).strict(),
  'orders.release': z.object({ orderIds }).strict(),
  'orders.pullShops': z.object({ channel: z.enum(CHANNEL_PROVIDERS), sellerId: name.optional() }).strict(),
  'credentials.findShop': z.object({ channel: z.enum(CHANNEL_PROVIDERS), sellerId: name.optional() }).strict(),
  'credentials.save': z
    .object({
      type: z.enum(CREDENTIAL_TYPES),
      providerCode: name,
      externalId: name,
      displayName: name.optional(),
      baseUrl: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .optional(),
      settings: z.record(z.string().max(100), z.unknown()).optional(),
      apiKey: z.string().min(1).max(2000).optional(),
      apiSecret: z.string().min(1).max(2000).optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'dashboard.summary': z.object({}).strict(),
} as const;

export type ApiSchemas = typeof apiSchemas;
export type ApiName = keyof ApiSchemas;
/** What a caller may pass (defaults still optional). */
export type ApiArg<K extends ApiName> = z.input<ApiSchemas[K]>;
/** What a handler receives after parsing (defaults filled in). */
export type ApiParsed<K extends ApiName> = z.output<ApiSchemas[K]>;

export interface ApiOutputs {
  'app.info': AppInfo;
  'settings.setLanguage': null;
  'sandbox.start': PullResult;
  'credentials.list': CredentialView[];
  'orders.pull': PullResult;
  /** One page of the queue; its length is the tab's count from orders.counts. */
  'orders.list': OrderRow[];
  'orders.counts': StatusCounts;
  'orders.get': OrderDetail;
  'labels.generate': GenerateLabelsResult;
  'labels.file': FileDownload;
  'batches.create': CreateBatchResult;
  'batches.list': BatchView[];
  'batches.download': FileDownload;
  'orders.find': OrderPage<ListedOrder>;
  /** PackDesk's id of the order a channel order id (or `id:N`) names. */
  'orders.resolve': number;
  'orders.failed': OrderPage<FailedOrder>;
  'orders.failureGroups': FailureGroup[];
  'orders.hold': BulkOrderResult;
  'orders.release': BulkOrderResult;
  'orders.pullShops': PullResult;
  'credentials.findShop': CredentialView;
  'credentials.save': { credential: CredentialView; created: boolean };
  'dashboard.summary': DashboardSummary;
}
export type ApiOutput<K extends ApiName> = ApiOutputs[K];

export type Handlers = { [K in ApiName]: (arg: ApiParsed<K>) => Promise<ApiOutput<K>> };
