/**
 * What a batch's documents are made of, read once from the database in pick order: the slips'
 * orders, the manifest rows and each order's label in the printer languages asked for. The same
 * reading serves the ZIP download and printing the batch, and (for one order) its packing slip.
 */
import { readFileSync } from 'node:fs';
import type { OrderItem } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { PrinterLanguage } from '../../../shared/printing';
import type { Db } from '../db/open';
import { localLabelDocument, renderLabel } from '../labels/local-label';
import { senderAddress } from '../labels/sender';
import { shippingOf, type ShippingRecord } from '../orders/order-detail';
import type { ManifestRow } from './manifest-csv';
import type { SlipOrder } from './packing-slips-pdf';

/** One order's label as the ZIP and the printers take it; null where it is not in that language. */
export interface BatchLabel {
  orderNumber: string;
  carrier: string;
  pdf: Uint8Array | null;
  zpl: string | null;
}

export interface BatchContents {
  batchId: string;
  orders: SlipOrder[];
  manifest: ManifestRow[];
  labels: BatchLabel[];
}

interface OrderRecord extends ShippingRecord {
  id: number;
  order_number: string;
  channel: string;
  seller_id: string;
  shop_name: string;
  placed_at: string;
  customer_note: string;
  tracking_number: string | null;
  carrier: string | null;
  item_count: number;
  label_service: string | null;
  label_format: PrinterLanguage | null;
  label_created_at: string | null;
  file_path: string | null;
}

interface ItemRecord {
  order_id: number;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  attributes: string;
}

const ORDER_COLUMNS = `o.id, o.order_number, o.channel, o.seller_id, c.display_name AS shop_name, o.placed_at,
  o.customer_note, o.ship_name, o.ship_company, o.ship_line1, o.ship_line2, o.ship_city, o.ship_state,
  o.ship_postcode, o.ship_country, o.ship_phone, o.ship_email, o.tracking_number, o.carrier, o.item_count,
  l.service AS label_service, l.format AS label_format, l.created_at AS label_created_at, l.file_path`;

/**
 * The labelled orders of a batch in pick order. An order whose label was voided since (its shop
 * cancelled it) has nothing to ship and stays out, as it does from packing.
 */
export async function batchContents(
  db: Db,
  batchId: string,
  languages: readonly PrinterLanguage[],
): Promise<BatchContents> {
  const sqlite = db.$client;
  if (!sqlite.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId)) {
    throw new AppError('not_found', `There is no batch ${batchId}.`);
  }
  const rows = sqlite
    .prepare(
      `SELECT ${ORDER_COLUMNS}
       FROM batch_orders b JOIN orders o ON o.id = b.order_id
       JOIN credentials c ON c.id = o.credential_id
       JOIN labels l ON l.order_id = o.id AND l.state = 'bought'
       WHERE b.batch_id = ? ORDER BY b.position`,
    )
    .all(batchId) as OrderRecord[];
  const items = itemsOf(
    sqlite
      .prepare(
        `SELECT i.order_id, i.sku, i.name, i.quantity, i.price, i.attributes
         FROM batch_orders b JOIN order_items i ON i.order_id = b.order_id
         WHERE b.batch_id = ? ORDER BY i.order_id, i.position`,
      )
      .all(batchId) as ItemRecord[],
  );
  const sender = senderAddress(db);
  const labels: BatchLabel[] = [];
  for (const r of rows) labels.push(await labelOf(r, items.get(r.id) ?? [], sender, languages));
  return {
    batchId,
    orders: rows.map((r) => slipOrder(r, items.get(r.id) ?? [])),
    manifest: rows.map((r) => manifestRow(r, items.get(r.id) ?? [])),
    labels,
  };
}

