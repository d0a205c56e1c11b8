/**
 * Packing by scan in Chromium against `serve`: sample orders, labels, a batch, then the Pack
 * screen driven by typed scans (fast keystrokes ending in Enter, nothing clicked first), a wrong
 * item answered in red and words, a hand count, every order packed, the batch closed and shipped.
 */
import type { OrderDetail, OrderRow } from '../../src/shared/dto';
import { expect, test } from './serve-fixture';
import { rpc, scan, shot, slipCode } from './shift-helpers';

test('pack a batch by scanning: right, wrong and hand-counted items, packed, closed, shipped', async ({
  app: page,
  served,
}) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');
  await page.getByTestId('tab-new').click();
  await page.getByTestId('order-search').fill('陈尧');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3');
  await page.getByTestId('select-all').check();
  await page.getByTestId('generate-labels').click();
  await expect(page.getByTestId('tab-count-label_created')).toHaveText('3');
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('create-batch').click();
  await expect(page.getByTestId('batch-result')).toContainText('3');

  const batched = await rpc<OrderRow[]>(served, 'orders.list', { status: 'batched', offset: 0, limit: 10 });
  const orders = await Promise.all(batched.map((o) => rpc<OrderDetail>(served, 'orders.get', { id: o.id })));
  expect(orders).toHaveLength(3);
  const [first, second, third] = orders as [OrderDetail, OrderDetail, OrderDetail];

  await page.getByTestId('nav-pack').click();
  const feedback = page.getByTestId('pack-feedback');
  await page.getByTestId('packer-name').fill('Mei 王');
  await page.getByTestId('packer-name').press('Enter');
  await shot(page, 'pack-01-waiting');

  // The slip's barcode opens the first order; nothing was clicked to take the scan.
  await scan(page, feedback, slipCode(first.id));
  const card = page.getByTestId('pack-order');
  await expect(card).toHaveAttribute('data-order-number', first.orderNumber);
  await expect(page.getByTestId('pack-item')).toHaveCount(first.items.length);
  for (const item of first.items) await expect(card).toContainText(item.name);

  // A wrong item: red, a message in words, nothing counted.
  await scan(page, feedback, 'NOT-IN-ORDER-9');
  await expect(feedback).toHaveAttribute('data-tone', 'wrong');
  await expect(page.getByTestId('pack-message')).toHaveText(
    `“NOT-IN-ORDER-9” is not in order ${first.orderNumber}: put it back.`,
  );
  await expect(page.locator('[data-testid="pack-item"][data-state="done"]')).toHaveCount(0);
  await shot(page, 'pack-02-wrong-item');

  const firstItem = first.items[0]!;
  await scan(page, feedback, firstItem.sku);
  await expect(feedback).toHaveAttribute(
    'data-tone',
    first.items.length === 1 && firstItem.quantity === 1 ? 'done' : 'right',
  );
  await expect(page.locator(`[data-testid="pack-item"][data-sku="${firstItem.sku}"]`)).toHaveAttribute(
    'data-packed',
    '1',
  );
  await shot(page, 'pack-03-right-item');
  for (const [i, item] of first.items.entries()) {
    for (let n = i === 0 ? 1 : 0; n < item.quantity; n++) await scan(page, feedback, item.sku.toLowerCase());
  }
  await expect(feedback).toHaveAttribute('data-tone', 'done');
  await expect(page.getByTestId('pack-done')).toContainText('Packed by Mei 王');
  await expect(card.getByTestId('pack-item')).toHaveCount(first.items.length);
  await expect(page.locator('[data-testid="pack-item"]:not([data-state="done"])')).toHaveCount(0);
  await shot(page, 'pack-04-packed');

  // An item scanned after its order is packed asks for the next slip, in red.
  await scan(page, feedback, firstItem.sku);
  await expect(feedback).toHaveAttribute('data-tone', 'error');

  // The label's tracking number opens the second order; one item's barcode will not read.
  await scan(page, feedback, second.trackingNumber!);
  await expect(card).toHaveAttribute('data-order-number', second.orderNumber);
  const [handItem, ...rest] = second.items as [OrderDetail['items'][number], ...OrderDetail['items']];
  const handRow = page.locator(`[data-testid="pack-item"][data-sku="${handItem.sku}"]`);
  await handRow.getByTestId('hand-count-open').click();
  await handRow.getByTestId('hand-reason').fill('barcode torn');
  await handRow.getByTestId('hand-submit').click();
  await expect(handRow).toHaveAttribute('data-state', 'done');
  await expect(handRow).toContainText('counted by hand');
  for (const item of rest) for (let n = 0; n < item.quantity; n++) await scan(page, feedback, item.sku);
  await expect(page.getByTestId('pack-done')).toBeVisible();

  // A person types the third order's number into the code box.
  await page.getByTestId('pack-typed-code').fill(third.orderNumber);
  await page.getByTestId('pack-typed-code').press('Enter');
  await expect(card).toHaveAttribute('data-order-number', third.orderNumber);
  await page.getByTestId('pack-typed-code').blur();
  for (const item of third.items) for (let n = 0; n < item.quantity; n++) await scan(page, feedback, item.sku);
  await expect(page.getByTestId('pack-done')).toBeVisible();

  const log = (await rpc<OrderDetail>(served, 'orders.get', { id: first.id })).logs.at(-1);
  expect(log).toMatchObject({
    fromStatus: 'batched',
    toStatus: 'packed',
    actor: 'Mei 王',
    reason: 'all items scanned',
  });

  // The batch followed the packing; the shift lead closes it and hands it to the carrier.
  await page.getByTestId('nav-batches').click();
  const row = page.getByTestId('batch-row').first();
  await expect(row.getByTestId('batch-packed')).toHaveText('3 of 3 packed');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'packed');
  await row.getByTestId('batch-close').click();
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'closed');
  await row.getByTestId('batch-ship').click();
  await expect(page.getByTestId('toast')).toContainText('3 orders marked shipped');
  await expect(row.getByTestId('batch-ship')).toHaveCount(0);
  await shot(page, 'pack-05-batch-closed');
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('order-search').fill('');
  await expect(page.getByTestId('tab-count-shipped')).toHaveText('3');

  // The station in Simplified Chinese: a shipped order's slip says so.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await page.getByTestId('nav-pack').click();
  await expect(page.getByTestId('nav-pack')).toContainText('打包');
  await scan(page, feedback, slipCode(first.id));
  await expect(page.getByTestId('pack-order')).toHaveAttribute('data-order-number', first.orderNumber);
  await expect(feedback).toContainText(`订单 ${first.orderNumber} 已发货`);
  await shot(page, 'pack-06-zh');
});
