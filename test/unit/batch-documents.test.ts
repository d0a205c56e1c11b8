/**
 * The A4 documents of a batch ZIP, read back with pdftotext as a person would read the paper:
 * one slip per order with its barcode code, items and options, in any script; the pick list's
 * SKU totals in walking order.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPackingSlips, type SlipOrder } from '../../src/main/core/batches/packing-slips-pdf';
import { pickTotals, renderPicklist } from '../../src/main/core/batches/picklist-pdf';
import type { OrderItem } from '../../src/shared/dto';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** Pages as text; `layout` keeps each table row on one line (and may split a bold word). */
function pdfPages(pdf: Uint8Array, layout = true): string[] {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).split('\f');
}

const item = (sku: string, quantity: number, name = sku, attributes: OrderItem['attributes'] = []): OrderItem => ({
  sku,
  name,
  quantity,
  price: '1.00',
  attributes,
});

function order(orderId: number, orderNumber: string, name: string, city: string, items: OrderItem[]): SlipOrder {
  return {
    orderId,
    orderNumber,
    shopName: 'Bäckerei Shop 面包店',
    placedAt: '2026-11-20T08:00:00.000Z',
    shipping: {
      name,
      company: '',
      line1: city === '北京' ? '建国路88号' : 'Müllerstraße 12',
      line2: '',
      city,
      state: '',
      postcode: '100020',
      country: city === '北京' ? 'CN' : 'PL',
      phone: '',
      email: '',
    },
    trackingNumber: `LP00000000${orderId}DE`,
    carrier: 'local',
    customerNote: orderId === 1 ? 'Bitte nicht knicken' : '',
    items,
  };
}

describe('packing slips', () => {
  it('print one A4 page per order with its slip code, items, options and names in any script', async () => {
    const orders = [
      order(1, '1001', '陈尧', '北京', [item('TEE-BLK-M', 2, 'T-Shirt 黑色', [{ name: 'Größe', value: 'M' }])]),
      order(42, '1002', 'Łukasz Wójcik', 'Łódź', [item('MUG-WHT', 1, 'Tasse weiß'), item('', 3, 'Sticker')]),
    ];
    const pdf = await renderPackingSlips('BATCH_woocommerce_20261124_001', orders);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const size = doc.getPage(0).getSize();
    expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);

    const [first, second] = pdfPages(pdf);
    expect(first).toContain('Order 1001');
    expect(first).toContain('PD000001');
    expect(first).toContain('陈尧');
    expect(first).toContain('建国路88号');
    expect(first).toContain('T-Shirt 黑色');
    expect(first).toContain('Größe: M');
    expect(first).toContain('Bitte nicht knicken');
    expect(first).toContain('LP000000001DE');
    expect(first).toContain('2 items in this parcel');
    expect(second).toContain('Order 1002');
    expect(second).toContain('PD000042');
    expect(second).toContain('Łukasz Wójcik');
    expect(second).toContain('Łódź');
    expect(second).toContain('Müllerstraße 12');
    expect(second).toMatch(/3\s+—\s+Sticker/);
    expect(second).toContain('4 items in this parcel');
  });

  it('continue a long order on a second page instead of printing past the edge', async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`SKU-${i + 1}`, 1));
    const pdf = await renderPackingSlips('BATCH_x', [order(7, '7007', 'Anna', 'Łódź', items)]);
    const pages = pdfPages(pdf, false);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    expect(pages[0]).toContain('SKU-1\n');
    expect(pages[0]).not.toContain('SKU-40');
    expect(pages[1]).toContain('Order 7007');
    expect(pages[1]).toContain('SKU-40');
    expect(pages[1]).toContain('40 items in this parcel');
  });
});

describe('the pick list', () => {
  it('sums each SKU over the batch, counts its orders, and runs in natural SKU order', () => {
    const lines = pickTotals([
      [item('TEE-10', 1), item('MUG', 2), item('TEE-2', 1)],
      [item('TEE-2', 3), item('', 1, 'Gift card')],
      [item('TEE-2', 1), item('TEE-2', 1)],
    ]);
    expect(lines.map((l) => [l.sku || l.name, l.quantity, l.orders])).toEqual([
      ['MUG', 2, 1],
      ['TEE-2', 6, 3],
      ['TEE-10', 1, 1],
      ['Gift card', 1, 1],
    ]);
  });

  it('prints every line with its total, over as many pages as it takes', async () => {
    const many = Array.from({ length: 60 }, (_, i) => [item(`SKU-${String(i + 1)}`, i + 1, `物品 ${i + 1}`)]);
    const lines = pickTotals(many);
    const pdf = await renderPicklist('BATCH_woocommerce_20261124_001', 60, lines);
    const pages = pdfPages(pdf).filter((p) => p.trim() !== '');
    expect(pages.length).toBe(2);
    const all = pages.join('\n');
    expect(all).toContain('60 orders · 60 SKUs · 1830 items');
    expect(all).toMatch(/SKU-60\s+物品 60\s+1\s+60/);
    expect(all.indexOf('SKU-9 ')).toBeLessThan(all.indexOf('SKU-10 '));
    expect(pages[1]).toContain('Page 2 of 2');
  });
});
