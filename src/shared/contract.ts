/**
 * The contract between the renderer and main: every call's name, its argument schema and its
 * answer type. core/api.ts implements it, IPC and HTTP RPC carry it, the renderer's client calls
 * it. Arguments are parsed with these schemas in main before any service sees them.
 */
import { z } from 'zod';
import type {
  AppInfo,
  AuditOrdersResult,
  BatchView,
  CreateBatchResult,
  CredentialTestResult,
  CredentialView,
  DiscoveredPrinter,
  FileDownload,
  GenerateLabelsResult,
  LabelRunStatus,
  OrderDetail,
  OrderRow,
  OutboxJobView,
  OutboxSummary,
  PackOrder,
  PackScanResult,
  PrinterView,
  PrintJobView,
  PrintSettings,
  PullResult,
  ShipResult,
  StatusCounts,
  SyncTrackingResult,
} from './dto';
import type { AutomationToken, AutomationView } from './automation';
import type { DashboardSummary } from './dashboard';
import type { BulkOrderResult, FailedOrder, FailureGroup, FoundOrders, OrderPage } from './exceptions';
import {
  AUTO_PULL_MINUTES,
  CONNECTABLE_PROVIDERS,
  DETAIL_SOURCES,
  DHL_DOC_FORMATS,
  SENDCLOUD_LABEL_FORMATS,
} from './credential-fields';
import { SERVICE_CODE_PATTERN, type CarrierList } from './carriers';
import type { TrackingView } from './tracking';
import type { InboundDetail, InboundFilterChoices, InboundPage } from './inbound';
import { PRINTER_DRIVERS, PRINTER_LANGUAGES, PRINTER_MEDIA } from './printing';
import {
  CARRIER_CODES,
  CHANNEL_PROVIDERS,
  CREDENTIAL_TYPES,
  DELIVERY_STATUSES,
  ERROR_STEPS,
  LANGUAGES,
  ORDER_STATUSES,
} from './statuses';

const id = z.number().int().positive();
const search = z.string().trim().max(200);
/** One exact value of a purchase order's field; empty means no filter, as the server reads `?field=`. */
const inboundValue = z.string().trim().max(200).optional();
const addressText = z.string().trim().max(200, 'Keep each address line under 200 characters');
const orderIds = z.array(id).min(1, 'Select at least one order').max(5000);
const name = z.string().trim().min(1).max(200);
const failureFilter = z.object({
  step: z.enum(ERROR_STEPS).optional(),
  errorType: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
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
    /** storefront: details from the shop or from Shopify through its proxy, and the Shopify shop behind it. */
    detailSource: z.enum(DETAIL_SOURCES, { message: 'Take order details from the shop or from Shopify' }).optional(),
    shopifyDomain: z
      .string()
      .trim()
      .max(200, 'The Shopify shop domain is too long')
      .regex(/^[a-z0-9.-]*$/i, 'Write the Shopify shop domain as your-store.myshopify.com, without https://')
      .optional(),
    shopifyShopId: z.number().int('The shop id is a whole number').positive('The shop id is a whole number').optional(),
  })
  .strict();
const displayName = z.string().trim().min(1, 'Give the shop a name').max(100, 'Keep the name under 100 characters');
const baseUrl = z.string().trim().min(1, 'Enter the shop address').max(500, 'The shop address is too long');
/** A secret as typed; blank means "not typed" (update keeps the stored one). */
const secret = z.string().trim().max(1000, 'That key is too long to be real');
/** A carrier's service: `standard`, or the carrier's own code such as DHL's V01PAK or Sendcloud's postnl:standard. */
const labelService = z
  .string()
  .trim()
  .regex(SERVICE_CODE_PATTERN, 'A service is a code such as standard, V01PAK or postnl:standard');
