import type { Migration } from './migration';

/**
 * Packing by scan: every item counted into a parcel, by scanner or by hand (with the reason the
 * barcode could not be read), by whom and when. Progress lives here rather than on the screen,
 * so a reload or a second station sees the same counts and cannot pack an order short.
 */
export const migration004: Migration = {
  version: 4,
  name: 'pack-scans',
  sql: `
CREATE TABLE pack_scans (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  order_item_id INTEGER NOT NULL REFERENCES order_items(id) ON DELETE CASCADE,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  method TEXT NOT NULL CHECK (method IN ('scan', 'manual')),
  code TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  packer TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX pack_scans_order ON pack_scans (order_id, order_item_id);
`,
};
