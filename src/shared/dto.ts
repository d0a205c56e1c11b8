import type { SecretName } from './credential-fields';
import type { BatchStatus, CarrierCode, CredentialType, ErrorStep, Language, OrderStatus } from './statuses';

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
  /** Only what the user chose (e.g. statuses to pull, auto-pull minutes); never a secret. */
  settings: CredentialSettings;
  /** Which secrets are stored, so the form can say "•••• saved"; never their values. */
  savedSecrets: SecretName[];
  /** How the last pull of this shop went, whether it finished or not. */
  lastPull: LastPull | null;
}

export interface CredentialSettings {
  /** WooCommerce statuses to pull (default processing and on-hold). */
  statuses?: string[];
  /** Minutes between automatic pulls; absent or 0: off. */
  autoPullMinutes?: number;
  /** tgshop: the shop's offset from UTC ("+08:00") and the country it delivers in ("HK"). */
  utcOffset?: string;
  country?: string;
}

export interface LastPull {
  at: string;
  result: PullResult;
  /** The shop's refusal in words when the pull did not finish. */
  error: string | null;
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
