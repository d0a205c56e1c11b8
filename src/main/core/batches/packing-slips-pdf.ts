/**
 * packing_slips.pdf: one A4 page per order, in pick order, for the parcel. The slip's Code 128
 * (packing/slip-code.ts) opens the order on the Pack screen; the items table has a box to tick
 * per line, with each item's options (size, colour) under its name.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { Address, OrderItem } from '../../../shared/dto';
import { embedLabelFonts, type LabelFaces } from '../labels/fonts';
import { slipCode } from '../packing/slip-code';
import { A4_HEIGHT, A4_WIDTH, MARGIN, clean, code128, rule, text, textRight, tickBox } from './a4-writer';

export interface SlipOrder {
  orderId: number;
  orderNumber: string;
  shopName: string;
  placedAt: string;
  shipping: Address;
  trackingNumber: string;
  carrier: string;
  customerNote: string;
  items: OrderItem[];
}

const RIGHT = A4_WIDTH - MARGIN;
const BOTTOM = A4_HEIGHT - MARGIN - 20;
const COLUMNS = { tick: MARGIN, qty: MARGIN + 22, sku: MARGIN + 56, name: MARGIN + 176 };

export async function renderPackingSlips(batchId: string, orders: readonly SlipOrder[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${batchId} packing slips`);
  doc.setProducer('PackDesk');
  const fonts = await embedLabelFonts(doc);
  orders.forEach((order, i) => drawSlip(doc, fonts, batchId, order, `${i + 1} / ${orders.length}`));
  return doc.save();
}

function drawSlip(doc: PDFDocument, fonts: LabelFaces, batchId: string, order: SlipOrder, position: string): void {
  let page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
  footer(page, fonts, batchId, position);
  text(page, 'PACKING SLIP', fonts.bold, 9, MARGIN, MARGIN);
  text(page, order.shopName, fonts.regular, 9, MARGIN, MARGIN + 13, 260);
  text(page, `Order ${order.orderNumber}`, fonts.bold, 22, MARGIN, MARGIN + 30, 280);
  text(page, `Placed ${order.placedAt.slice(0, 10)}`, fonts.regular, 9, MARGIN, MARGIN + 58);

  const code = slipCode(order.orderId);
  const barsWidth = 200;
  const drawn = code128(page, code, RIGHT - barsWidth, MARGIN, 48, barsWidth);
  textRight(page, code, fonts.regular, 9, RIGHT - barsWidth + drawn, MARGIN + 52);

  let top = MARGIN + 80;
  rule(page, top, 1.5);
  top += 10;
  text(page, 'SHIP TO', fonts.bold, 7.5, MARGIN, top);
  text(page, 'SHIPMENT', fonts.bold, 7.5, 330, top);
  top += 12;
  const address = addressLines(order.shipping);
  address.forEach((line, i) => text(page, line, i === 0 ? fonts.bold : fonts.regular, 11, MARGIN, top + i * 14, 270));
  text(page, order.carrier, fonts.regular, 11, 330, top, RIGHT - 330);
  text(page, order.trackingNumber, fonts.bold, 11, 330, top + 14, RIGHT - 330);
  top += Math.max(address.length, 2) * 14 + 8;
  if (clean(order.customerNote)) {
    text(page, `Note: ${order.customerNote}`, fonts.regular, 9.5, MARGIN, top, RIGHT - MARGIN);
    top += 16;
  }

  top += 6;
  top = itemsHeader(page, fonts, top);
  for (const item of order.items) {
    const height = item.attributes.length > 0 ? 30 : 18;
    if (top + height > BOTTOM) {
      page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
      footer(page, fonts, batchId, position);
      text(page, `Order ${order.orderNumber} (continued)`, fonts.bold, 14, MARGIN, MARGIN);
      top = itemsHeader(page, fonts, MARGIN + 26);
    }
    tickBox(page, COLUMNS.tick, top, 10);
    text(page, String(item.quantity), fonts.bold, 11, COLUMNS.qty, top);
    text(page, item.sku || '—', fonts.bold, 10, COLUMNS.sku, top, COLUMNS.name - COLUMNS.sku - 8);
    text(page, item.name, fonts.regular, 10, COLUMNS.name, top, RIGHT - COLUMNS.name);
    if (item.attributes.length > 0) {
      const options = item.attributes.map((a) => `${a.name}: ${a.value}`).join(' · ');
      text(page, options, fonts.regular, 8.5, COLUMNS.name, top + 13, RIGHT - COLUMNS.name);
    }
    top += height;
    rule(page, top - 4, 0.25);
  }
  const units = order.items.reduce((sum, i) => sum + i.quantity, 0);
  text(page, `${units} ${units === 1 ? 'item' : 'items'} in this parcel`, fonts.bold, 10, MARGIN, top + 4);
}

function itemsHeader(page: PDFPage, fonts: LabelFaces, top: number): number {
  text(page, 'QTY', fonts.bold, 7.5, COLUMNS.qty, top);
  text(page, 'SKU', fonts.bold, 7.5, COLUMNS.sku, top);
  text(page, 'ITEM', fonts.bold, 7.5, COLUMNS.name, top);
  rule(page, top + 11);
  return top + 17;
}

function footer(page: PDFPage, fonts: LabelFaces, batchId: string, position: string): void {
  text(page, batchId, fonts.regular, 8, MARGIN, A4_HEIGHT - MARGIN);
  textRight(page, position, fonts.regular, 8, RIGHT, A4_HEIGHT - MARGIN);
}

function addressLines(a: Address): string[] {
  return [
    a.name,
    a.company,
    a.line1,
    a.line2,
    [a.postcode, a.city].filter(Boolean).join(' '),
    a.state,
    a.country,
    a.phone ? `Tel. ${a.phone}` : '',
  ]
    .map(clean)
    .filter((line) => line !== '');
}
