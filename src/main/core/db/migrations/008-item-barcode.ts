import type { Migration } from './migration';

/**
 * The product's own barcode (EAN/GTIN/UPC) on each order item, as the shop sends it: Shopify's
 * variant barcode, WooCommerce's GTIN field (global_unique_id). Printed products carry this code,
 * not our SKU, so the packing station must match a scan against it. Empty when the shop has none;
 * items stored before stay empty until the shop's next pull rewrites them.
 */
export const migration008: Migration = {
  version: 8,
  name: 'item-barcode',
  sql: `
ALTER TABLE order_items ADD COLUMN barcode TEXT NOT NULL DEFAULT '';
`,
};
