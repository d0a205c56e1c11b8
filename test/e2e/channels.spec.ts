/**
 * The shift lead connects a real (simulated) WooCommerce shop from the first-start screen, gets
 * the key wrong, reads why, fixes only the secret, pulls, and reads on the card why the next pull
 * failed when the shop falls over, and why an order it sent was left out: Chromium against `serve`, the
 * shop simulator on its own loopback port. A Telegram shop joins it: every queue row names its
 * store and channel, and the queue (rows and tab counts) filters down to one store. Then a seed 001
 * storefront whose details come from Shopify through its proxy, with a mistyped token first.
 */
import type { Page } from '@playwright/test';
import {
  sampleStorefrontOrders,
  SANDBOX_SHOP_DOMAIN as SF_DOMAIN,
  SANDBOX_SHOPIFY_TOKEN as SF_TOKEN,
} from '../../sim/storefront/sample-orders';
import { startStorefrontSim } from '../../sim/storefront/server';
import { SANDBOX_ADMIN_TOKEN, sampleTgOrders } from '../../sim/tgshop/sample-orders';
import { startTgShopSim } from '../../sim/tgshop/server';
import { sampleWooOrders } from '../../sim/woocommerce/sample-orders';
import { startWooSim } from '../../sim/woocommerce/server';
import { expect, test } from './serve-fixture';

const KEY = 'ck_e2e_4f1c9a7b2d6e0f3a8c5b1d7e9f2a4c6b';
const SECRET = 'cs_e2e_8d2b5f1a7c3e9b0d4f6a2c8e1b5d7f9a';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });

test('connect a shop, fix its key, test and pull it', async ({ app: page, served }) => {
  const orders = sampleWooOrders({ count: 12 });
  const sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders });
  try {
    await page.getByTestId('connect-shop').click();
    const form = page.getByTestId('credential-form');
    await form.getByTestId('credential-save').click();
    await expect(page.getByTestId('credential-error')).toContainText('Give the shop a name');

    await form.getByTestId('field-displayName').fill('Müller Tees 穆勒');
    await form.getByTestId('field-externalId').fill('store_abc');
    await form.getByTestId('field-baseUrl').fill(sim.url);
    await form.getByTestId('field-apiKey').fill(KEY);
    await form.getByTestId('credential-save').click();
    await expect(page.getByTestId('credential-error')).toHaveText('Enter the consumer secret of the WooCommerce shop.');
    await form.getByTestId('field-apiSecret').fill('cs_typo');
    await form.getByTestId('field-autoPull').selectOption('15');
    await form.getByTestId('credential-save').click();

    const card = page.getByTestId('channel-card');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Müller Tees 穆勒');
    await expect(card.getByTestId('auto-pull')).toHaveText('Auto-pull every 15 min');
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toHaveText(
      'WooCommerce refused the consumer key: Invalid signature - provided signature does not match.',
    );
    await shot(page, 'channels-01-wrong-key');

    // Editing shows the secrets as saved, never their values, and keeps the key left blank.
    await card.getByTestId('channel-edit').click();
    await expect(form.getByTestId('field-apiKey')).toHaveValue('');
    await expect(form.getByTestId('field-apiKey')).toHaveAttribute('placeholder', '•••• saved');
    await form.getByTestId('field-apiSecret').fill(SECRET);
    await shot(page, 'channels-02-edit');
    await form.getByTestId('credential-save').click();
    await expect(form).toHaveCount(0);
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toHaveAttribute('data-outcome', 'ok');

    await card.getByTestId('channel-pull').click();
    await expect(card.getByTestId('last-pull')).toContainText(/Pulled \d+ orders/);
    await shot(page, 'channels-03-pulled');

    // The shop falls over (three 500s, every try the pull makes): the card says so in words.
    sim.misbehave.failNext(3, { status: 500 });
    await card.getByTestId('channel-pull').click();
    const lastPull = card.getByTestId('last-pull');
    await expect(lastPull).toHaveClass(/is-error/, { timeout: 15_000 });
    await expect(lastPull).toContainText(/^Last pull .+ failed/);
    await expect(lastPull.getByTestId('last-pull-error')).toHaveText(
      `The shop at ${sim.url} answered 500 three times; try again later.`,
    );
    await expect(lastPull.getByTestId('last-complete-pull')).toContainText(/^Last complete pull /);
    await shot(page, 'channels-03b-pull-failed');

    // The shop is back, but sends one changed order without its id: the card says why it is missing.
    const broken = sim.upsertOrder(orders.find((o) => o.status === 'processing')!);
    sim.misbehave.malformOrder(broken.id, { number: broken.number, status: 'processing' });
    await card.getByTestId('channel-pull').click();
    await expect(lastPull).not.toHaveClass(/is-error/);
    await expect(lastPull).toContainText('Pulled 1 orders: 0 new, 1 failed');
    const leftOut = card.getByTestId('left-out');
    await expect(leftOut).toContainText('1 order the shop sent could not be read and was left out:');
    await expect(leftOut.getByRole('listitem')).toHaveText([
      `The shop sent an order without a readable id (order number ${broken.number}).`,
    ]);
    await shot(page, 'channels-03c-left-out');

    const listed = (await served.rpc('credentials.list', {})).body;
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify(listed)).not.toContain(KEY);

    await card.getByTestId('channel-toggle').click();
    await expect(card).toHaveAttribute('data-active', 'false');
    await expect(card.getByTestId('channel-pull')).toBeDisabled();
  } finally {
    await sim.close();
  }
});

