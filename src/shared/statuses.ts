/** Our pipeline (PRODUCT.md). The channel's own status is kept beside it, never instead of it. */
export const ORDER_STATUSES = [
  'new',
  'waiting_labels',
  'label_failed',
  'label_created',
  'synced',
  'batched',
  'packed',
  'shipped',
  'on_hold',
  'exception',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where in the pipeline a failure happened (order_errors.step). */
export const ERROR_STEPS = ['pull', 'audit', 'label', 'sync', 'batch', 'print', 'pack'] as const;
export type ErrorStep = (typeof ERROR_STEPS)[number];

export const CREDENTIAL_TYPES = ['order_channel', 'logistics'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export const CHANNEL_PROVIDERS = ['woocommerce', 'shopify', 'storefront', 'tgshop', 'ircloud', 'purchasing'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

export const CARRIER_CODES = ['local', 'dhl', 'sendcloud'] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

export const BATCH_STATUSES = ['created', 'printed', 'packing', 'packed', 'closed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** An outbox job: waiting (for its time or its server), running, done, failed (refused: a person looks), cancelled. */
export const OUTBOX_JOB_STATES = ['waiting', 'running', 'done', 'failed', 'cancelled'] as const;
export type OutboxJobState = (typeof OUTBOX_JOB_STATES)[number];

/** Seed 004: where an inbound purchase order is on its way to us. The server's values, in its order. */
export const DELIVERY_STATUSES = ['pending_confirmation', 'shipped', 'in_delivery', 'delivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
