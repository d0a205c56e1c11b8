/**
 * picklist.pdf: what to take from the shelves for a whole batch, one line per SKU with its total.
 * We keep no shelf locations, and shops name shelves after their SKUs' families, so lines run in
 * natural SKU order (TEE-2 before TEE-10): the picker walks the aisles once, front to back.
 */
import { PDFDocument } from 'pdf-lib';
import type { OrderItem } from '../../../shared/dto';
import { embedLabelFonts } from '../labels/fonts';
import { A4_HEIGHT, A4_WIDTH, MARGIN, rule, text, textRight, tickBox } from './a4-writer';
import { compareSku } from './sku-order';

export interface PickLine {
  sku: string;
  name: string;
  quantity: number;
  /** How many orders of the batch want this SKU. */
  orders: number;
}

/** Sums the items of the batch's orders by SKU (by name for items without one). */
export function pickTotals(orders: readonly (readonly OrderItem[])[]): PickLine[] {
  const lines = new Map<string, PickLine>();
  for (const items of orders) {
    const counted = new Set<string>();
    for (const item of items) {
      const key = item.sku || `\u0000${item.name}`;
      const line = lines.get(key) ?? { sku: item.sku, name: item.name, quantity: 0, orders: 0 };
      line.quantity += item.quantity;
      if (!counted.has(key)) line.orders += 1;
      counted.add(key);
      lines.set(key, line);
    }
  }
  return [...lines.values()].sort((a, b) => compareSku(a.sku, b.sku) || compareSku(a.name, b.name));
}

const RIGHT = A4_WIDTH - MARGIN;
const ROW = 20;
const COLUMNS = { tick: MARGIN, sku: MARGIN + 22, name: MARGIN + 160, orders: RIGHT - 60, qty: RIGHT };

export async function renderPicklist(
  batchId: string,
  orderCount: number,
  lines: readonly PickLine[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${batchId} pick list`);
  doc.setProducer('PackDesk');
  const fonts = await embedLabelFonts(doc);
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  const perFirstPage = Math.floor((A4_HEIGHT - 2 * MARGIN - 110) / ROW);
  const perPage = Math.floor((A4_HEIGHT - 2 * MARGIN - 50) / ROW);
  const pageCount = lines.length <= perFirstPage ? 1 : 1 + Math.ceil((lines.length - perFirstPage) / perPage);
  let index = 0;
  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
    let top = MARGIN;
    if (p === 0) {
      text(page, 'PICK LIST', fonts.bold, 9, MARGIN, top);
      text(page, batchId, fonts.bold, 18, MARGIN, top + 14);
      text(page, `${orderCount} orders · ${lines.length} SKUs · ${units} items`, fonts.regular, 10, MARGIN, top + 40);
      top += 64;
    }
    text(page, 'SKU', fonts.bold, 7.5, COLUMNS.sku, top);
    text(page, 'ITEM', fonts.bold, 7.5, COLUMNS.name, top);
    textRight(page, 'ORDERS', fonts.bold, 7.5, COLUMNS.orders, top);
    textRight(page, 'QTY', fonts.bold, 7.5, COLUMNS.qty, top);
    rule(page, top + 11);
    top += 18;
    const end = Math.min(lines.length, index + (p === 0 ? perFirstPage : perPage));
    for (; index < end; index++) {
      const line = lines[index]!;
      tickBox(page, COLUMNS.tick, top, 10);
      text(page, line.sku || '—', fonts.bold, 10.5, COLUMNS.sku, top, COLUMNS.name - COLUMNS.sku - 8);
      text(page, line.name, fonts.regular, 10, COLUMNS.name, top, COLUMNS.orders - 50 - COLUMNS.name);
      textRight(page, String(line.orders), fonts.regular, 10, COLUMNS.orders, top);
      textRight(page, String(line.quantity), fonts.bold, 12, COLUMNS.qty, top - 1);
      rule(page, top + ROW - 5, 0.25);
      top += ROW;
    }
    text(page, batchId, fonts.regular, 8, MARGIN, A4_HEIGHT - MARGIN);
    textRight(page, `Page ${p + 1} of ${pageCount}`, fonts.regular, 8, RIGHT, A4_HEIGHT - MARGIN);
  }
  return doc.save();
}
