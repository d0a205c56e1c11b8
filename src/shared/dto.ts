import type { LabelChoice, ResolvedLabelChoice } from './carriers';
import type {
  CarrierSecretName,
  DetailSource,
  DhlDocFormat,
  SecretName,
  SendcloudLabelFormat,
} from './credential-fields';
import type {
  BatchStatus,
  CarrierCode,
  CredentialType,
  ErrorStep,
  Language,
  OrderStatus,
  OutboxJobState,
} from './statuses';
import type {
  PrintJobState,
  PrintKind,
  PrinterDriverKind,
  PrinterLanguage,
  PrinterMedia,
  PrinterState,
} from './printing';

/** One row of the order queue: what a list needs, nothing more. */
export interface OrderRow {
  id: number;
  /** The provider it came from (woocommerce, shopify, tgshop). */
  channel: string;
  sellerId: string;
  /** The display name of its store (credential). */
  storeName: string;
  orderNumber: string;
  status: OrderStatus;
  channelStatus: string;
  recipientName: string;
  country: string;
  itemCount: number;
  total: string;
  currency: string;
  trackingNumber: string | null;
  batchId: string | null;
  hasErrors: boolean;
  placedAt: string;
}

export interface Address {
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
  email: string;
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  price: string;
  attributes: { name: string; value: string }[];
  /** The product's own barcode (EAN/GTIN/UPC) when the shop sends one; the packer may scan it instead of the SKU. */
  barcode?: string;
}

export interface OrderLog {
  at: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actor: string;
  reason: string;
}

export interface OrderError {
  id: number;
  at: string;
  step: ErrorStep;
  errorType: string;
  message: string;
  resolved: boolean;
}

export interface LabelInfo {
  id: number;
  carrier: CarrierCode;
  service: string;
  trackingNumber: string;
  format: 'pdf' | 'zpl';
  createdAt: string;
}

export interface OrderDetail extends OrderRow {
  externalId: string;
  customerNote: string;
  shipping: Address;
  items: OrderItem[];
  logs: OrderLog[];
  errors: OrderError[];
  label: LabelInfo | null;
  /** What a label made now would be bought with (unless the run picks otherwise), and why. */
  labelChoice: ResolvedLabelChoice;
}

export type StatusCounts = Record<OrderStatus | 'all', number>;

/** The seed 000 answer of a pull. */
export interface PullResult {
  pulled: number;
  new_orders: number;
  failed: number;
}

/** The seed 000 answer of bulk label generation. `success` holds order ids. */
export interface GenerateLabelsResult {
  success: number[];
  failed: { order_id: number; error: string }[];
}

/** A bulk label run as it goes (labels.runStatus). */
export interface LabelRunStatus {
  runId: string;
  total: number;
  /** Orders settled so far: succeeded + failed. */
  done: number;
  succeeded: number;
  failed: number;
  /** Cancel was asked: orders not started by then were left as they were (total - done of them). */
  cancelled: boolean;
  running: boolean;
  /** Once the run has ended: what became of each order it started. */
  result: GenerateLabelsResult | null;
  /** The run broke off for a reason of PackDesk's own (the orders it had not reached are untouched). */
  error: string | null;
}

/** A credential as the renderer may see it: never any secret. */
export interface CredentialView {
  id: number;
  type: CredentialType;
  providerCode: string;
  externalId: string;
  displayName: string;
  baseUrl: string;
  isActive: boolean;
  isSandbox: boolean;
  lastPulledAt: string | null;
  createdAt: string;
  /** Only what the user chose (e.g. statuses to pull, auto-pull minutes); never a secret. */
  settings: CredentialSettings;
  /** Which secrets are stored, so the form can say "•••• saved"; never their values. */
  savedSecrets: (SecretName | CarrierSecretName)[];
  /** How the last pull of this shop went, whether it finished or not. */
  lastPull: LastPull | null;
  /** Shops: the carrier and service its orders' labels are bought with unless chosen otherwise. */
  labelDefault: LabelChoice | null;
}

export interface CredentialSettings {
  /** WooCommerce statuses to pull (default processing and on-hold). */
  statuses?: string[];
  /** Minutes between automatic pulls; absent or 0: off. */
  autoPullMinutes?: number;
  /** tgshop: the shop's offset from UTC ("+08:00") and the country it delivers in ("HK"). */
  utcOffset?: string;
  country?: string;
  /** storefront: details from the shop itself or from Shopify through its proxy, the Shopify shop's domain and the shop's id for it. */
  detailSource?: DetailSource;
  shopifyDomain?: string;
  shopifyShopId?: number;
  /** DHL: the business profile, the 14-digit billing number, the label format, validate before buying. */
  profile?: string;
  billingNumber?: string;
  docFormat?: DhlDocFormat;
  validateFirst?: boolean;
  /** Sendcloud: the shipping option codes offered in the bulk bar (the first is the default), the label format. */
  shippingOptions?: string[];
  labelFormat?: SendcloudLabelFormat;
}