/** A carrier and, optionally, its service (the carrier's default when left out). */
const labelChoice = z.object({ carrier: z.enum(CARRIER_CODES), service: labelService.optional() }).strict();
const runId = z.uuid('That is not a label run id');
const labelRunFields = {
  orderIds: z.array(id).min(1, 'Select at least one order').max(5000, 'Make at most 5,000 labels in one run'),
  carrier: z.enum(CARRIER_CODES).optional(),
  service: labelService.optional(),
};
const serviceWithCarrier: [
  (run: { carrier?: string | undefined; service?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (run) => run.service === undefined || run.carrier !== undefined,
  { message: 'Choose the carrier of that service too', path: ['carrier'] },
];
const labelRun = z
  .object(labelRunFields)
  .strict()
  .refine(...serviceWithCarrier);
const scanCode = z.string().trim().min(1, 'The scan was empty').max(200);
const packer = z.string().trim().min(1, 'Choose who is packing first').max(60);
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

const dhlAccount = {
  displayName: z.string().trim().min(1, 'Give the DHL account a name').max(100, 'Keep the name under 100 characters'),
  /** Blank: DHL's production address. */
  baseUrl: z.string().trim().max(500, 'The DHL address is too long'),
  profile: z.string().trim().max(60, 'The DHL profile name is too long'),
  /** Checked in words by the service (14 digits). */
  billingNumber: z.string().max(40, 'The billing number is too long: DHL uses 14 digits'),
  docFormat: z.enum(DHL_DOC_FORMATS, { message: 'Choose PDF or ZPL2 as the label format' }),
  validateFirst: z.boolean(),
};

const sendcloudAccount = {
  displayName: z
    .string()
    .trim()
    .min(1, 'Give the Sendcloud account a name')
    .max(100, 'Keep the name under 100 characters'),
  /** Blank: Sendcloud's production address. */
  baseUrl: z.string().trim().max(500, 'The Sendcloud address is too long'),
  /** Checked in words by the service: codes like postnl:standard, one per line or comma. */
  shippingOptions: z.string().max(2000, 'The list of shipping options is too long'),
  labelFormat: z.enum(SENDCLOUD_LABEL_FORMATS, { message: 'Choose PDF or ZPL as the label format' }),
};

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
      /** iRCloud's login; other providers leave it out. */
      username: secret.optional(),
      password: secret.optional(),
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
      username: secret.optional(),
      password: secret.optional(),
      /** Saved secrets to forget (only optional ones: a storefront's Shopify token). */
      removeSecrets: z
        .array(z.enum(['apiKey', 'apiSecret', 'username', 'password']))
        .max(4)
        .optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'credentials.deactivate': z.object({ id }).strict(),
  'credentials.test': z.object({ id }).strict(),
  'orders.list': z
    .object({
      status: z.enum(ORDER_STATUSES).optional(),
      search: search.optional(),
      channel: z.enum(CHANNEL_PROVIDERS).optional(),
      credentialId: id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'orders.counts': z
    .object({ search: search.optional(), channel: z.enum(CHANNEL_PROVIDERS).optional(), credentialId: id.optional() })
    .strict(),
  'orders.get': z.object({ id }).strict(),
  'orders.correctAddress': z
    .object({
      id,
      address: z
        .object({
          name: addressText.min(1, 'The recipient needs a name'),
          company: addressText,
          line1: addressText.min(1, 'Enter the street and house number'),
          line2: addressText,
          city: addressText.min(1, 'Enter the city'),
          state: addressText,
          postcode: addressText,
          country: z
            .string()
            .trim()
            .toUpperCase()
            .regex(/^[A-Z]{2}$/, 'Write the country as two letters, like DE or CN'),
          phone: addressText,
        })
        .strict(),
    })
    .strict(),
  /** Without a carrier, each order goes with its own choice, its shop's default, or local delivery. */
  'labels.generate': labelRun,
  /**
   * The same as a run the screen watches: answers at once; labels.runStatus tells how it goes.
   * retry: as labels.retry, each order again with the carrier and service its label failed with.
   */
  'labels.start': z
    .object({ ...labelRunFields, retry: z.boolean().optional() })
    .strict()
    .refine(...serviceWithCarrier),
  'labels.runStatus': z.object({ runId }).strict(),
  /** Stops before the next carrier call; what the carrier is already making is kept. */
  'labels.cancelRun': z.object({ runId }).strict(),
  /** The order's own carrier and service; null: its shop's default again. */
  'orders.setLabelChoice': z.object({ id, choice: labelChoice.nullable() }).strict(),
  /** A shop's default carrier and service; null: PackDesk's own (local delivery). */
  'credentials.setLabelDefault': z.object({ id, choice: labelChoice.nullable() }).strict(),
  'labels.file': z.object({ orderId: id }).strict(),
  /** Where the order's parcel is, asked of its carrier now; refused in words where the carrier has no tracking. */
  'labels.track': z.object({ orderId: id }).strict(),
  'batches.create': z.object({ credentialId: id }).strict(),
  'batches.list': z.object({}).strict(),
  'batches.download': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'orders.syncTracking': z.object({ orderIds: z.array(id).min(1, 'Select at least one order').max(5000) }).strict(),
  'orders.audit': z.object({ orderIds }).strict(),
  'outbox.list': z
    .object({
      filter: z.enum(['open', 'done', 'cancelled']).default('open'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  'outbox.summary': z.object({}).strict(),
  'outbox.jobs': z.object({ jobIds: z.array(id).min(1).max(5000) }).strict(),
  'outbox.retry': z.object({ jobId: id }).strict(),
  'outbox.cancel': z.object({ jobId: id }).strict(),
  'outbox.setAutoSync': z.object({ on: z.boolean() }).strict(),
  /** The orders given (one or many) or, without orderIds, every order whose label failed; carrier and service default to the failed label's. */
  'labels.retry': z
    .object({
      orderIds: z.array(id).min(1, 'Select at least one order').max(5000).optional(),
      carrier: z.enum(CARRIER_CODES).optional(),
      service: labelService.optional(),
    })
    .strict(),
  'batches.markPrinted': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'batches.close': z.object({ batchId: z.string().min(1).max(100) }).strict(),
  'batches.print': z.object({ batchId: z.string().min(1).max(100) }).strict(),
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
  'printers.list': z.object({}).strict(),
  'printers.discover': z.object({}).strict(),
  'printers.add': z.object(printer).strict(),
  'printers.update': z.object({ id, ...printer }).strict(),
  'printers.remove': z.object({ id }).strict(),
  'printers.test': z.object({ id }).strict(),
  'print.label': z.object({ orderId: id, printerId: id.optional() }).strict(),
  'print.packingSlip': z.object({ orderId: id, printerId: id.optional() }).strict(),
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
      // iRCloud's login, sealed like the two secrets of seed 000.
      username: z.string().min(1).max(2000).optional(),
      password: z.string().min(1).max(2000).optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'dashboard.summary': z.object({}).strict(),
  'carriers.list': z.object({}).strict(),
  'carriers.addDhl': z
    .object({
      displayName: dhlAccount.displayName.default('DHL'),
      baseUrl: dhlAccount.baseUrl.default(''),
      apiKey: secret.default(''),
      username: secret.default(''),
      password: secret.default(''),
      profile: dhlAccount.profile.default(''),
      billingNumber: dhlAccount.billingNumber,
      docFormat: dhlAccount.docFormat.default('PDF'),
      validateFirst: dhlAccount.validateFirst.default(false),
    })
    .strict(),
  'carriers.updateDhl': z
    .object({
      id,
      displayName: dhlAccount.displayName.optional(),
      baseUrl: dhlAccount.baseUrl.optional(),
      apiKey: secret.optional(),
      username: secret.optional(),
      password: secret.optional(),
      profile: dhlAccount.profile.optional(),
      billingNumber: dhlAccount.billingNumber.optional(),
      docFormat: dhlAccount.docFormat.optional(),
      validateFirst: dhlAccount.validateFirst.optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'carriers.addSendcloud': z
    .object({
      displayName: sendcloudAccount.displayName.default('Sendcloud'),
      baseUrl: sendcloudAccount.baseUrl.default(''),
      publicKey: secret.default(''),
      secretKey: secret.default(''),
      shippingOptions: sendcloudAccount.shippingOptions,
      labelFormat: sendcloudAccount.labelFormat.default('pdf'),
    })
    .strict(),
  'carriers.updateSendcloud': z
    .object({
      id,
      displayName: sendcloudAccount.displayName.optional(),
      baseUrl: sendcloudAccount.baseUrl.optional(),
      publicKey: secret.optional(),
      secretKey: secret.optional(),
      shippingOptions: sendcloudAccount.shippingOptions.optional(),
      labelFormat: sendcloudAccount.labelFormat.optional(),
      isActive: z.boolean().optional(),
    })
    .strict(),
  'automation.get': z.object({}).strict(),
  'automation.set': z
    .object({
      enabled: z.boolean({ error: 'Say whether the Automation API is on or off' }),
      port: z
        .number({ error: 'The port is a number, like 4780' })
        .int('The port is a whole number, like 4780')
        .min(1024, 'Choose a port from 1024 to 65535 (lower ones need administrator rights)')
        .max(65535, 'Choose a port from 1024 to 65535'),
      host: z
        .string()
        .trim()
        .refine((h) => h === 'localhost' || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success, {
          message: 'Write the address to listen on as numbers, like 127.0.0.1 (this computer only) or 0.0.0.0',
        })
        .default('127.0.0.1'),
    })
    .strict(),
  'automation.token': z.object({}).strict(),
  'automation.rotateToken': z.object({}).strict(),
  'inbound.list': z
    .object({
      credentialId: id.optional(),
      deliveryStatus: z.enum(DELIVERY_STATUSES).optional(),
      /** true: only those a worker holds; false: only free ones. */
      locked: z.boolean().optional(),
      /** Soft-deleted on the server: hidden unless asked for. */
      includeDeleted: z.boolean().default(false),
      /** Seed 004's search: uuid, order number, tracking number, account used, batch encoding. */
      search: search.optional(),
      // Seed 004's exact filters (INBOUND_FIELDS); officialAccount as shown: "name · account id".
      paymentMethod: inboundValue,
      officialAccount: inboundValue,
      creationSource: inboundValue,
      batchEncoding: inboundValue,
      batchLevel1: inboundValue,
      batchLevel2: inboundValue,
      batchLevel3: inboundValue,
      orderNumber: inboundValue,
      trackingNumber: inboundValue,
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'inbound.filterChoices': z.object({}).strict(),
  'inbound.get': z.object({ id }).strict(),
  'inbound.setDeliveryStatus': z
    .object({
      id,
      status: z.enum(DELIVERY_STATUSES, {
        message: `Choose a delivery status: ${DELIVERY_STATUSES.join(', ')}`,
      }),
    })
    .strict(),
  'inbound.pull': z.object({ credentialId: id.optional() }).strict(),
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
  /** The order as it is now, its log saying what changed. */
  'orders.correctAddress': OrderDetail;
  'labels.generate': GenerateLabelsResult;
  'labels.start': LabelRunStatus;
  'labels.runStatus': LabelRunStatus;
  'labels.cancelRun': LabelRunStatus;
  'orders.setLabelChoice': OrderDetail;
  'credentials.setLabelDefault': CredentialView;
  'labels.file': FileDownload;
  'labels.track': TrackingView;
  'batches.create': CreateBatchResult;
  'batches.list': BatchView[];
  'batches.download': FileDownload;
  /** Each order's tracking sync now waits in the outbox; the shop is told in the background. */
  'orders.syncTracking': SyncTrackingResult;
  /** Each selected iRCloud order's audit now waits in the outbox (job ids to follow), or why not. */
  'orders.audit': AuditOrdersResult;
  'outbox.list': OutboxJobView[];
  'outbox.summary': OutboxSummary;
  /** These jobs as they stand now (a finished job's outcome), in the order asked; unknown ids left out. */
  'outbox.jobs': OutboxJobView[];
  'outbox.retry': null;
  'outbox.cancel': null;
  'outbox.setAutoSync': null;
  'labels.retry': GenerateLabelsResult;
  'batches.markPrinted': BatchView[];
  'batches.close': BatchView[];
  'batches.print': PrintJobView[];
  'batches.ship': ShipResult;
  'pack.find': PackOrder;
  'pack.scanItem': PackScanResult;
  'pack.countByHand': PackScanResult;
  'pack.shipOrder': ShipResult;
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
  'print.packingSlip': PrintJobView;
  /** Newest first. */
  'print.jobs': PrintJobView[];
  /** Tries a waiting or failed job now; a printed or cancelled one is printed again as a new job. */
  'print.retry': PrintJobView;
  'print.cancel': PrintJobView;
  'print.settings': PrintSettings;
  'print.saveSettings': PrintSettings;
  'orders.find': FoundOrders;
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
  /** Local always; DHL and Sendcloud while an active account of theirs is stored. */
  'carriers.list': CarrierList;
  'carriers.addDhl': CredentialView;
  'carriers.updateDhl': CredentialView;
  'carriers.addSendcloud': CredentialView;
  'carriers.updateSendcloud': CredentialView;
  'automation.get': AutomationView;
  'automation.set': AutomationView;
  /** The secret itself: asked for only when the shift lead presses Show or Copy. */
  'automation.token': AutomationToken;
  'automation.rotateToken': AutomationToken;
  'inbound.list': InboundPage;
  'inbound.filterChoices': InboundFilterChoices;
  'inbound.get': InboundDetail;
  /** The order as it is now: the new status waits in the outbox until the server has it. */
  'inbound.setDeliveryStatus': InboundDetail;
  /** Every active purchasing account, or the one given. */
  'inbound.pull': PullResult;
}
export type ApiOutput<K extends ApiName> = ApiOutputs[K];

export type Handlers = { [K in ApiName]: (arg: ApiParsed<K>) => Promise<ApiOutput<K>> };
