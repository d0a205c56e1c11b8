/**
 * A whole shift at the packing station in Chromium against `serve`: sample orders, labels,
 * tracking sync while the shop is down (the jobs wait, the banner says so), then up (the jobs
 * drain, each tracking reaching the shop exactly once by the simulator's count), a batch, its ZIP
 * downloaded and every file opened and read back, the batch printed (labels as ZPL to a network
 * label printer standing in on 127.0.0.1, slips and pick list to the cups-pdf queue), packing by
 * typed scans with a wrong item, and the parcels shipped.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { OrderDetail, OrderRow } from '../../src/shared/dto';
import { barcodeData } from '../support/zpl-decode';
import { startZplPrinter } from '../support/zpl-printer';
import { expect, test } from './serve-fixture';
import { orderRow, pdfText, rpc, scan, shot, slipCode, trainingShop } from './shift-helpers';

test('a whole shift: labels, sync through an outage, batch, ZIP, print, pack by scan, ship', async ({
  app: page,
  served,
}) => {
  test.setTimeout(120_000);
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-new')).toHaveText('35');

  // Labels for 陈尧's three new orders.
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-search').fill('陈尧');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  await page.getByTestId('select-all').check();
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('label-result-summary')).toContainText('3');
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');
  await shot(page, 'shift-01-labels');

  // The shop goes down; their tracking is sent anyway and waits in the outbox.
  await trainingShop(served, '503');
  await page.getByTestId('tab-label_created').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  await page.getByTestId('select-all').check();
  await page.getByTestId('sync-tracking').click();
  await expect(page.getByTestId('toast').first()).toContainText('Tracking of 3 orders queued');
  await expect(page.getByTestId('offline-banner-text')).toHaveText('Offline: 3 actions waiting', { timeout: 15_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('Training shop cannot be reached');
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');
  await shot(page, 'shift-02-shop-down');

  // Back up: the jobs drain, the banner goes, and each tracking reached the shop once.
  await trainingShop(served, null);
  await page.getByTestId('nav-outbox').click();
  await page.getByTestId('outbox-retry').first().click();
  await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('tab-count-synced')).toHaveText('3');
  const calls = await trainingShop(served, null);
  const posts = Object.entries(calls).filter(([call]) => /^POST .*\/shipment-trackings$/.test(call));
  expect(posts.map(([, n]) => n)).toEqual([1, 1, 1]);
  await shot(page, 'shift-03-synced');

  // A batch of the three.
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('create-batch').click();
  await expect(page.getByTestId('batch-result')).toContainText('3');
  const batchRow = page.getByTestId('batch-row').first();
  const batchId = (await batchRow.getAttribute('data-batch-id'))!;
  expect(batchId).toMatch(/^BATCH_woocommerce_\d{8}_001$/);
  await expect(batchRow.locator('[data-status]')).toHaveAttribute('data-status', 'created');
  // The list names the ZIP as the download saves it.
  await expect(batchRow.getByTestId('batch-file')).toHaveText(`${batchId}.zip`);
  const batched = await rpc<OrderRow[]>(served, 'orders.list', { status: 'batched', offset: 0, limit: 10 });
  const details = await Promise.all(batched.map((o) => rpc<OrderDetail>(served, 'orders.get', { id: o.id })));
  expect(details).toHaveLength(3);

  // Its ZIP, downloaded and opened: every file there and right.
  const [download] = await Promise.all([page.waitForEvent('download'), batchRow.getByTestId('download-batch').click()]);
  expect(download.suggestedFilename()).toBe(`${batchId}.zip`);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  expect(Object.keys(zip.files).sort()).toEqual([
    'labels.pdf',
    'labels.zpl',
    'manifest.csv',
    'packing_slips.pdf',
    'picklist.pdf',
  ]);
  const slips = pdfText(await zip.file('packing_slips.pdf')!.async('uint8array'))
    .split('\f')
    .filter((p) => p.trim() !== '');
  expect(slips).toHaveLength(3);
  // Pick order, as the slips run: every other file follows it.
  const picked = slips.map((slip) => details.find((d) => slip.includes(slipCode(d.id)))!);
  picked.forEach((order, n) => {
    expect(slips[n]).toContain(`Order ${order.orderNumber}`);
    expect(slips[n]).toContain('陈尧');
    for (const item of order.items) expect(slips[n]).toContain(item.sku);
  });
  const labelPages = pdfText(await zip.file('labels.pdf')!.async('uint8array'))
    .split('\f')
    .filter((p) => p.trim() !== '');
  expect(labelPages).toHaveLength(3);
  picked.forEach((order, n) => {
    expect(labelPages[n]).toContain(order.trackingNumber!);
    expect(labelPages[n]).toContain('陈尧');
  });
  const zpl = await zip.file('labels.zpl')!.async('string');
  expect(barcodeData(zpl)).toEqual(picked.map((o) => o.trackingNumber));
  const picklist = pdfText(await zip.file('picklist.pdf')!.async('uint8array'), true);
  expect(picklist).toContain(batchId);
  const totals = new Map<string, number>();
  for (const item of details.flatMap((d) => d.items)) totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.quantity);
  for (const [sku, quantity] of totals) expect(picklist).toMatch(new RegExp(`${sku}\\s.*\\s${quantity}\\s*\\n`));
  const manifest = await zip.file('manifest.csv')!.async('uint8array');
  expect([...manifest.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const manifestRows = new TextDecoder().decode(manifest).trim().split('\r\n');
  expect(manifestRows).toHaveLength(4);
  picked.forEach((order, n) => {
    expect(manifestRows[n + 1]).toContain(`${order.orderNumber},woocommerce,`);
    expect(manifestRows[n + 1]).toContain(`,陈尧,`);
    expect(manifestRows[n + 1]).toContain(`,${order.trackingNumber},local,`);
    expect(manifestRows[n + 1]!.endsWith(',labels.pdf labels.zpl')).toBe(true);
  });
  await shot(page, 'shift-04-batch');

  // Print: the labels go to the Zebra at the desk as ZPL, the slips and pick list to A4.
  const zebra = await startZplPrinter();
  try {
    await rpc(served, 'printers.add', {
      name: 'Zebra at the desk',
      driver: 'tcp',
      target: zebra.target,
      media: '4x6',
      language: 'zpl',
    });
    await rpc(served, 'printers.add', {
      name: 'Office A4',
      driver: 'cups',
      target: 'PDF',
      media: 'A4',
      language: 'pdf',
    });
    const printedLabels = zebra.nextJob();
    await batchRow.getByTestId('batch-print').click();
    await expect(page.getByTestId('toast').last()).toContainText(
      'Labels sent to Zebra at the desk, packing slips and pick list to Office A4.',
    );
    expect(barcodeData(await printedLabels)).toEqual(picked.map((o) => o.trackingNumber));
    await expect(batchRow.locator('[data-status]')).toHaveAttribute('data-status', 'printed', { timeout: 20_000 });
    await expect(batchRow.getByTestId('batch-printing')).toHaveCount(0);
    await expect(batchRow.getByTestId('batch-mark-printed')).toHaveCount(0);
    await shot(page, 'shift-05-printed');
  } finally {
    await zebra.switchOff();
  }

  // Packing by typed scans, in pick order; the first order gets a wrong item first.
  await page.getByTestId('nav-pack').click();
  await page.getByTestId('packer-name').fill('Mei 王');
  await page.getByTestId('packer-name').press('Enter');
  const feedback = page.getByTestId('pack-feedback');
  const card = page.getByTestId('pack-order');
  for (const [n, order] of picked.entries()) {
    await scan(page, feedback, slipCode(order.id));
    await expect(card).toHaveAttribute('data-order-number', order.orderNumber);
    if (n === 0) {
      await scan(page, feedback, 'MUG-RED-XL');
      await expect(feedback).toHaveAttribute('data-tone', 'wrong');
      await expect(page.getByTestId('pack-message')).toHaveText(
        `“MUG-RED-XL” is not in order ${order.orderNumber}: put it back.`,
      );
      await expect(page.locator('[data-testid="pack-item"][data-state="done"]')).toHaveCount(0);
      await shot(page, 'shift-06-wrong-item');
    }
    for (const item of order.items) for (let k = 0; k < item.quantity; k++) await scan(page, feedback, item.sku);
    await expect(feedback).toHaveAttribute('data-tone', 'done');
    await expect(page.getByTestId('pack-done')).toContainText('Packed by Mei 王');
  }
  await shot(page, 'shift-07-packed');

  // The batch followed the packing; its parcels are handed to the carrier.
  await page.getByTestId('nav-batches').click();
  await expect(batchRow.getByTestId('batch-packed')).toHaveText('3 of 3 packed');
  await expect(batchRow.locator('[data-status]')).toHaveAttribute('data-status', 'packed');
  await batchRow.getByTestId('batch-ship').click();
  await expect(page.getByTestId('toast').last()).toContainText('3 orders marked shipped');
  await expect(batchRow.getByTestId('batch-ship')).toHaveCount(0);
  await shot(page, 'shift-08-shipped');
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('order-search').fill('');
  await expect(page.getByTestId('tab-count-shipped')).toHaveText('3');
  const shipped = await rpc<OrderDetail>(served, 'orders.get', { id: picked[0]!.id });
  expect(shipped.status).toBe('shipped');

  // A customer asks for another slip: one order's packing slip goes to the A4 printer from its detail.
  await page.getByTestId('tab-shipped').click();
  await orderRow(page, picked[0]!.orderNumber).click();
  await page.getByTestId('print-slip').click();
  await expect(page.getByTestId('toast').last()).toContainText('Packing slip sent to Office A4.');
  await shot(page, 'shift-09-slip-reprint');
});