export interface LastPull {
  at: string;
  result: PullResult;
  /** The shop's refusal in words when the pull did not finish. */
  error: string | null;
  /**
   * Orders counted in `failed` that PackDesk could not keep, having no readable id to keep them
   * under (so no order carries their reason): how many, and the reasons of the first few.
   */
  leftOut: { count: number; reasons: string[] };
}

export interface CredentialTestResult {
  ok: boolean;
  message: string;
}

export interface BatchView {
  batchId: string;
  channel: string;
  sellerId: string;
  status: BatchStatus;
  orderCount: number;
  /** Orders of the batch already packed (or shipped). */
  packedCount: number;
  /** Of those, the ones already handed to the carrier. */
  shippedCount: number;
  /** Print jobs of the batch's documents still on their way to a printer. */
  printJobsOpen: number;
  /** Why one of them is not printing (the printer is off, a queue is missing), in words. */
  printProblem: string | null;
  fileName: string;
  createdAt: string;
}

export interface CreateBatchResult {
  batch_id: string;
  order_count: number;
}

export interface FileDownload {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface AppInfo {
  version: string;
  firstStart: boolean;
  language: Language | null;
  sandboxRunning: boolean;
}

/** orders.syncTracking: the orders whose sync now waits in the outbox, and why the others cannot. */
export interface SyncTrackingResult {
  queued: number[];
  failed: { order_id: number; error: string }[];
}

/** orders.audit: the orders whose audit now waits in the outbox, their jobs, and the refusals in words. */
export interface AuditOrdersResult {
  queued: number[];
  /** One job per queued order, in the same order; outbox.jobs tells how each went. */
  jobIds: number[];
  failed: { order_id: number; error: string }[];
}

/** One job of the outbox as the review screen lists it. */
export interface OutboxJobView {
  id: number;
  /** tracking_sync, ... (the screen names it in the packer's language). */
  kind: string;
  orderId: number | null;
  orderNumber: string | null;
  /** A purchasing delivery status job's purchase order number (it has no customer order). */
  purchaseOrderNumber: string | null;
  /** The shop or carrier account it talks to. */
  storeName: string | null;
  state: OutboxJobState;
  attempts: number;
  /** The last failure in words. */
  lastError: string | null;
  /** When it is tried next (waiting jobs; later than planned while its server is down). */
  nextTryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A shop or carrier PackDesk cannot reach right now. */
export interface ProviderOutageView {
  credentialId: number | null;
  storeName: string | null;
  since: string;
  lastError: string;
  nextTryAt: string;
  /** Its jobs waiting or running: what cannot go out until it answers again. */
  waiting: number;
}

export interface OutboxSummary {
  /** Jobs waiting or running, for any server. */
  waiting: number;
  /** Of `waiting`, the jobs of the servers in `offline` (the banner's "Offline: N actions waiting"). */
  offlineWaiting: number;
  /** Jobs a server refused: they wait for a person. */
  failed: number;
  offline: ProviderOutageView[];
  /** Changes whenever any job changes: the renderer refreshes orders when it moves. */
  changedAt: string | null;
  /** A label's purchase queues its tracking sync at once. */
  autoSync: boolean;
}

/** One line of an order on the Pack screen, with how many are in the parcel so far. */
export interface PackItem {
  itemId: number;
  sku: string;
  /** The product's own barcode (the shop's EAN/GTIN field, or an EAN option); scans match it too. */
  ean: string | null;
  name: string;
  attributes: { name: string; value: string }[];
  quantity: number;
  packed: number;
  /** Of `packed`, how many were counted by hand. */
  manual: number;
}

export interface PackOrder {
  orderId: number;
  orderNumber: string;
  status: OrderStatus;
  batchId: string | null;
  recipientName: string;
  country: string;
  trackingNumber: string | null;
  items: PackItem[];
  complete: boolean;
  packedBy: string | null;
  packedAt: string | null;
}

/** right: counted in; wrong: not in this order; extra: one too many; order: the scan opened another order. */
export type ScanOutcome = 'right' | 'wrong' | 'extra' | 'order';

export interface PackScanResult {
  outcome: ScanOutcome;
  message: string;
  itemId: number | null;
  order: PackOrder;
}

export interface ShipResult {
  shipped: number;
}

/** A printer's state as last seen, with the printer's own words (e.g. CUPS's reason). */
export interface PrinterStatus {
  state: PrinterState;
  message: string;
}

export interface PrinterView {
  id: number;
  name: string;
  driver: PrinterDriverKind;
  target: string;
  media: PrinterMedia;
  language: PrinterLanguage;
  /** The printer its media's documents go to when none is chosen. */
  isDefault: boolean;
  status: PrinterStatus;
  /** Jobs not yet printed (queued, printing, waiting). */
  pendingJobs: number;
}

export interface PrintJobView {
  id: number;
  printerId: number;
  printerName: string;
  kind: PrintKind;
  title: string;
  orderId: number | null;
  batchId: string | null;
  format: PrinterLanguage;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  /** When a waiting job is tried next. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PrintSettings {
  printLabelsWhenBought: boolean;
}

/** A queue or device the computer already knows, offered when adding a printer. */
export interface DiscoveredPrinter {
  driver: PrinterDriverKind;
  target: string;
  description: string;
}