/** One order's packing slip, label or not (a slip may be printed before the label is bought). */
export function slipOrderOf(db: Db, orderId: number): SlipOrder {
  const sqlite = db.$client;
  const row = sqlite
    .prepare(
      `SELECT ${ORDER_COLUMNS}
       FROM orders o JOIN credentials c ON c.id = o.credential_id
       LEFT JOIN labels l ON l.order_id = o.id AND l.state = 'bought'
       WHERE o.id = ?`,
    )
    .get(orderId) as OrderRecord | undefined;
  if (!row) throw new AppError('not_found', `Order ${orderId} does not exist.`);
  const items = itemsOf(
    sqlite
      .prepare(
        'SELECT order_id, sku, name, quantity, price, attributes FROM order_items WHERE order_id = ? ORDER BY position',
      )
      .all(orderId) as ItemRecord[],
  );
  return slipOrder(row, items.get(orderId) ?? []);
}

function itemsOf(rows: readonly ItemRecord[]): Map<number, OrderItem[]> {
  const items = new Map<number, OrderItem[]>();
  for (const r of rows) {
    const list = items.get(r.order_id) ?? [];
    list.push({
      sku: r.sku,
      name: r.name,
      quantity: r.quantity,
      price: r.price,
      attributes: JSON.parse(r.attributes) as OrderItem['attributes'],
    });
    items.set(r.order_id, list);
  }
  return items;
}

function slipOrder(r: OrderRecord, items: OrderItem[]): SlipOrder {
  return {
    orderId: r.id,
    orderNumber: r.order_number,
    shopName: r.shop_name,
    placedAt: r.placed_at,
    customerNote: r.customer_note,
    shipping: shippingOf(r),
    trackingNumber: r.tracking_number ?? '',
    carrier: r.carrier ?? '',
    items,
  };
}

function manifestRow(r: OrderRecord, items: readonly OrderItem[]): ManifestRow {
  return {
    orderNumber: r.order_number,
    channel: r.channel,
    sellerId: r.seller_id,
    recipientName: r.ship_name,
    country: r.ship_country,
    postcode: r.ship_postcode,
    city: r.ship_city,
    trackingNumber: r.tracking_number ?? '',
    carrier: r.carrier ?? '',
    itemCount: r.item_count,
    skus: items.map((i) => `${i.sku || i.name} x${i.quantity}`).join('; '),
    labelFiles: labelFiles(r),
  };
}

/** Our own labels are drawn again in any language; a carrier's label is only what it sent. */
function languagesOf(r: OrderRecord): PrinterLanguage[] {
  const stored = r.label_format ?? 'pdf';
  return r.carrier === 'local' ? ['pdf', 'zpl'] : [stored];
}

/**
 * Where the order's label is in the ZIP, said in the manifest: a DHL label bought as PDF has no
 * honest ZPL (turning its picture into a ZPL bitmap would need a PDF rasteriser and would print
 * blurred bars), so it is only in labels.pdf, and one bought as ZPL only in labels.zpl.
 */
function labelFiles(r: OrderRecord): string {
  const has = languagesOf(r);
  if (has.length === 2) return 'labels.pdf labels.zpl';
  const carrier = (r.carrier ?? '').toUpperCase();
  return has[0] === 'pdf'
    ? `labels.pdf only: ${carrier} sent this label as PDF`
    : `labels.zpl only: ${carrier} sent this label as ZPL`;
}

async function labelOf(
  r: OrderRecord,
  items: OrderItem[],
  sender: SlipOrder['shipping'],
  languages: readonly PrinterLanguage[],
): Promise<BatchLabel> {
  const label: BatchLabel = { orderNumber: r.order_number, carrier: r.carrier ?? '', pdf: null, zpl: null };
  const stored = r.label_format ?? 'pdf';
  const has = languagesOf(r);
  for (const language of languages) {
    if (!has.includes(language)) continue;
    const bytes =
      language === stored && r.file_path
        ? new Uint8Array(readFileSync(r.file_path))
        : await renderLabel(
            localLabelDocument({
              service: r.label_service ?? '',
              trackingNumber: r.tracking_number ?? '',
              orderNumber: r.order_number,
              sender,
              recipient: shippingOf(r),
              items,
              itemCount: r.item_count,
              createdAt: r.label_created_at ?? '',
            }),
            language,
          );
    if (language === 'pdf') label.pdf = bytes;
    else label.zpl = new TextDecoder().decode(bytes);
  }
  return label;
}
