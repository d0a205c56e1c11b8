/**
 * The shift lead adds the DHL (or Sendcloud) account on the Channels screen (pointing at the
 * carrier's simulator, started here on a free port), tests it, and the packer buys its labels from
 * the bulk bar: the order then carries the carrier's tracking number, and the simulator counts
 * exactly one shipment for it.
 */
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
  await expect(page.getByTestId('label-carrier').locator('option')).toHaveText(['Local delivery']);
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

  await page.getByTestId('order-search').fill('');
  await page.getByTestId('tab-label_created').click();
  await page.getByTestId('order-row').first().click();
  await expect(page.getByTestId('detail-label')).toContainText('DHL · V01PAK');
  const tracking = (await page.getByTestId('detail-tracking').innerText()).trim();
  expect(sim.shipments().map((s) => s.shipmentNo)).toContain(tracking);
  await page.getByTestId('detail-label').scrollIntoViewIfNeeded();
  await shot(page, 'carriers-03-dhl-label');

  // The choice stays for the session: back on the queue, DHL is still picked.
  await page.getByTestId('tab-new').click();
  await page.getByTestId('row-select').first().check();
  await expect(page.getByTestId('label-carrier')).toHaveValue('dhl');
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
    await shot(page, 'carriers-04-sendcloud-account');

    await page.getByTestId('nav-orders').click();
    await page.getByTestId('tab-new').click();
    await page.getByTestId('order-search').fill('Müller');
    await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '2');
    await page.getByTestId('select-all').check();
    await expect(page.getByTestId('label-carrier').locator('option')).toHaveText(['Local delivery', 'Sendcloud']);
    await page.getByTestId('label-carrier').selectOption('sendcloud');
    await expect(page.getByTestId('label-service')).toHaveValue('postnl:standard');
    await page.getByTestId('label-service').selectOption('dhl:paket');
    await shot(page, 'carriers-05-bulk-bar-sendcloud');
    await page.getByTestId('generate-labels').click();
    await expect(page.getByTestId('label-result-summary')).toContainText('2');
    await expect(page.getByTestId('label-failure')).toHaveCount(0);
    expect(sendcloud.shipments().map((s) => s.shippingOption)).toEqual(['dhl:paket', 'dhl:paket']);
  } finally {
    await sendcloud.close();
  }
});
