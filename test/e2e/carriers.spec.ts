/**
 * The shift lead adds the DHL (or Sendcloud) account on the Channels screen (pointing at the
 * carrier's simulator, started here on a free port), tests it, and the packer buys its labels from
 * the bulk bar: the order then carries the carrier's tracking number, and the simulator counts
 * exactly one shipment for it; Track parcel reads the parcel's way from the carrier. Then a shop's default carrier, an order's own choice, and a bulk run
 * watched and cancelled.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startSendcloudSim } from '../../sim/sendcloud/server';
import { expect, test } from './serve-fixture';

const KEY = 'e2e-dhl-key';
const USER = 'e2e-user';
const PASSWORD = 'e2e-Passwort!';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });

let sim: DhlSim;
test.beforeEach(async () => {
  sim = await startDhlSim({ apiKey: KEY, username: USER, password: PASSWORD });
});
test.afterEach(async () => {
  await sim.close();
});

test('a DHL account added in the UI buys the labels chosen in the bulk bar', async ({ app: page }) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');
  // Without a DHL account, the bulk bar offers local delivery only.
  await page.getByTestId('row-select').first().check();
  await expect(page.getByTestId('label-carrier').locator('option')).toHaveText(['As set per order', 'Local delivery']);
  await page.getByRole('button', { name: 'Clear selection' }).click();

  await page.getByTestId('nav-channels').click();
  await expect(page.locator('[data-testid="carrier-card"][data-carrier="local"]')).toBeVisible();
  await page.getByTestId('dhl-add').click();
  await page.getByTestId('dhl-baseUrl').fill(sim.url);
  await page.getByTestId('dhl-apiKey').fill(KEY);
  await page.getByTestId('dhl-username').fill(USER);
  await page.getByTestId('dhl-password').fill(PASSWORD);
  // A billing number one digit short is refused in words, and nothing is saved.
  await page.getByTestId('dhl-billingNumber').fill('3333333333010');
  await page.getByTestId('dhl-save').click();
  await expect(page.getByTestId('dhl-error')).toContainText("has 13 digits; DHL's has 14");
  await expect(page.locator('[data-testid="carrier-card"][data-carrier="dhl"]')).toHaveCount(0);
  await page.getByTestId('dhl-billingNumber').fill('3333333333 01 02');
  await page.getByTestId('dhl-save').click();

  const card = page.locator('[data-testid="carrier-card"][data-carrier="dhl"]');
  await expect(card).toContainText('33333333330102');
  await card.getByTestId('carrier-test').click();
  await expect(card.getByTestId('carrier-test-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(card.getByTestId('carrier-test-result')).toContainText('Nothing was bought');
  // Editing shows the secrets as saved, never their values.
  await card.getByTestId('carrier-edit').click();
  await expect(page.getByTestId('dhl-password')).toHaveValue('');
  await expect(page.getByTestId('dhl-password')).toHaveAttribute('placeholder', '•••• saved');
  await shot(page, 'carriers-01-dhl-account');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The packer picks Jürgen Müller's new orders in München and buys DHL Paket labels for them.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-search').fill('Müller');
  // The sample shop has two new orders for him (the search applies once typing pauses).
  const total = 2;
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(total));
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('selected-count')).toContainText(String(total));
  await page.getByTestId('label-carrier').selectOption('dhl');
  await expect(page.getByTestId('label-service')).toHaveValue('V01PAK');
  await expect(page.getByTestId('label-service').locator('option')).toHaveCount(5);
  await shot(page, 'carriers-02-bulk-bar-dhl');
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('label-result-summary')).toContainText(String(total));
  await expect(page.getByTestId('label-failure')).toHaveCount(0);
  expect(sim.shipments()).toHaveLength(total);
  expect(sim.shipments().every((s) => s.product === 'V01PAK')).toBe(true);

  // Still searching for him: the list cannot change under the click (clearing the search would
  // swap it 150 ms later, possibly between Playwright finding the row and clicking it).
  await page.getByTestId('tab-label_created').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(total));
  await page.getByTestId('order-row').first().click();
  await expect(page.getByTestId('detail-label')).toContainText('DHL · V01PAK');
  const tracking = (await page.getByTestId('detail-tracking').innerText()).trim();
  expect(sim.shipments().map((s) => s.shipmentNo)).toContain(tracking);
  await page.getByTestId('detail-label').scrollIntoViewIfNeeded();
  await shot(page, 'carriers-03-dhl-label');

  // Where is the parcel? DHL's tracking, asked with the account's key beside its shipping API,
  // says announced (pre-transit); once DHL has scanned it on its way, delivered.
  await page.getByTestId('track-parcel').click();
  await expect(page.getByTestId('tracking-result')).toHaveAttribute('data-status', 'announced');
  await expect(page.getByTestId('tracking-status')).toHaveText('Announced');
  await expect(page.getByTestId('tracking-events').locator('li')).toHaveCount(1);
  sim.advanceTracking(tracking, {
    statusCode: 'transit',
    description: 'The shipment has been processed in the parcel center',
    city: 'Aschheim',
    at: new Date(Date.now() + 3 * 60 * 60_000),
  });
  sim.advanceTracking(tracking, {
    statusCode: 'delivered',
    description: 'The shipment has been successfully delivered',
    city: 'München',
    at: new Date(Date.now() + 20 * 60 * 60_000),
  });
  await page.getByTestId('track-parcel').click();
  await expect(page.getByTestId('tracking-status')).toHaveText('Delivered');
  await expect(page.getByTestId('tracking-result')).toContainText('The shipment has been successfully delivered');
  await expect(page.getByTestId('tracking-events').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('tracking-events').locator('li').first()).toContainText(
    'The shipment has been successfully delivered · München',
  );
  await expect(page.getByTestId('tracking-events').locator('li').nth(1)).toContainText(
    'The shipment has been processed in the parcel center · Aschheim',
  );
  await page.getByTestId('tracking-result').scrollIntoViewIfNeeded();
  await shot(page, 'carriers-03-dhl-tracking');

  // The choice stays for the session: back on the queue, DHL is still picked.
  await page.getByTestId('order-search').fill('');
  await page.getByTestId('tab-new').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '33');
  await page.getByTestId('row-select').first().check();
  await expect(page.getByTestId('label-carrier')).toHaveValue('dhl');
});

test("a shop's default carrier is used, a run shows its progress, and Cancel stops it before the next DHL call", async ({
  app: page,
  served,
}) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-new')).toHaveText('35');
  const added = await served.rpc('carriers.addDhl', {
    baseUrl: sim.url,
    apiKey: KEY,
    username: USER,
    password: PASSWORD,
    billingNumber: '33333333330102',
  });
  expect(added.status).toBe(200);

  // The shift lead sets the training shop's labels to DHL Paket on its card.
  await page.getByTestId('nav-channels').click();
  const card = page.getByTestId('channel-card').first();
  await card.getByTestId('channel-label-default').selectOption('dhl:V01PAK');
  await expect(page.getByText('labels now go with DHL Paket')).toBeVisible();
  await shot(page, 'carriers-04-channel-default');

  // The order detail says what a label made now goes with, and why; an order's own choice wins.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-row').first().click();
  const line = page.getByTestId('detail-label-choice');
  await expect(line).toHaveText('DHL Paket — shop default');
  await page.getByTestId('detail-label-choice-select').selectOption('local:standard');
  await expect(line).toHaveText('Local delivery — set on this order');
  await expect(line).toHaveAttribute('data-source', 'order');
  await page.getByTestId('detail-label-choice-select').selectOption('');
  await expect(line).toHaveText('DHL Paket — shop default');
  // The toasts said it already; out of the way for the picture.
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button').click();
  await page.getByTestId('detail-label-choice-box').scrollIntoViewIfNeeded();
  await shot(page, 'carriers-05-detail-choice');
  await page.keyboard.press('Escape');

  // Every new order delivered in München (changed in the database `serve` uses), so DHL takes
  // them all. All 35 go "as set per order", so with DHL Paket, 30 to a request; DHL holds its
  // answer to the first request until the packer has pressed Cancel, so that one is in flight.
  const db = new Database(join(served.dataDir, 'packdesk.sqlite'));
  db.prepare(
    "UPDATE orders SET ship_country = 'DE', ship_postcode = '80331', ship_city = 'München', ship_state = '', ship_line1 = 'Müllerstraße 12' WHERE status = 'new'",
  ).run();
  db.close();
  const release = sim.misbehave.holdAnswers();
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('selected-count')).toContainText('35');
  await expect(page.getByTestId('label-carrier')).toHaveValue('');
  await page.getByTestId('generate-labels').click();
  const run = page.getByTestId('label-run');
  await expect(run).toBeVisible();
  await expect(run.getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('label-run-count')).toHaveText('Making labels: 0 of 35');
  await expect(page.getByTestId('label-run-detail')).toHaveText('0 made · 0 failed');
  await shot(page, 'carriers-06-run-progress');
  await page.getByTestId('label-run-cancel').click();
  await expect(page.getByText('Stopping after the request already with the carrier')).toBeVisible();
  await expect(page.getByTestId('label-run-cancel')).toBeDisabled();
  release();

  const panel = page.getByTestId('label-result');
  await expect(panel).toBeVisible();
  await expect(run).toHaveCount(0);
  await expect(page.getByTestId('label-result-cancelled')).toHaveText(
    'Cancelled: 5 orders were not started and keep their status.',
  );
  await shot(page, 'carriers-07-run-cancelled');
  // At DHL: only the request that was already in flight, every label in it DHL Paket (the shop's default).
  expect(sim.requests.shipmentsPerPost).toEqual([30]);
  expect(sim.shipments()).toHaveLength(30);
  expect(sim.shipments().every((s) => s.product === 'V01PAK')).toBe(true);
  await expect(panel).toHaveAttribute('data-created', '30');
  await expect(panel).toHaveAttribute('data-failed', '0');
  // The five not started are still new, untouched.
  await expect(page.getByTestId('tab-count-new')).toHaveText('5');
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('30');
});

test('a Sendcloud account added in the UI is offered in the bulk bar with its shipping options', async ({
  app: page,
}) => {
  const sendcloud = await startSendcloudSim({ publicKey: 'e2e-public', secretKey: 'e2e-secret' });
  try {
    await page.getByTestId('sample-orders').click();
    await expect(page.getByTestId('tab-count-all')).toHaveText('38');
    await page.getByTestId('nav-channels').click();
    await page.getByTestId('sendcloud-add').click();
    await page.getByTestId('sendcloud-baseUrl').fill(sendcloud.url);
    await page.getByTestId('sendcloud-publicKey').fill('e2e-public');
    await page.getByTestId('sendcloud-secretKey').fill('e2e-secret');
    // A shipping option without its carrier is refused in words, and nothing is saved.
    await page.getByTestId('sendcloud-shippingOptions').fill('standard');
    await page.getByTestId('sendcloud-save').click();
    await expect(page.getByTestId('sendcloud-error')).toContainText('is not a Sendcloud shipping option code');
    await expect(page.locator('[data-testid="carrier-card"][data-carrier="sendcloud"]')).toHaveCount(0);
    await page.getByTestId('sendcloud-shippingOptions').fill('postnl:standard\ndhl:paket');
    await page.getByTestId('sendcloud-save').click();

    const card = page.locator('[data-testid="carrier-card"][data-carrier="sendcloud"]');
    await expect(card.getByTestId('sendcloud-summary')).toContainText('postnl:standard, dhl:paket');
    await expect(page.getByTestId('sendcloud-add')).toHaveCount(0);
    await card.getByTestId('carrier-test').click();
    await expect(card.getByTestId('carrier-test-result')).toHaveAttribute('data-outcome', 'ok');
    await shot(page, 'carriers-08-sendcloud-account');

    await page.getByTestId('nav-orders').click();
    await page.getByTestId('tab-new').click();
    await page.getByTestId('order-search').fill('Müller');
    await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '2');
    await page.getByTestId('select-all').check();
    await expect(page.getByTestId('label-carrier').locator('option')).toHaveText([
      'As set per order',
      'Local delivery',
      'Sendcloud',
    ]);
    await page.getByTestId('label-carrier').selectOption('sendcloud');
    await expect(page.getByTestId('label-service')).toHaveValue('postnl:standard');
    await page.getByTestId('label-service').selectOption('dhl:paket');
    await shot(page, 'carriers-09-bulk-bar-sendcloud');
    await page.getByTestId('generate-labels').click();
    await expect(page.getByTestId('label-result-summary')).toContainText('2');
    await expect(page.getByTestId('label-failure')).toHaveCount(0);
    expect(sendcloud.shipments().map((s) => s.shippingOption)).toEqual(['dhl:paket', 'dhl:paket']);

    // Where is the parcel? Sendcloud says announced; once the carrier scans it, delivered.
    await page.getByTestId('tab-label_created').click();
    await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '2');
    await page.getByTestId('order-row').first().click();
    await expect(page.getByTestId('detail-label')).toContainText('Sendcloud · dhl:paket');
    const tracking = (await page.getByTestId('detail-tracking').innerText()).trim();
    await page.getByTestId('track-parcel').click();
    await expect(page.getByTestId('tracking-result')).toHaveAttribute('data-status', 'announced');
    await expect(page.getByTestId('tracking-status')).toHaveText('Announced');
    sendcloud.advanceTracking(tracking, {
      phase: 'in_transit',
      description: 'The parcel has arrived at the sorting centre.',
      parentStatus: 'At sorting centre',
      city: 'Neuss',
      country: 'DE',
      at: new Date(Date.now() + 60 * 60_000),
    });
    sendcloud.advanceTracking(tracking, {
      phase: 'delivered',
      description: 'The parcel was delivered to the recipient.',
      parentStatus: 'Delivered',
      city: 'München',
      country: 'DE',
      at: new Date(Date.now() + 20 * 60 * 60_000),
    });
    await page.getByTestId('track-parcel').click();
    await expect(page.getByTestId('tracking-status')).toHaveText('Delivered');
    await expect(page.getByTestId('tracking-events').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('tracking-events').locator('li').first()).toContainText(
      'The parcel was delivered to the recipient. · München, DE',
    );
    await page.getByTestId('tracking-result').scrollIntoViewIfNeeded();
    await shot(page, 'carriers-10-sendcloud-tracking');
  } finally {
    await sendcloud.close();
  }
});
