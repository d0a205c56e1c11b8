/**
 * The Printers screen in Chromium against `serve`, with a ZPL printer on 127.0.0.1 standing in
 * for the Zebra at the desk: add it, see its state in words, print a label from the order detail
 * (the printer receives the tracking number), a printer that is off keeps its job until it is
 * back, a printed job is reprinted and a waiting one cancelled, and with print-on-buy on a label
 * bought while the printer is out of labels prints by itself once they are in.
 */
import type { Page } from '@playwright/test';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { barcodeData } from '../support/zpl-decode';
import { expect, test } from './serve-fixture';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });

let printers: FakeZplPrinter[] = [];
test.afterEach(async () => {
  for (const p of printers) await p.switchOff();
  printers = [];
});

async function addPrinter(page: Page, name: string, target: string, isDefault: boolean) {
  await page.getByTestId('add-printer').click();
  await page.getByTestId('printer-name').fill(name);
  await page.getByTestId('printer-driver').selectOption('tcp');
  await page.getByTestId('printer-target').fill(target);
  await page.getByTestId('printer-media').selectOption('4x6');
  await page.getByTestId('printer-language').selectOption('zpl');
  await page.getByTestId('printer-default').setChecked(isDefault);
  await page.getByTestId('save-printer').click();
  await expect(page.getByTestId('add-printer-form')).toHaveCount(0);
}

test('printers: add the label printer, print from the order, a printer that is off keeps its job', async ({
  app: page,
}) => {
  const desk = await startZplPrinter();
  const spare = await startZplPrinter();
  printers.push(desk, spare);
  await spare.switchOff();

  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');

  await page.getByTestId('nav-printers').click();
  await expect(page.getByTestId('printers-empty')).toBeVisible();

  // A bad address is refused in words, and nothing is added.
  await page.getByTestId('add-printer').click();
  await page.getByTestId('printer-name').fill('Broken');
  await page.getByTestId('printer-target').fill('192.168.1.50:99999');
  await page.getByTestId('save-printer').click();
  await expect(page.getByTestId('add-printer-error')).toContainText('is not a printer address');
  await page.getByRole('button', { name: 'Close' }).click();

  await addPrinter(page, 'Zebra at desk 1', desk.target, true);
  const deskCard = page.getByTestId('printer-card').filter({ hasText: 'Zebra at desk 1' });
  await expect(deskCard.getByTestId('printer-state')).toHaveText('Ready');
  await addPrinter(page, 'Spare Zebra', spare.target, false);
  const spareCard = page.getByTestId('printer-card').filter({ hasText: 'Spare Zebra' });
  await expect(spareCard.getByTestId('printer-state')).toHaveText('Off or unreachable');
  await expect(spareCard.getByTestId('printer-message')).toHaveText(
    `The label printer at 127.0.0.1:${spare.port} did not answer — is it switched on?`,
  );

  // A label made and printed from the order detail reaches the printer at the desk.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-row').first().click();
  await page.getByTestId('detail-generate-label').click();
  const tracking = (await page.getByTestId('detail-tracking').textContent())!.trim();
  const received = desk.nextJob();
  await page.getByTestId('print-label').click();
  expect(barcodeData(await received)).toEqual([tracking]);
  await expect(page.getByTestId('print-state')).toHaveAttribute('data-job-state', 'printed');
  await expect(page.getByTestId('print-label')).toHaveText('Reprint label');
  await shot(page, 'printers-01-order-printed');

  // The spare printer is off: its test page waits, with the reason, until it is switched on.
  await page.getByTestId('nav-printers').click();
  await spareCard.getByRole('button', { name: 'Test page' }).click();
  const waiting = page.locator('[data-testid="print-job"][data-job-state="waiting"]');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('did not answer — is it switched on?');
  await expect(spareCard.getByTestId('printer-pending')).toHaveText('1 job waiting');
  await shot(page, 'printers-02-waiting');

  await spare.switchOn();
  const testPage = spare.nextJob();
  await waiting.getByTestId('job-retry').click();
  expect(await testPage).toContain('^BCN');
  await expect(page.locator('[data-testid="print-job"][data-job-state="waiting"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="print-job"][data-job-state="printed"]')).toHaveCount(2);
  await expect(spareCard.getByTestId('printer-state')).toHaveText('Ready');
  await shot(page, 'printers-03-back');
});

