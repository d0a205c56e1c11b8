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
  DiscoveredPrinter,
  FileDownload,
  GenerateLabelsResult,
  OrderDetail,
  OrderRow,
  PrinterView,
  PrintJobView,
  PrintSettings,
  PullResult,
  StatusCounts,
} from './dto';
import { PRINTER_DRIVERS, PRINTER_LANGUAGES, PRINTER_MEDIA } from './printing';
import { CARRIER_CODES, LANGUAGES, ORDER_STATUSES } from './statuses';

const id = z.number().int().positive();
const search = z.string().trim().max(200);
const printer = {
  name: z.string().trim().min(1, 'Give the printer a name').max(80),
  driver: z.enum(PRINTER_DRIVERS),
  target: z
    .string()
    .trim()
    .min(1, 'Say where the printer is: its network address, CUPS queue or system printer name')
    .max(200),
  media: z.enum(PRINTER_MEDIA),
  language: z.enum(PRINTER_LANGUAGES),
  isDefault: z.boolean().default(false),
};

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
  'printers.list': z.object({}).strict(),
  'printers.discover': z.object({}).strict(),
  'printers.add': z.object(printer).strict(),
  'printers.update': z.object({ id, ...printer }).strict(),
  'printers.remove': z.object({ id }).strict(),
  'printers.test': z.object({ id }).strict(),
  'print.label': z.object({ orderId: id, printerId: id.optional() }).strict(),
  'print.jobs': z
    .object({
      printerId: id.optional(),
      orderId: id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  'print.retry': z.object({ jobId: id }).strict(),
  'print.cancel': z.object({ jobId: id }).strict(),
  'print.settings': z.object({}).strict(),
  'print.saveSettings': z.object({ printLabelsWhenBought: z.boolean() }).strict(),
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
  /** Each printer with its state as seen now (asked live, a second at most). */
  'printers.list': PrinterView[];
  /** CUPS queues and system printers this computer knows, to pick from when adding one. */
  'printers.discover': DiscoveredPrinter[];
  'printers.add': PrinterView;
  'printers.update': PrinterView;
  'printers.remove': null;
  /** Queues a test page (Chinese and accented Latin in it) on the printer. */
  'printers.test': PrintJobView;
  'print.label': PrintJobView;
  /** Newest first. */
  'print.jobs': PrintJobView[];
  /** Tries a waiting or failed job now; a printed or cancelled one is printed again as a new job. */
  'print.retry': PrintJobView;
  'print.cancel': PrintJobView;
  'print.settings': PrintSettings;
  'print.saveSettings': PrintSettings;
}
export type ApiOutput<K extends ApiName> = ApiOutputs[K];

export type Handlers = { [K in ApiName]: (arg: ApiParsed<K>) => Promise<ApiOutput<K>> };
