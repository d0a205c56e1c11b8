/**
 * Tracking sync while the training shop is down, in Chromium against `serve`: the sync waits in
 * the outbox, the shell says "Offline: 3 actions waiting", the outbox screen lists each job with
 * its order, tries, the shop's answer in words and the next try; one is cancelled and leaves the
 * list; the shop comes back, "Retry now", and the other orders are synced with the shop holding
 * each tracking number once.
 */
import type { OrderRow } from '../../src/shared/dto';
import { expect, test } from './serve-fixture';
import { rpc, shot, trainingShop } from './shift-helpers';

test('tracking sync waits while the shop is down, then drains once it is back', async ({ app: page, served }) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-new')).toHaveText('35');

  // Labels for three orders.
  await page.getByTestId('tab-new').click();
  const rows = page.getByTestId('order-row');
  for (let i = 0; i < 3; i++) await rows.nth(i).getByTestId('row-select').check();
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');

  // The shop goes down; their tracking is asked for anyway.
  await trainingShop(served, '503');
  await page.getByTestId('tab-label_created').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  await page.getByTestId('select-all').check();
  await page.getByTestId('sync-tracking').click();
  await expect(page.getByTestId('toast').first()).toContainText('Tracking of 3 orders queued');

  await expect(page.getByTestId('offline-banner-text')).toHaveText('Offline: 3 actions waiting', { timeout: 15_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('Training shop cannot be reached');
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');
  await shot(page, 'outbox-01-offline-banner');

  await page.getByTestId('nav-outbox').click();
  const jobRows = page.getByTestId('outbox-row');
  await expect(jobRows).toHaveCount(3);
  await expect(page.getByTestId('outbox-outage')).toContainText('answered 503');
  // The row that was tried: its order, at least one try, the shop's answer, when it goes again.
  const tried = jobRows.filter({ has: page.getByTestId('outbox-error').filter({ hasText: 'answered 503' }) }).first();
  await expect(tried).toBeVisible();
  await expect(tried).toContainText('Send tracking to the shop');
  const labelled = await rpc<OrderRow[]>(served, 'orders.list', { status: 'label_created', offset: 0, limit: 10 });
  const numbers = labelled.map((o) => o.orderNumber);
  const triedNumber = (await tried.getAttribute('data-order-number'))!;
  expect(numbers).toContain(triedNumber);
  await expect(tried.getByRole('button', { name: triedNumber, exact: true })).toBeVisible();
  expect(Number(await tried.getByTestId('outbox-attempts').textContent())).toBeGreaterThanOrEqual(1);
  await expect(tried.getByTestId('outbox-next-try')).toHaveText(/^(now|in \d+ (seconds?|minutes?))$/);
  await shot(page, 'outbox-02-review');

  // The exceptions center groups the sync failures so far (while the shop is down the outbox
  // probes it with one job at a time, so one to three were tried); "Retry sync" asks again.
  await page.getByTestId('nav-exceptions').click();
  await page.getByTestId('filter-step').selectOption('sync');
  const unreachable = page.locator('[data-testid="reason-group"][data-step="sync"]');
  await expect(unreachable).toContainText('answered 503');
  await expect(page.getByTestId('failed-order').first()).toContainText('Tracking sync');
  await unreachable.getByTestId('select-group').click();
  await page.getByTestId('bulk-retry-sync').click();
  await expect(page.getByTestId('toast').last()).toContainText(
    /Tracking of [1-3] orders? queued for (its|their) shops? again/,
  );
  await shot(page, 'outbox-02b-exceptions-retry-sync');

  // One order is not to be synced after all: Cancel, confirmed, takes it off the open list.
  await page.getByTestId('nav-outbox').click();
  await expect(jobRows).toHaveCount(3);
  const cancelled = jobRows.last();
  const cancelledNumber = (await cancelled.getAttribute('data-order-number'))!;
  expect(numbers).toContain(cancelledNumber);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toBe('Cancel “Send tracking to the shop”? Nothing more will be sent for it.');
    void dialog.accept();
  });
  await cancelled.getByTestId('outbox-cancel').click();
  await expect(jobRows).toHaveCount(2);
  await expect(page.locator(`[data-testid="outbox-row"][data-order-number="${cancelledNumber}"]`)).toHaveCount(0);
  await expect(page.getByTestId('toast').last()).toHaveText(
    `Cancelled: Send tracking to the shop (${cancelledNumber}). Nothing more will be sent for it.`,
  );
  await expect(page.getByTestId('offline-banner-text')).toHaveText('Offline: 2 actions waiting');
  await shot(page, 'outbox-02c-cancelled');

  // Back up; the packer does not wait for the next try.
  await trainingShop(served, null);
  await page.getByTestId('nav-outbox').click();
  await page.getByTestId('outbox-retry').first().click();
  await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
  await shot(page, 'outbox-03-drained');

  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('tab-count-synced')).toHaveText('2');
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('1');
  await page.getByTestId('tab-synced').click();
  await page.getByTestId('order-row').first().click();
  await expect(page.getByTestId('detail-log')).toContainText(/sent to Training shop by Shipment Tracking/);

  // Each tracking reached the shop exactly once, however often it was tried while the shop was
  // down; the cancelled one never.
  const calls = await trainingShop(served, null);
  const posts = Object.entries(calls).filter(([call]) => /^POST .*\/shipment-trackings$/.test(call));
  expect(posts.map(([, n]) => n)).toEqual([1, 1]);
  // The training shop numbers its orders by their ids.
  expect(posts.map(([call]) => call)).not.toContain(
    `POST /wp-json/wc-shipment-tracking/v3/orders/${cancelledNumber}/shipment-trackings`,
  );
  await shot(page, 'outbox-04-synced');
});
