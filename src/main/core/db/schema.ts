/**
 * Drizzle's typed view of the tables that the migrations create (migrations/ is the source of
 * truth; test/unit/schema.test.ts checks this file against a migrated database).
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const credentials = sqliteTable('credentials', {
  id: integer('id').primaryKey(),
  type: text('type').notNull(),
  providerCode: text('provider_code').notNull(),
  externalId: text('external_id').notNull(),
  displayName: text('display_name').notNull(),
  baseUrl: text('base_url').notNull().default(''),
  settings: text('settings').notNull().default('{}'),
  secrets: text('secrets').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  isSandbox: integer('is_sandbox', { mode: 'boolean' }).notNull().default(false),
  pullCursor: text('pull_cursor'),
  lastPulledAt: text('last_pulled_at'),
  defaultCarrier: text('default_carrier'),
  defaultService: text('default_service'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const batches = sqliteTable('batches', {
  id: text('id').primaryKey(),
  credentialId: integer('credential_id').notNull(),
  channel: text('channel').notNull(),
  sellerId: text('seller_id').notNull(),
  day: text('day').notNull(),
  seq: integer('seq').notNull(),
  status: text('status').notNull(),
  orderCount: integer('order_count').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const orders = sqliteTable('orders', {
  id: integer('id').primaryKey(),
  credentialId: integer('credential_id').notNull(),
  channel: text('channel').notNull(),
  sellerId: text('seller_id').notNull(),
  externalId: text('external_id').notNull(),
  orderNumber: text('order_number').notNull(),
  status: text('status').notNull(),
  resumeStatus: text('resume_status'),
  channelStatus: text('channel_status').notNull(),
  placedAt: text('placed_at').notNull(),
  channelModifiedAt: text('channel_modified_at').notNull(),
  currency: text('currency').notNull(),
  total: text('total').notNull(),
  customerNote: text('customer_note').notNull().default(''),
  shipName: text('ship_name').notNull().default(''),
  shipCompany: text('ship_company').notNull().default(''),
  shipLine1: text('ship_line1').notNull().default(''),
  shipLine2: text('ship_line2').notNull().default(''),
  shipCity: text('ship_city').notNull().default(''),
  shipState: text('ship_state').notNull().default(''),
  shipPostcode: text('ship_postcode').notNull().default(''),
  shipCountry: text('ship_country').notNull().default(''),
  shipPhone: text('ship_phone').notNull().default(''),
  shipEmail: text('ship_email').notNull().default(''),
  itemCount: integer('item_count').notNull().default(0),
  trackingNumber: text('tracking_number'),
  carrier: text('carrier'),
  batchId: text('batch_id'),
  openErrorCount: integer('open_error_count').notNull().default(0),
  searchText: text('search_text').notNull().default(''),
  raw: text('raw').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  carrierOverride: text('carrier_override'),
  serviceOverride: text('service_override'),
});

export const orderItems = sqliteTable('order_items', {
  id: integer('id').primaryKey(),
  orderId: integer('order_id').notNull(),
  position: integer('position').notNull(),
  sku: text('sku').notNull().default(''),
  name: text('name').notNull().default(''),
  quantity: integer('quantity').notNull(),
  price: text('price').notNull().default('0'),
  attributes: text('attributes').notNull().default('[]'),
  barcode: text('barcode').notNull().default(''),
});

export const orderLogs = sqliteTable('order_logs', {
  id: integer('id').primaryKey(),
  orderId: integer('order_id').notNull(),
  at: text('at').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actor: text('actor').notNull(),
  reason: text('reason').notNull().default(''),
});

export const orderErrors = sqliteTable('order_errors', {
  id: integer('id').primaryKey(),
  orderId: integer('order_id').notNull(),
  at: text('at').notNull(),
  step: text('step').notNull(),
  errorType: text('error_type').notNull(),
  message: text('message').notNull(),
  details: text('details'),
  resolvedAt: text('resolved_at'),
});

export const labels = sqliteTable('labels', {
  id: integer('id').primaryKey(),
  orderId: integer('order_id').notNull(),
  carrier: text('carrier').notNull(),
  service: text('service').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  state: text('state').notNull(),
  trackingNumber: text('tracking_number'),
  format: text('format'),
  filePath: text('file_path'),
  /** The same label in the other printer language, fetched once from the carrier (migration 010). */
  otherFilePath: text('other_file_path'),
  error: text('error'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const batchOrders = sqliteTable(
  'batch_orders',
  {
    batchId: text('batch_id').notNull(),
    orderId: integer('order_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.orderId] })],
);

export const outboxJobs = sqliteTable('outbox_jobs', {
  id: integer('id').primaryKey(),
  kind: text('kind').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  orderId: integer('order_id'),
  credentialId: integer('credential_id'),
  payload: text('payload').notNull().default('{}'),
  state: text('state').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull(),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const printers = sqliteTable('printers', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  driver: text('driver').notNull(),
  target: text('target').notNull(),
  media: text('media').notNull(),
  language: text('language').notNull(),
  createdAt: text('created_at').notNull(),
});

export const printJobs = sqliteTable('print_jobs', {
  id: integer('id').primaryKey(),
  printerId: integer('printer_id').notNull(),
  document: text('document').notNull(),
  filePath: text('file_path').notNull(),
  state: text('state').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const packScans = sqliteTable('pack_scans', {
  id: integer('id').primaryKey(),
  orderId: integer('order_id').notNull(),
  orderItemId: integer('order_item_id').notNull(),
  quantity: integer('quantity').notNull(),
  method: text('method').notNull(),
  code: text('code').notNull().default(''),
  reason: text('reason').notNull().default(''),
  packer: text('packer').notNull(),
  at: text('at').notNull(),
});

export const purchaseOrders = sqliteTable('purchase_orders', {
  id: integer('id').primaryKey(),
  credentialId: integer('credential_id').notNull(),
  externalId: text('external_id').notNull(),
  uuid: text('uuid').notNull().default(''),
  orderNumber: text('order_number').notNull().default(''),
  officialAccount: text('official_account').notNull().default(''),
  batchEncoding: text('batch_encoding').notNull().default(''),
  batchLevel1: text('batch_level_1').notNull().default(''),
  batchLevel2: text('batch_level_2').notNull().default(''),
  batchLevel3: text('batch_level_3').notNull().default(''),
  trackingNumber: text('tracking_number').notNull().default(''),
  shippingMethod: text('shipping_method').notNull().default(''),
  officialQueryUrl: text('official_query_url').notNull().default(''),
  accountUsed: text('account_used').notNull().default(''),
  paymentMethod: text('payment_method').notNull().default(''),
  creationSource: text('creation_source').notNull().default(''),
  deliveryStatus: text('delivery_status'),
  latestDeliveryStatus: text('latest_delivery_status').notNull().default(''),
  pendingDeliveryStatus: text('pending_delivery_status'),
  deliveryStatusError: text('delivery_status_error'),
  statusRevision: integer('status_revision').notNull().default(0),
  inventoryCount: integer('inventory_count').notNull().default(0),
  isLocked: integer('is_locked', { mode: 'boolean' }).notNull().default(false),
  lockedAt: text('locked_at'),
  lockedByWorker: text('locked_by_worker').notNull().default(''),
  isDeleted: integer('is_deleted', { mode: 'boolean' }).notNull().default(false),
  remoteCreatedAt: text('remote_created_at'),
  shippedAt: text('shipped_at'),
  estimatedDeliveryDate: text('estimated_delivery_date'),
  remoteUpdatedAt: text('remote_updated_at'),
  pullError: text('pull_error'),
  searchText: text('search_text').notNull().default(''),
  raw: text('raw').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const purchaseOrderItems = sqliteTable('purchase_order_items', {
  id: integer('id').primaryKey(),
  purchaseOrderId: integer('purchase_order_id').notNull(),
  position: integer('position').notNull(),
  externalId: text('external_id').notNull(),
  uuid: text('uuid').notNull().default(''),
  flag: text('flag').notNull().default(''),
  status: text('status').notNull().default(''),
  productType: text('product_type'),
  createdAt: text('created_at'),
});
