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
  CredentialTestResult,
  CredentialView,
  FileDownload,
  GenerateLabelsResult,
  OrderDetail,
  OrderRow,
  PullResult,
  StatusCounts,
} from './dto';
import { AUTO_PULL_MINUTES, CONNECTABLE_PROVIDERS } from './credential-fields';
import { CARRIER_CODES, LANGUAGES, ORDER_STATUSES } from './statuses';

const id = z.number().int().positive();
const search = z.string().trim().max(200);
const credentialSettings = z
  .object({
    statuses: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    autoPullMinutes: z
      .number()
      .refine((m) => AUTO_PULL_MINUTES.some((a) => a === m), {
        message: `Auto-pull runs every ${AUTO_PULL_MINUTES.filter((m) => m > 0).join(', ')} minutes, or is off (0)`,
      })
      .optional(),
    /** tgshop: the shop's offset from UTC (its times carry no zone) and the country it delivers in. */
    utcOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/, 'Write the time offset as +08:00')
      .optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Write the country as two capital letters, like HK')
      .optional(),
  })
  .strict();
const displayName = z.string().trim().min(1, 'Give the shop a name').max(100, 'Keep the name under 100 characters');
const baseUrl = z.string().trim().min(1, 'Enter the shop address').max(500, 'The shop address is too long');
/** A secret as typed; blank means "not typed" (update keeps the stored one). */
const secret = z.string().trim().max(1000, 'That key is too long to be real');

export const apiSchemas = {
  'app.info': z.object({}).strict(),
  'settings.setLanguage': z.object({ language: z.enum(LANGUAGES) }).strict(),
  'sandbox.start': z.object({}).strict(),
  'credentials.list': z.object({}).strict(),
  'orders.pull': z.object({ credentialId: id.optional() }).strict(),
  'credentials.add': z
    .object({
      providerCode: z.enum(CONNECTABLE_PROVIDERS, {
        message: `Choose a shop system PackDesk can connect: ${CONNECTABLE_PROVIDERS.join(', ')}`,
      }),
      externalId: z
        .string()
        .trim()
        .min(1, 'Enter the store id')
        .max(100, 'Keep the store id under 100 characters')
        .regex(/^[\p{L}\p{N}._-]+$/u, 'The store id may hold letters, digits, dots, dashes and underscores only'),
      displayName,
      baseUrl,
      settings: credentialSettings.default({}),
      apiKey: secret.default(''),
      apiSecret: secret.default(''),
    })
    .strict(),
  'credentials.update': z
    .object({
      id,
      displayName: displayName.optional(),
      baseUrl: baseUrl.optional(),
      settings: credentialSettings.optional(),
      apiKey: secret.optional(),
      apiSecret: secret.optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'credentials.deactivate': z.object({ id }).strict(),
  'credentials.test': z.object({ id }).strict(),
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
  'credentials.add': CredentialView;
  'credentials.update': CredentialView;
  'credentials.deactivate': CredentialView;
  /** The provider's answer in words; a refusal is an outcome here, not an error. */
  'credentials.test': CredentialTestResult;
  /** One page of the queue; its length is the tab's count from orders.counts. */
  'orders.list': OrderRow[];
  'orders.counts': StatusCounts;
  'orders.get': OrderDetail;
  'labels.generate': GenerateLabelsResult;
  'labels.file': FileDownload;
  'batches.create': CreateBatchResult;
  'batches.list': BatchView[];
  'batches.download': FileDownload;
}
export type ApiOutput<K extends ApiName> = ApiOutputs[K];

export type Handlers = { [K in ApiName]: (arg: ApiParsed<K>) => Promise<ApiOutput<K>> };
