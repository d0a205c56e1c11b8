import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { importOrder } from '../../src/main/core/orders/order-import';
import type { DiscoveredPrinter, PrinterView, PrintJobView } from '../../src/shared/dto';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { barcodeData } from '../support/zpl-decode';
import { call } from '../support/api-call';

const tempDir = useTempDir();
const cores: Core[] = [];
const printers: FakeZplPrinter[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const printer of printers.splice(0)) await printer.switchOff();
});

describe('printing through the contract', () => {
  it('adds a label printer, prints every label the moment it is bought, and lists the jobs', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
    cores.push(core);
    const shop = addShop(core.db);
    importOrder(core.db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(1), AT);
    const printer = await startZplPrinter();
    printers.push(printer);

    const added = await call<PrinterView>(core, 'printers.add', {
      name: 'Zebra ZD421',
      driver: 'tcp',
      target: printer.target,
      media: '4x6',
      language: 'zpl',
    });
    expect(added).toMatchObject({ isDefault: true, pendingJobs: 0, status: { state: 'ready' } });
    await call(core, 'print.saveSettings', { printLabelsWhenBought: true });

    const received = printer.nextJob();
    await call(core, 'labels.generate', { orderIds: [1], carrier: 'local' });
    const tracking = barcodeData(await received)[0];
    expect(tracking).toMatch(/^LP\d{9}DE$/);

    const jobs = await call<PrintJobView[]>(core, 'print.jobs', { orderId: 1 });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: 'label',
      printerName: 'Zebra ZD421',
      title: `Label ${tracking} (order 1001)`,
    });
  });

  it('offers the CUPS queues this computer knows when adding a printer', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
    cores.push(core);
    const found = await call<DiscoveredPrinter[]>(core, 'printers.discover', {});
    expect(found).toContainEqual(expect.objectContaining({ driver: 'cups', target: 'PDF' }));
    // serve has no system printers: only the desktop app can list them.
    expect(found.filter((p) => p.driver === 'system')).toEqual([]);
  });

  it('refuses a bad printer in words and changes nothing', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
    cores.push(core);
    await expect(
      call(core, 'printers.add', { name: ' ', driver: 'tcp', target: '10.0.0.9', media: '4x6', language: 'zpl' }),
    ).rejects.toThrow('The request for printers.add is not valid: name: Give the printer a name');
    await expect(
      call(core, 'printers.add', { name: 'X', driver: 'fax', target: '10.0.0.9', media: '4x6', language: 'zpl' }),
    ).rejects.toThrow(/driver/);
    await expect(call(core, 'print.label', { orderId: 1 })).rejects.toThrow('Order 1 has no label to print yet.');
    expect(await call(core, 'printers.list', {})).toEqual([]);
  });
});
