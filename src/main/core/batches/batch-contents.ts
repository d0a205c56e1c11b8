/**
 * What a batch's documents are made of, read once from the database in pick order: the slips'
 * orders, the manifest rows and each order's label in the printer languages asked for. The same
 * reading serves the ZIP download and printing the batch, and (for one order) its packing slip.
 */
import { readFileSync } from 'node:fs';
import type { OrderItem } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { PrinterLanguage } from '../../../shared/printing';
import { CarrierError } from '../carriers/carrier-error';
import { createCarrierGates } from '../carriers/carrier-gate';
import type { Db } from '../db/open';
import { labelIn, needsCarrier, type BoughtLabel, type LabelLanguageDeps } from '../labels/label-in-language';
import { senderAddress } from '../labels/sender';
import { shippingOf, type ShippingRecord } from '../orders/order-detail';
import type { ManifestRow } from './manifest-csv';
import type { SlipOrder } from './packing-slips-pdf';

/** One order's label as the ZIP and the printers take it; null where it could not be had in that language. */
export interface BatchLabel {
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  pdf: Uint8Array | null;
  zpl: string | null;
  /** Why the label is missing in a language asked for, in words (the carrier could not be reached, or refused). */
  missing: Partial<Record<PrinterLanguage, string>>;
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
  label_id: number | null;
  label_service: string | null;
  label_format: PrinterLanguage | null;
  label_created_at: string | null;
  file_path: string | null;
  other_file_path: string | null;
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
  l.id AS label_id, l.service AS label_service, l.format AS label_format, l.created_at AS label_created_at,
  l.file_path, l.other_file_path`;

/**
 * Labels fetched from carriers at once. Each carrier's own limit is kept by its gate; this only
 * bounds how many labels wait for a gate, so a carrier that stopped answering costs at most these
 * calls before the rest of its labels are given up on with the same reason.
 */
const FETCH_WORKERS = 4;

/**
 * The labelled orders of a batch in pick order. An order whose label was voided since (its shop
 * cancelled it) has nothing to ship and stays out, as it does from packing. A carrier's label in
 * the language it was not bought in is fetched from the carrier once (label-in-language.ts); one
 * that cannot be had is left out of that language only, and `missing` says why.
 */
export async function batchContents(
  deps: LabelLanguageDeps,
  batchId: string,
  languages: readonly PrinterLanguage[],
): Promise<BatchContents> {
  const sqlite = deps.db.$client;
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
  const sender = senderAddress(deps.db);
  const labels: BatchLabel[] = [];
  const fetches: { label: BatchLabel; bought: BoughtLabel; language: PrinterLanguage }[] = [];
  for (const r of rows) {
    const bought = boughtLabel(r, items.get(r.id) ?? [], sender);
    const label: BatchLabel = {
      orderNumber: r.order_number,
      carrier: bought.carrier,
      trackingNumber: bought.trackingNumber,
      pdf: null,
      zpl: null,
      missing: {},
    };
    labels.push(label);
    for (const language of languages) {
      // Kept or drawn here, one after the other (no network); the carriers' fetches below.
      if (needsCarrier(bought, language)) fetches.push({ label, bought, language });
      else put(label, language, await labelBytes(deps, bought, language));
    }
  }
  await fetchFromCarriers({ ...deps, gates: deps.gates ?? createCarrierGates() }, fetches);
  return {
    batchId,
    orders: rows.map((r) => slipOrder(r, items.get(r.id) ?? [])),
    manifest: rows.map((r, i) => manifestRow(r, items.get(r.id) ?? [], labels[i]!, languages)),
    labels,
  };
}

async function fetchFromCarriers(
  deps: LabelLanguageDeps,
  fetches: readonly { label: BatchLabel; bought: BoughtLabel; language: PrinterLanguage }[],
): Promise<void> {
  const unanswered = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < fetches.length; i = next++) {
      const { label, bought, language } = fetches[i]!;
      const gaveUp = unanswered.get(bought.carrier);
      if (gaveUp) {
        label.missing[language] = gaveUp;
        continue;
      }
      try {
        put(label, language, await labelBytes(deps, bought, language));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        label.missing[language] = error.message;
        if (error instanceof CarrierError && !error.answered) unanswered.set(bought.carrier, error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_WORKERS, fetches.length) }, worker));
}

async function labelBytes(
  deps: LabelLanguageDeps,
  bought: BoughtLabel,
  language: PrinterLanguage,
): Promise<Uint8Array> {
  const got = await labelIn(deps, bought, language);
  return 'file' in got ? new Uint8Array(readFileSync(got.file)) : got.drawn;
}

function put(label: BatchLabel, language: PrinterLanguage, bytes: Uint8Array): void {
  if (language === 'pdf') label.pdf = bytes;
  else label.zpl = new TextDecoder().decode(bytes);
}

function boughtLabel(r: OrderRecord, items: OrderItem[], sender: SlipOrder['shipping']): BoughtLabel {
  return {
    labelId: r.label_id!,
    orderId: r.id,
    orderNumber: r.order_number,
    carrier: r.carrier ?? '',
    service: r.label_service ?? '',
    trackingNumber: r.tracking_number ?? '',
    format: r.label_format ?? 'pdf',
    filePath: r.file_path ?? '',
    otherFilePath: r.other_file_path,
    createdAt: r.label_created_at ?? '',
    sender,
    recipient: shippingOf(r),
    items,
    itemCount: r.item_count,
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

function manifestRow(
  r: OrderRecord,
  items: readonly OrderItem[],
  label: BatchLabel,
  languages: readonly PrinterLanguage[],
): ManifestRow {
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
    labelFiles: labelFiles(label, languages),
  };
}

/** Where the order's label is in the ZIP and, where it is missing from one file, why. */
function labelFiles(label: BatchLabel, languages: readonly PrinterLanguage[]): string {
  const file = (language: PrinterLanguage) => `labels.${language}`;
  const has = languages.filter((l) => label.missing[l] === undefined).map(file);
  const lacks = languages.flatMap((l) => {
    const why = label.missing[l];
    return why === undefined ? [] : [`Missing from ${file(l)}: ${why}`];
  });
  return lacks.length === 0 ? has.join(' ') : [`${has.join(' ')} only`, ...lacks].join('. ');
}
