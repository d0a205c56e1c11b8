/**
 * Failed labels as the packer meets them in Chromium against `serve`: the result panel groups the
 * failures by reason in words, the addresses are put right, and "Retry all failed" makes the labels,
 * as a run with a progress bar (DHL's simulator holds its answer so the bar can be seen).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { startDhlSim } from '../../sim/dhl/server';
import { expect, test } from './serve-fixture';

const row = (page: Page, number: string) => page.locator(`[data-testid="order-row"][data-order-number="${number}"]`);

test('failures grouped by reason, fixed, then retried all at once', async ({ app: page, served }) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-new')).toHaveText('35');

  await page.getByTestId('tab-new').click();
  const rows = page.getByTestId('order-row');
  await expect(rows.nth(3)).toBeVisible();
  const numbers: string[] = [];
  for (let i = 0; i < 4; i++) numbers.push((await rows.nth(i).getAttribute('data-order-number'))!);

  // Three of them typed with postcodes no German parcel has: changed in the database `serve` uses.
  const db = new Database(join(served.dataDir, 'packdesk.sqlite'));
  const setPostcode = db.prepare("UPDATE orders SET ship_country = 'DE', ship_postcode = ? WHERE order_number = ?");
  setPostcode.run('1011', numbers[0]);
  setPostcode.run('1011', numbers[1]);
  setPostcode.run('999', numbers[2]);

  for (const number of numbers) await row(page, number).getByTestId('row-select').check();
  await page.getByTestId('generate-labels').click();

  const panel = page.getByTestId('label-result');
  await expect(panel).toHaveAttribute('data-failed', '3');
  await expect(panel).toHaveAttribute('data-created', '1');
  const groups = page.getByTestId('label-failure-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAttribute('data-count', '2');
  await expect(groups.nth(0)).toContainText('Postcode 1011 is not a German postcode: 5 digits expected');
  await expect(groups.nth(0)).toContainText('(2 orders)');
  await expect(groups.nth(1)).toContainText('Postcode 999 is not a German postcode: 5 digits expected');
  await expect(page.getByTestId('retry-failed')).toHaveText('Retry all 3 failed');
  await page.screenshot({ path: 'test-results/labels-failures-grouped.png' });

  // Two are put right in the shop; the retry makes theirs and fails the third again.
  for (const number of numbers.slice(0, 2)) setPostcode.run('10115', number);
  db.close();
  await page.getByTestId('retry-failed').click();
  await expect(panel).toHaveAttribute('data-failed', '1');
  await expect(panel).toHaveAttribute('data-created', '2');
  await page.screenshot({ path: 'test-results/labels-failures-retried.png' });

  // The packer corrects the third in its detail panel and tries its label again from there.
  await page.getByTestId('tab-label_failed').click();
  await row(page, numbers[2]!).click();
  await page.getByTestId('edit-address').click();
  await page.getByTestId('address-postcode').fill('10115');
  await page.getByTestId('address-save').click();
  await expect(page.getByTestId('detail-address')).toContainText('10115');
  await expect(page.getByTestId('detail-log')).toContainText('Address corrected: postcode "999" → "10115"');
  await page.screenshot({ path: 'test-results/labels-address-corrected.png' });
  await page.getByTestId('detail-generate-label').click();
  await expect(page.getByTestId('detail-tracking')).toBeVisible();
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('4');
  await expect(page.getByTestId('tab-count-label_failed')).toHaveText('0');
});

test('Retry all failed is a run: progress bar while DHL works, each again with DHL Paket', async ({
  app: page,
  served,
}) => {
  const sim = await startDhlSim({ apiKey: 'e2e-dhl-key', username: 'e2e-user', password: 'e2e-Passwort!' });
  try {
    await page.getByTestId('sample-orders').click();
    await expect(page.getByTestId('tab-count-new')).toHaveText('35');
    const added = await served.rpc('carriers.addDhl', {
      baseUrl: sim.url,
      apiKey: 'e2e-dhl-key',
      username: 'e2e-user',
      password: 'e2e-Passwort!',
      billingNumber: '33333333330102',
    });
    expect(added.status).toBe(200);
    // Every new order delivered in München, a postcode DHL refuses for now.
    const db = new Database(join(served.dataDir, 'packdesk.sqlite'));
    db.prepare(
      "UPDATE orders SET ship_country = 'DE', ship_postcode = '80331', ship_city = 'München', ship_state = '', ship_line1 = 'Müllerstraße 12' WHERE status = 'new'",
    ).run();
    sim.misbehave.rejectPostcode('80331');

    await page.getByTestId('tab-new').click();
    const rows = page.getByTestId('order-row');
    for (let i = 0; i < 4; i++) await rows.nth(i).getByTestId('row-select').check();
    await page.getByTestId('label-carrier').selectOption('dhl');
    await page.getByTestId('generate-labels').click();
    const panel = page.getByTestId('label-result');
    await expect(panel).toHaveAttribute('data-failed', '4');

    db.prepare("UPDATE orders SET ship_postcode = '80333' WHERE status = 'label_failed'").run();
    db.close();
    const release = sim.misbehave.holdAnswers();
    await page.getByTestId('retry-failed').click();
    const run = page.getByTestId('label-run');
    await expect(run.getByRole('progressbar')).toBeVisible();
    await expect(page.getByTestId('label-run-count')).toHaveText('Making labels: 0 of 4');
    await expect(page.getByTestId('label-run-cancel')).toBeEnabled();
    await expect(panel).toHaveCount(0);
    await page.screenshot({ path: 'test-results/labels-retry-run-progress.png' });
    release();

    await expect(panel).toHaveAttribute('data-created', '4');
    await expect(panel).toHaveAttribute('data-failed', '0');
    await expect(run).toHaveCount(0);
    await expect(page.getByTestId('tab-count-label_created')).toHaveText('4');
    expect(sim.shipments()).toHaveLength(4);
    expect(sim.shipments().every((s) => s.product === 'V01PAK')).toBe(true);
  } finally {
    await sim.close();
  }
});
