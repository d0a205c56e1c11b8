import type { Migration } from './migration';

/** The tables of the whole pipeline: credentials, orders and their trail, labels, batches, outbox, printing. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE credentials (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  provider_code TEXT NOT NULL,
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  base_url TEXT NOT NULL DEFAULT '',
  settings TEXT NOT NULL DEFAULT '{}',
  secrets TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  is_sandbox INTEGER NOT NULL DEFAULT 0,
  pull_cursor TEXT,
  last_pulled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (provider_code, external_id)
);

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials(id),
  channel TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  day TEXT NOT NULL,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  order_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, day, seq)
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials(id),
  channel TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  order_number TEXT NOT NULL,
  status TEXT NOT NULL,
  resume_status TEXT,
  channel_status TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  channel_modified_at TEXT NOT NULL,
  currency TEXT NOT NULL,
  total TEXT NOT NULL,
  customer_note TEXT NOT NULL DEFAULT '',
  ship_name TEXT NOT NULL DEFAULT '',
  ship_company TEXT NOT NULL DEFAULT '',
  ship_line1 TEXT NOT NULL DEFAULT '',
  ship_line2 TEXT NOT NULL DEFAULT '',
  ship_city TEXT NOT NULL DEFAULT '',
  ship_state TEXT NOT NULL DEFAULT '',
  ship_postcode TEXT NOT NULL DEFAULT '',
  ship_country TEXT NOT NULL DEFAULT '',
  ship_phone TEXT NOT NULL DEFAULT '',
  ship_email TEXT NOT NULL DEFAULT '',
  item_count INTEGER NOT NULL DEFAULT 0,
  tracking_number TEXT,
  carrier TEXT,
  batch_id TEXT REFERENCES batches(id),
  open_error_count INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (credential_id, external_id)
);
CREATE INDEX orders_status_placed ON orders (status, placed_at DESC, id DESC);
CREATE INDEX orders_placed ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_batch ON orders (batch_id);
CREATE INDEX orders_tracking ON orders (tracking_number);
CREATE INDEX orders_number ON orders (order_number);
CREATE INDEX orders_ship_name ON orders (ship_name);

CREATE TABLE order_items (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL,
  price TEXT NOT NULL DEFAULT '0',
  attributes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX order_items_order ON order_items (order_id, position);

CREATE TABLE order_logs (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_logs_order ON order_logs (order_id, id);

CREATE TABLE order_errors (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  step TEXT NOT NULL,
  error_type TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT,
  resolved_at TEXT
);
CREATE INDEX order_errors_order ON order_errors (order_id, id);
CREATE INDEX order_errors_step ON order_errors (step, at);

CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  carrier TEXT NOT NULL,
  service TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  tracking_number TEXT,
  format TEXT,
  file_path TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- A label is money: at most one pending or bought label per order, enforced by the database.
CREATE UNIQUE INDEX labels_one_active ON labels (order_id) WHERE state IN ('pending', 'bought');

CREATE TABLE batch_orders (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (batch_id, order_id)
);

CREATE TABLE outbox_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  order_id INTEGER REFERENCES orders(id),
  credential_id INTEGER REFERENCES credentials(id),
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_jobs_due ON outbox_jobs (state, next_attempt_at);

CREATE TABLE printers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  driver TEXT NOT NULL,
  target TEXT NOT NULL,
  media TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  printer_id INTEGER NOT NULL REFERENCES printers(id),
  document TEXT NOT NULL,
  file_path TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
