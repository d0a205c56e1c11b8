import type { BatchStatus, CarrierCode, CredentialType, ErrorStep, Language, OrderStatus } from './statuses';
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
  channel: string;
  sellerId: string;
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
}

export interface BatchView {
  batchId: string;
  channel: string;
  sellerId: string;
  status: BatchStatus;
  orderCount: number;
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
