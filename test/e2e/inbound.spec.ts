/**
 * The shift lead connects the purchasing server (seed 004 simulator on its own loopback port)
 * from the first-start screen, tests it, pulls purchase orders into the Inbound queue, filters and
 * searches, opens one with its inventory items, changes its delivery status (sent once through
 * the outbox), and finds the one another worker holds refused with the worker's name.
 */
import type { Page } from '@playwright/test';
import { samplePurchaseOrders } from '../../sim/purchasing/sample-orders';
import { startPurchasingSim } from '../../sim/purchasing/server';
import { expect, test } from './serve-fixture';

const TOKEN = 'batch-stats-e2e-7d2b5f1a';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });

test('inbound purchase orders: connect, pull, open, change the delivery status, a locked one refused', async ({
  app: page,
}) => {
  const sim = await startPurchasingSim({ token: TOKEN, orders: samplePurchaseOrders({ count: 30 }) });
  try {
    sim.lock(2, 'worker-osaka-2');
    await page.getByTestId('connect-shop').click();
    const form = page.getByTestId('credential-form');
    await form.getByTestId('field-provider').selectOption('purchasing');
    await form.getByTestId('field-displayName').fill('采购 Warehouse');
    await form.getByTestId('field-externalId').fill('warehouse');
    await form.getByTestId('field-baseUrl').fill(sim.url);
    await form.getByTestId('field-apiKey').fill('wrong-token');
    await form.getByTestId('credential-save').click();

    const card = page.getByTestId('channel-card');
    await expect(card).toHaveCount(1);
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toHaveText(
      'The purchasing server refused the token (Invalid token); enter its BATCH_STATS_API_TOKEN as the API token.',
    );
    await card.getByTestId('channel-edit').click();
    await form.getByTestId('field-apiKey').fill(TOKEN);
    await form.getByTestId('credential-save').click();
    await expect(form).toHaveCount(0);
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toHaveAttribute('data-outcome', 'ok');

    await page.getByTestId('nav-inbound').click();
    await expect(page.getByTestId('inbound-empty')).toBeVisible();
    await page.getByTestId('inbound-pull').click();
    const rows = page.getByTestId('inbound-row');
    await expect(rows).toHaveCount(30);
    await expect(page.getByTestId('inbound-count')).toHaveText('1–30 of 30');

    // Filters and the seed's search.
    await page.getByTestId('inbound-status-filter').selectOption('shipped');
    await expect(rows).toHaveCount(8);
    await page.getByTestId('inbound-status-filter').selectOption('');
    await page.getByTestId('inbound-lock-filter').selectOption('locked');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId('lock-holder')).toHaveText('Held by worker-osaka-2');
    await page.getByTestId('inbound-lock-filter').selectOption('all');
    // One of the seed's field filters, chosen from the values the pulled orders have.
    const fieldFilter = page.getByTestId('inbound-field-filter');
    await expect(fieldFilter.locator('optgroup')).toHaveCount(5);
    await fieldFilter.selectOption({ label: 'Payment: gift_card' });
    await expect(rows).toHaveCount(10);
    await expect(page.getByTestId('inbound-count')).toHaveText('1–10 of 10');
    await shot(page, 'inbound-00-field-filter');
    await fieldFilter.selectOption('');
    await expect(rows).toHaveCount(30);
    await page.getByTestId('inbound-search').fill('TRACK100006');
    await expect(rows).toHaveCount(1);

    // Open it (shipped), see its items, tell the server it is in delivery.
    await rows.first().click();
    const detail = page.getByTestId('inbound-detail');
    await expect(detail).toContainText('ORD20250100006');
    await expect(detail.getByTestId('inbound-item')).toHaveCount(3);
    await expect(detail.getByTestId('delivery-chip')).toHaveAttribute('data-status', 'shipped');
    await detail.getByTestId('delivery-select').selectOption('in_delivery');
    await detail.getByTestId('delivery-save').click();
    await expect(detail.getByTestId('delivery-chip')).toHaveAttribute('data-status', 'in_delivery');
    await expect(detail.getByTestId('delivery-pending')).toHaveCount(0);
    expect(sim.calls.patch).toBe(1);
    expect(sim.order(6).delivery_status).toBe('in_delivery');
    await shot(page, 'inbound-01-changed');

    // The locked one: the control is off and says who holds it.
    await page.getByTestId('inbound-search').fill('ORD20250100002');
    await expect(rows).toHaveCount(1);
    await rows.first().click();
    await expect(detail).toContainText('ORD20250100002');
    await expect(detail.getByTestId('delivery-select')).toBeDisabled();
    await expect(detail.getByTestId('delivery-save')).toBeDisabled();
    await expect(detail.getByTestId('delivery-disabled-reason')).toHaveText(
      'worker-osaka-2 holds this order on the purchasing server; PackDesk will not change it until they let go.',
    );
    await shot(page, 'inbound-02-locked');
    expect(sim.calls.patchWhileLocked).toBe(0);

    // With the purchasing server down, a change waits in the outbox under its purchase order.
    sim.misbehave.failNext(1000, { status: 503 });
    await page.getByTestId('inbound-search').fill('TRACK100006');
    await rows.first().click();
    await expect(detail).toContainText('ORD20250100006');
    await detail.getByTestId('delivery-select').selectOption('delivered');
    await detail.getByTestId('delivery-save').click();
    await expect(detail.getByTestId('delivery-pending')).toBeVisible();
    await page.getByTestId('nav-outbox').click();
    const job = page.getByTestId('outbox-row');
    await expect(job).toHaveCount(1);
    await expect(job.getByTestId('outbox-purchase-order')).toHaveText('PO ORD20250100006');
    await shot(page, 'inbound-03-outbox-waiting');
  } finally {
    await sim.close();
  }
});
