/**
 * The shift lead connects the (simulated) iRCloud account with its four secrets, pulls, and the
 * packer audits two orders from the bulk bar: one is audited, the other belongs to a buyer who
 * pays before delivery and comes back with iRCloud's reason (code 525). Chromium against `serve`,
 * the iRCloud simulator on its own loopback port; the simulator counts one audit per order.
 */
import type { Page } from '@playwright/test';
import {
  PREPAY_BUYER_ID,
  SANDBOX_CLIENT_ID as CLIENT_ID,
  SANDBOX_CLIENT_SECRET as CLIENT_SECRET,
  SANDBOX_PASSWORD as PASSWORD,
  SANDBOX_USER as USER,
  sampleIrOrders,
} from '../../sim/ircloud/sample-orders';
import { startIrCloudSim, type IrCloudSim } from '../../sim/ircloud/server';
import { expect, test } from './serve-fixture';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });
const row = (page: Page, number: string) => page.locator(`[data-testid="order-row"][data-order-number="${number}"]`);

const orders = sampleIrOrders({ count: 6 });
let sim: IrCloudSim;
test.beforeEach(async () => {
  sim = await startIrCloudSim({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    userName: USER,
    password: PASSWORD,
    orders,
  });
});
test.afterEach(async () => {
  await sim.close();
});

test('audit iRCloud orders from the bulk bar and read why one was refused', async ({ app: page, served }) => {
  await page.getByTestId('connect-shop').click();
  const form = page.getByTestId('credential-form');
  await form.getByTestId('field-provider').selectOption('ircloud');
  await form.getByTestId('field-displayName').fill('南宁批发');
  await form.getByTestId('field-externalId').fill('nanning');
  await form.getByTestId('field-baseUrl').fill(sim.url);
  await form.getByTestId('field-apiKey').fill(CLIENT_ID);
  await form.getByTestId('field-apiSecret').fill(CLIENT_SECRET);
  await form.getByTestId('field-username').fill(USER);
  await form.getByTestId('credential-save').click();
  await expect(page.getByTestId('credential-error')).toHaveText('Enter the password of the iRCloud shop.');
  await form.getByTestId('field-password').fill('wrong-password');
  await form.getByTestId('credential-save').click();

  const card = page.getByTestId('channel-card');
  await card.getByTestId('channel-test').click();
  await expect(card.getByTestId('test-result')).toHaveText(
    'iRCloud refused the login (155 用户名或密码错误); check the user name and password.',
  );
  await card.getByTestId('channel-edit').click();
  await form.getByTestId('field-password').fill(PASSWORD);
  await form.getByTestId('credential-save').click();
  await card.getByTestId('channel-pull').click();
  await expect(card.getByTestId('last-pull')).toContainText(/Pulled 6 orders/);

  await page.getByTestId('nav-orders').click();
  const plain = orders[0]!;
  const prepay = orders.find((o) => o.buyer.id === PREPAY_BUYER_ID)!;
  await expect(row(page, plain.orderCode)).toContainText('Awaiting order audit');
  await row(page, plain.orderCode).getByTestId('row-select').check();
  await row(page, prepay.orderCode).getByTestId('row-select').check();
  await shot(page, 'ircloud-01-selected');
  await page.getByTestId('audit-ircloud').click();

  await expect(page.getByTestId('toast').filter({ hasText: '1 order audited at iRCloud' })).toBeVisible();
  await expect(
    page.getByTestId('toast').filter({ hasText: `${prepay.orderCode}: iRCloud will not audit this order yet` }),
  ).toContainText('先款后货');
  await expect(row(page, plain.orderCode)).toContainText('Audited');
  await shot(page, 'ircloud-02-audited');
  expect(sim.counts.audits.get(plain.id)).toBe(1);
  expect(sim.counts.audits.get(prepay.id)).toBe(1);

  const listed = JSON.stringify((await served.rpc('credentials.list', {})).body);
  for (const secret of [CLIENT_SECRET, PASSWORD]) expect(listed).not.toContain(secret);
});