test('connect a storefront that takes details from Shopify, fix its token, test and pull it', async ({
  app: page,
  served,
}) => {
  const sim = await startStorefrontSim({
    orders: sampleStorefrontOrders({ count: 6 }),
    shopify: { shopDomain: SF_DOMAIN, accessToken: SF_TOKEN },
  });
  try {
    await page.getByTestId('connect-shop').click();
    const form = page.getByTestId('credential-form');
    await form.getByTestId('field-provider').selectOption('storefront');
    await form.getByTestId('field-displayName').fill('Running shoes flash sale');
    await form.getByTestId('field-externalId').fill('flash_sale');
    await form.getByTestId('field-baseUrl').fill(sim.url);
    await expect(form.getByTestId('field-apiKey')).toHaveAttribute('placeholder', 'Optional');
    await form.getByTestId('field-apiKey').fill('shpat_typo');
    await form.getByTestId('field-detailSource').selectOption('shopify');
    await form.getByTestId('field-shopifyDomain').fill(SF_DOMAIN);
    await form.getByTestId('field-shopifyShopId').fill('42');
    await shot(page, 'channels-04-storefront-form');
    await form.getByTestId('credential-save').click();

    const card = page.getByTestId('channel-card');
    await expect(card).toHaveCount(1);
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toContainText(
      "Shopify refused the access token through the shop's proxy (获取订单失败: [API] Invalid API key or access token",
    );
    await shot(page, 'channels-05-storefront-wrong-token');

    await card.getByTestId('channel-edit').click();
    await expect(form.getByTestId('field-detailSource')).toHaveValue('shopify');
    await form.getByTestId('field-apiKey').fill(SF_TOKEN);
    await form.getByTestId('credential-save').click();
    await expect(form).toHaveCount(0);
    await card.getByTestId('channel-test').click();
    await expect(card.getByTestId('test-result')).toHaveAttribute('data-outcome', 'ok');
    await card.getByTestId('channel-pull').click();
    await expect(card.getByTestId('last-pull')).toContainText('Pulled 6 orders');
    await shot(page, 'channels-06-storefront-pulled');

    const listed = (await served.rpc('credentials.list', {})).body;
    expect(JSON.stringify(listed)).not.toContain(SF_TOKEN);
    expect(JSON.stringify(listed)).toContain('"shopifyShopId":42');

    // The optional token is shown as saved, and can be removed; then the form says it is not there.
    await card.getByTestId('channel-edit').click();
    await expect(form.getByTestId('field-apiKey')).toHaveAttribute('placeholder', '•••• saved');
    await form.getByTestId('remove-apiKey').check();
    await expect(form.getByTestId('field-apiKey')).toBeDisabled();
    await shot(page, 'channels-07-storefront-remove-token');
    await form.getByTestId('credential-save').click();
    await expect(form).toHaveCount(0);
    await card.getByTestId('channel-edit').click();
    await expect(form.getByTestId('field-apiKey')).toHaveAttribute('placeholder', 'Optional');
    await expect(form.getByTestId('remove-apiKey')).toHaveCount(0);
  } finally {
    await sim.close();
  }
});

test('every queue row names its store and channel, and the queue filters by store', async ({ app: page }) => {
  const woo = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ count: 12 }) });
  const tea = await startTgShopSim({ adminToken: SANDBOX_ADMIN_TOKEN, orders: sampleTgOrders({ count: 5 }) });
  try {
    const form = page.getByTestId('credential-form');
    const connect = async (provider: string, name: string, id: string, url: string, secrets: [string, string][]) => {
      await form.getByTestId('field-provider').selectOption(provider);
      await form.getByTestId('field-displayName').fill(name);
      await form.getByTestId('field-externalId').fill(id);
      await form.getByTestId('field-baseUrl').fill(url);
      for (const [field, value] of secrets) await form.getByTestId(`field-${field}`).fill(value);
      await form.getByTestId('credential-save').click();
      await expect(form).toHaveCount(0);
      const card = page.getByTestId('channel-card').filter({ hasText: name });
      await card.getByTestId('channel-pull').click();
      await expect(card.getByTestId('last-pull')).toContainText(/Pulled \d+ orders/);
      return Number(/Pulled (\d+) orders/.exec(await card.getByTestId('last-pull').innerText())![1]);
    };
    await page.getByTestId('connect-shop').click();
    const wooCount = await connect('woocommerce', 'Müller Tees 穆勒', 'store_abc', woo.url, [
      ['apiKey', KEY],
      ['apiSecret', SECRET],
    ]);
    await page.getByTestId('channel-add').click();
    expect(await connect('tgshop', '港式茶饮', 'tea_hk', tea.url, [['apiKey', SANDBOX_ADMIN_TOKEN]])).toBe(5);

    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId('tab-count-all')).toHaveText(String(wooCount + 5));
    const shops = page.getByTestId('row-shop');
    await expect(shops.filter({ hasText: '港式茶饮' }).first()).toContainText('Telegram shop');
    await expect(shops.filter({ hasText: 'Müller Tees 穆勒' }).first()).toContainText('WooCommerce');

    await page.getByTestId('queue-source').selectOption({ label: '港式茶饮' });
    await expect(page.getByTestId('tab-count-all')).toHaveText('5');
    await expect(page.getByTestId('tab-count-new')).toHaveText('5');
    await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '5');
    await expect(shops).toHaveCount(5);
    for (const shop of await shops.all()) await expect(shop).toHaveAttribute('data-channel', 'tgshop');
    await shot(page, 'channels-07-queue-by-store');

    await page.getByTestId('queue-source').selectOption({ label: 'All shops' });
    await expect(page.getByTestId('tab-count-all')).toHaveText(String(wooCount + 5));
    await shot(page, 'channels-08-queue-all-shops');
  } finally {
    await woo.close();
    await tea.close();
  }
});
