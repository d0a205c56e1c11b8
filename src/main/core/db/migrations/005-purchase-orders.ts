import type { Migration } from './migration';

/**
 * Inbound purchase orders from the purchasing server (seed 004) and the inventory items each
 * brings. They are goods coming to us, not customer orders, so they never enter `orders`.
 * The server's fields are kept as columns where the Inbound queue filters or shows them, the
 * whole record in `raw`. `pending_delivery_status` is a change PackDesk still has to send (an
 * outbox job); `status_revision` counts those changes so an older job never overwrites a newer one.
 */
export const migration005: Migration = {
  version: 5,
  name: 'purchase-orders',
  sql: `
CREATE TABLE purchase_orders (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials(id),
  external_id TEXT NOT NULL,
  uuid TEXT NOT NULL DEFAULT '',
  order_number TEXT NOT NULL DEFAULT '',
  official_account TEXT NOT NULL DEFAULT '',
  batch_encoding TEXT NOT NULL DEFAULT '',
  batch_level_1 TEXT NOT NULL DEFAULT '',
  batch_level_2 TEXT NOT NULL DEFAULT '',
  batch_level_3 TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT '',
  shipping_method TEXT NOT NULL DEFAULT '',
  official_query_url TEXT NOT NULL DEFAULT '',
  account_used TEXT NOT NULL DEFAULT '',
  payment_method TEXT NOT NULL DEFAULT '',
  creation_source TEXT NOT NULL DEFAULT '',
  delivery_status TEXT,
  latest_delivery_status TEXT NOT NULL DEFAULT '',
  pending_delivery_status TEXT,
  delivery_status_error TEXT,
  status_revision INTEGER NOT NULL DEFAULT 0,
  inventory_count INTEGER NOT NULL DEFAULT 0,
  is_locked INTEGER NOT NULL DEFAULT 0,
  locked_at TEXT,
  locked_by_worker TEXT NOT NULL DEFAULT '',
  is_deleted INTEGER NOT NULL DEFAULT 0,
  remote_created_at TEXT,
  shipped_at TEXT,
  estimated_delivery_date TEXT,
  remote_updated_at TEXT,
  pull_error TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (credential_id, external_id)
);
CREATE INDEX purchase_orders_queue ON purchase_orders (is_deleted, delivery_status, remote_created_at);

CREATE TABLE purchase_order_items (
  id INTEGER PRIMARY KEY,
  purchase_order_id INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  uuid TEXT NOT NULL DEFAULT '',
  flag TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  product_type TEXT,
  created_at TEXT
);
CREATE INDEX purchase_order_items_order ON purchase_order_items (purchase_order_id, position);
`,
};
