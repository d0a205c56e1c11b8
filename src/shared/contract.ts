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
  PackOrder,
  PackScanResult,
  PullResult,
  ShipResult,
  StatusCounts,
} from './dto';
import { CARRIER_CODES, LANGUAGES, ORDER_STATUSES } from './statuses';

const id = z.number().int().positive();
const search = z.string().trim().max(200);
const scanCode = z.string().trim().min(1, 'The scan was empty').max(200);
const packer = z.string().trim().min(1, 'Choose who is packing first').max(60);

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
  'batches.markPrinted': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'batches.close': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'batches.ship': z.object({ batchId: z.string().min(1).max(100), packer }).strict(),
  'pack.find': z.object({ code: scanCode }).strict(),
  'pack.scanItem': z.object({ orderId: id, code: scanCode, packer }).strict(),
  'pack.countByHand': z
    .object({
      orderId: id,
      itemId: id,
      quantity: z.number().int().min(1).max(10_000),
      reason: z.string().trim().min(3, 'Say why the barcode could not be scanned').max(200),
      packer,
    })
    .strict(),
  'pack.shipOrder': z.object({ orderId: id, packer }).strict(),
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
  'batches.markPrinted': BatchView[];
  'batches.close': BatchView[];
  'batches.ship': ShipResult;
  'pack.find': PackOrder;
  'pack.scanItem': PackScanResult;
  'pack.countByHand': PackScanResult;
  'pack.shipOrder': ShipResult;
}
export type ApiOutput<K extends ApiName> = ApiOutputs[K];

export type Handlers = { [K in ApiName]: (arg: ApiParsed<K>) => Promise<ApiOutput<K>> };
