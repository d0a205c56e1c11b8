/**
 * A packer's first shift in Chromium against `serve`: sample orders, the queue, an order with
 * missing data, labels, a batch and its ZIP opened and read back.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { expect, test } from './serve-fixture';
import { orderRow as row, pdfText, shot } from './shift-helpers';

test('first shift: sample orders, labels, a batch and its ZIP', async ({ app: page }) => {
  await shot(page, '01-first-start');
  await page.getByTestId('sample-orders').click();

  // 40 orders in the shop: 38 pulled (one completed, one cancelled are not ours to ship), 3 of them
  // missing what shipping needs.
  await expect(page.getByTestId('pull-summary')).toContainText('38');
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');
  await expect(page.getByTestId('tab-count-new')).toHaveText('35');
  await expect(page.getByTestId('tab-count-exception')).toHaveText('3');
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await shot(page, '02-queue');

  // The order without an address says so in words.
  await page.getByTestId('tab-exception').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  await row(page, '1016').click();
  await expect(page.getByTestId('detail-errors')).toContainText(/address/i);
  await expect(page.getByTestId('detail-log')).toBeVisible();
  await shot(page, '03-exception-detail');

  // Pulling again creates nothing new.
  await page.getByTestId('pull-now').click();
  await expect(page.getByTestId('toast')).toContainText('Up to date');
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');

  // Find 陈尧 by name and label all her new orders; a new search starts a new selection.
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-search').fill('陈尧');
  // The sample shop's recipients repeat: 陈尧 has three of its new orders.
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  for (const r of await page.getByTestId('order-row').all()) await expect(r).toContainText('陈尧');
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('selected-count')).toContainText('3');
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('label-result-summary')).toContainText('3');
  await expect(page.getByTestId('label-failure')).toHaveCount(0);
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');
  await shot(page, '04-labels-created');

  // Then one more from the full list.
  await page.getByTestId('order-search').fill('');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '32');
  await row(page, '1039').getByTestId('row-select').check();
  await expect(page.getByTestId('selected-count')).toContainText('1');
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('4');

  await page.getByTestId('tab-label_created').click();
  await row(page, '1001').click();
  const tracking = (await page.getByTestId('detail-tracking').innerText()).trim();
  expect(tracking).toMatch(/^LP\d{9}DE$/);
  await shot(page, '05-label-detail');

  // A batch of the four, downloaded and opened.
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('create-batch').click();
  await expect(page.getByTestId('batch-result')).toContainText('4');
  const batchRow = page.getByTestId('batch-row').first();
  await expect(batchRow).toHaveAttribute('data-batch-id', /^BATCH_woocommerce_\d{8}_001$/);
  await shot(page, '06-batches');
  const [download] = await Promise.all([page.waitForEvent('download'), batchRow.getByTestId('download-batch').click()]);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  expect(Object.keys(zip.files).sort()).toEqual([
    'labels.pdf',
    'labels.zpl',
    'manifest.csv',
    'packing_slips.pdf',
    'picklist.pdf',
  ]);
  const labels = pdfText(await zip.file('labels.pdf')!.async('uint8array'));
  expect(labels).toContain(tracking);
  expect(labels).toContain('陈尧');
  expect(labels).toContain('Łukasz Wójcik');
  const manifest = await zip.file('manifest.csv')!.async('uint8array');
  expect([...manifest.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder().decode(manifest)).toContain(tracking);

  // The batched orders left the label tab.
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('tab-count-batched')).toHaveText('4');

  // The same screen in Simplified Chinese.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByTestId('tab-new')).toContainText('新');
  await shot(page, '07-queue-zh');
});

test('a wrong token gets the token screen and a 401; a bad request is refused in words', async ({ page, served }) => {
  await page.goto(served.url.replace(/#token=.*/, '#token=wrong'));
  await expect(page.getByTestId('access-token-needed')).toBeVisible();
  await shot(page, '08-token-needed');

  expect((await served.rpc('orders.counts', {}, 'wrong')).status).toBe(401);
  const bad = await served.rpc('labels.generate', { orderIds: [], carrier: 'local' });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({
    ok: false,
    error: { code: 'bad_request', message: expect.stringMatching(/Select at least one order/) },
  });
  const counts = await served.rpc('orders.counts', {});
  expect(counts.status).toBe(200);
});
