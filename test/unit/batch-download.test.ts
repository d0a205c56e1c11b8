/**
 * A batch's ZIP as the shift lead gets it from the core: the training shop's orders, real labels,
 * a batch, and every file of the download opened and read back (pdftotext for the PDFs).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { slipCode } from '../../src/main/core/packing/slip-code';
import { importOrder } from '../../src/main/core/orders/order-import';
import type { OrderItem } from '../../src/shared/dto';
import { AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { barcodeData, decodeGraphics } from '../support/zpl-decode';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function pdfText(dir: string, pdf: Uint8Array): string {
  const file = join(dir, 'read.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('the batch download', () => {
  it('holds merged labels, a slip per order in pick order, the pick list totals and the manifest', async () => {
    const dataDir = tempDir();
    const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    cores.push(core);
    const { api } = core;
    await api['sandbox.start']({});
    const picked = [
      ...(await api['orders.list']({ search: '陈尧', offset: 0, limit: 50 })),
      ...(await api['orders.list']({ search: 'Łukasz', offset: 0, limit: 50 })),
    ].filter((o) => o.status === 'new');
    const ids = picked.map((o) => o.id);
    expect((await api['labels.generate']({ orderIds: ids, carrier: 'local' })).failed).toEqual([]);
    const credentialId = (await api['credentials.list']({}))[0]!.id;
    const batch = await api['batches.create']({ credentialId });
    expect(batch.order_count).toBe(ids.length);

    const download = await api['batches.download']({ batchId: batch.batch_id });
    expect(download.fileName).toBe(`${batch.batch_id}.zip`);
    const zip = await JSZip.loadAsync(download.bytes);
    const read = async (name: string) => pdfText(dataDir, await zip.file(name)!.async('uint8array'));
    const details = await Promise.all(ids.map((id) => api['orders.get']({ id })));

    const labels = await read('labels.pdf');
    const slips = (await read('packing_slips.pdf')).split('\f').filter((p) => p.trim() !== '');
    expect(slips).toHaveLength(ids.length);
    // Slips and labels run in the same pick order: page n of each is the same order.
    const labelPages = labels.split('\f').filter((p) => p.trim() !== '');
    slips.forEach((slip, n) => {
      const order = details.find((d) => slip.includes(slipCode(d.id)))!;
      expect(slip).toContain(`Order ${order.orderNumber}`);
      expect(slip).toContain(order.shipping.name);
      expect(labelPages[n]).toContain(order.trackingNumber!);
      for (const item of order.items) expect(slip).toContain(item.sku);
    });
    expect(slips.join('')).toContain('陈尧');
    expect(slips.join('')).toContain('Łukasz Wójcik');

    const picklist = await read('picklist.pdf');
    const totals = new Map<string, number>();
    for (const item of details.flatMap((d) => d.items))
      totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.quantity);
    for (const [sku, quantity] of totals) expect(picklist).toMatch(new RegExp(`${sku}\\s.*\\s${quantity}\\s*\\n`));
    const skuLines = [...totals.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(skuLines.map((sku) => picklist.indexOf(`${sku} `))).toEqual(
      [...skuLines.map((sku) => picklist.indexOf(`${sku} `))].sort((a, b) => a - b),
    );

    // Our own labels are drawn again as ZPL for a thermal printer, in the same pick order.
    const zpl = await zip.file('labels.zpl')!.async('string');
    const trackingInPickOrder = slips.map((slip) => details.find((d) => slip.includes(slipCode(d.id)))!.trackingNumber);
    expect(barcodeData(zpl)).toEqual(trackingInPickOrder);
    expect(zpl.match(/\^XA/g)).toHaveLength(ids.length);
    expect(decodeGraphics(zpl).length).toBeGreaterThan(ids.length * 5);

    const manifest = await zip.file('manifest.csv')!.async('string');
    expect(manifest.charCodeAt(0)).toBe(0xfeff);
    const manifestRows = manifest.trim().split('\r\n');
    expect(manifestRows).toHaveLength(ids.length + 1);
    for (const line of manifestRows.slice(1)) expect(line.endsWith(',labels.pdf labels.zpl')).toBe(true);
  });

  it('puts slips and labels in natural SKU order: the order of TEE-2 before the order of TEE-10', async () => {
    const dataDir = tempDir();
    const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    cores.push(core);
    const { api, db } = core;
    await api['sandbox.start']({});
    const shop = (await api['credentials.list']({}))[0]!;
    const source = { credentialId: shop.id, channel: 'woocommerce', sellerId: shop.externalId };
    // Imported first and numbered lower: a byte-wise sort ('TEE-10' < 'TEE-2') would put it first.
    importOrder(db, source, makeOrder(101, { items: [item('TEE-10')] }), AT);
    importOrder(db, source, makeOrder(102, { items: [item('TEE-2'), item('TEE-30')] }), AT);
    const ids = ['1101', '1102'].map(
      (number) => (db.$client.prepare('SELECT id FROM orders WHERE order_number = ?').get(number) as { id: number }).id,
    );
    expect((await api['labels.generate']({ orderIds: ids, carrier: 'local' })).failed).toEqual([]);
    const batch = await api['batches.create']({ credentialId: shop.id });
    expect(batch.order_count).toBe(2);

    const zip = await JSZip.loadAsync((await api['batches.download']({ batchId: batch.batch_id })).bytes);
    const read = async (name: string) => pdfText(dataDir, await zip.file(name)!.async('uint8array'));
    const [tenOrder, twoOrder] = await Promise.all(ids.map((id) => api['orders.get']({ id })));
    const slips = (await read('packing_slips.pdf')).split('\f').filter((p) => p.trim() !== '');
    expect(slips.map((slip) => slip.includes(slipCode(twoOrder!.id)))).toEqual([true, false]);
    expect(slips[1]).toContain(slipCode(tenOrder!.id));
    const labels = (await read('labels.pdf')).split('\f').filter((p) => p.trim() !== '');
    expect(labels.map((page) => page.includes(twoOrder!.trackingNumber!))).toEqual([true, false]);
    expect(labels[1]).toContain(tenOrder!.trackingNumber!);
    const picklist = await read('picklist.pdf');
    expect(['TEE-2 ', 'TEE-10 ', 'TEE-30 '].map((sku) => picklist.indexOf(sku))).toEqual(
      ['TEE-2 ', 'TEE-10 ', 'TEE-30 '].map((sku) => picklist.indexOf(sku)).sort((a, b) => a - b),
    );
  });
});

function item(sku: string): OrderItem {
  return { sku, name: `T-Shirt ${sku}`, quantity: 1, price: '10.00', attributes: [] };
}