test('printers: reprint a printed job, cancel one that waits, and print each label as it is bought', async ({
  app: page,
}) => {
  const desk = await startZplPrinter();
  const spare = await startZplPrinter();
  printers.push(desk, spare);
  await spare.switchOff();

  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');
  await page.getByTestId('nav-printers').click();
  await addPrinter(page, 'Zebra at desk 1', desk.target, true);
  await addPrinter(page, 'Spare Zebra', spare.target, false);
  const deskCard = page.getByTestId('printer-card').filter({ hasText: 'Zebra at desk 1' });
  const spareCard = page.getByTestId('printer-card').filter({ hasText: 'Spare Zebra' });
  await expect(deskCard).toContainText('4x6 in label · ZPL');
  const jobs = page.getByTestId('print-job');

  // Reprint: a printed test page goes to the printer again, as a second job.
  const first = desk.nextJob();
  await deskCard.getByRole('button', { name: 'Test page' }).click();
  expect(await first).toContain('^BCN');
  const printed = page.locator('[data-testid="print-job"][data-job-state="printed"]');
  await expect(printed).toHaveCount(1);
  const second = desk.nextJob();
  await printed.getByTestId('job-reprint').click();
  expect(await second).toContain('^BCN');
  await expect(printed).toHaveCount(2);
  expect(desk.jobs).toHaveLength(2);

  // Cancel: the spare printer is off; its test page waits, and is cancelled before it is back.
  await spareCard.getByRole('button', { name: 'Test page' }).click();
  const waiting = page.locator('[data-testid="print-job"][data-job-state="waiting"]');
  await expect(waiting).toHaveCount(1);
  await expect(spareCard.getByTestId('printer-pending')).toHaveText('1 job waiting');
  await waiting.getByTestId('job-cancel').click();
  await expect(waiting).toHaveCount(0);
  const cancelled = page.locator('[data-testid="print-job"][data-job-state="cancelled"]');
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled.getByTestId('job-cancel')).toHaveCount(0);
  await expect(cancelled).not.toContainText('did not answer');
  await expect(spareCard.getByTestId('printer-pending')).toHaveCount(0);
  await shot(page, 'printers-04-cancelled');
  // Back on, the spare printer's next job is the first it gets: the cancelled one never prints.
  await spare.switchOn();
  const spareFirst = spare.nextJob();
  await spareCard.getByRole('button', { name: 'Test page' }).click();
  expect(await spareFirst).toContain('^BCN');
  await expect(jobs).toHaveCount(4);
  expect(spare.jobs).toHaveLength(1);

  // Print-on-buy while the desk printer is out of labels: the label waits, the card says why,
  // and it prints by itself, once, when labels are in.
  await page.getByTestId('auto-print').check();
  await expect(page.getByTestId('auto-print')).toBeChecked();
  desk.paperOut = true;
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-row').first().click();
  await page.getByTestId('detail-generate-label').click();
  const tracking = (await page.getByTestId('detail-tracking').textContent())!.trim();
  await expect(page.getByTestId('print-state')).toHaveAttribute('data-job-state', 'waiting');
  await expect(page.getByTestId('print-state')).toContainText('The printer is out of labels.');
  await shot(page, 'printers-05-bought-paper-out');
  await page.getByTestId('nav-printers').click();
  await expect(deskCard.getByTestId('printer-state')).toHaveText('Needs attention');
  await expect(deskCard.getByTestId('printer-message')).toHaveText('The printer is out of labels.');
  await expect(deskCard.getByTestId('printer-pending')).toHaveText('1 job waiting');
  const label = jobs.filter({ hasText: tracking });
  await expect(label).toHaveAttribute('data-job-state', 'waiting');
  await shot(page, 'printers-06-paper-out');

  const bought = desk.nextJob();
  desk.paperOut = false;
  expect(barcodeData(await bought)).toEqual([tracking]);
  await expect(label).toHaveAttribute('data-job-state', 'printed');
  await expect(deskCard.getByTestId('printer-state')).toHaveText('Ready');
  expect(desk.jobs).toHaveLength(3);
  await shot(page, 'printers-07-bought-printed');
});
