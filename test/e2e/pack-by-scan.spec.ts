/**
 * Packing by scan in Chromium against `serve`: sample orders, labels, a batch, then the Pack
 * screen driven by typed scans (fast keystrokes ending in Enter, nothing clicked first), a wrong
 * and an extra item answered in red, words and the buzz, an item scanned by its EAN, a hand
 * count, every order packed, the batch closed and shipped, all with the shop unreachable.
 */
import type { Page } from '@playwright/test';
import type { OrderDetail, OrderRow, OutboxJobView } from '../../src/shared/dto';
import { expect, test, type Served } from './serve-fixture';
import { rpc, scan, shot, slipCode, trainingShop } from './shift-helpers';

/**
 * Chromium here has no sound device; the page gets an AudioContext that records the wave of each
 * oscillator started (scanner/beep.ts: one sine blip for right, two square tones for the buzz).
 */
async function recordSounds(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const started: string[] = [];
    Object.assign(window, { packdeskTones: started });
    class Param {
      value = 0;
      setValueAtTime() {
        return this;
      }
      exponentialRampToValueAtTime() {
        return this;
      }
    }
    class Node {
      connect<T>(next: T): T {
        return next;
      }
    }
    class Oscillator extends Node {
      type = 'sine';
      frequency = new Param();
      start() {
        started.push(this.type);
      }
      stop() {}
    }
    class Gain extends Node {
      gain = new Param();
    }
    class FakeAudioContext {
      currentTime = 0;
      destination = new Node();
      resume() {
        return Promise.resolve();
      }
      createOscillator() {
        return new Oscillator();
      }
      createGain() {
        return new Gain();
      }
    }
    Object.defineProperty(window, 'AudioContext', { value: FakeAudioContext, configurable: true });
  });
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  // What was heard since the last call.
  return () => page.evaluate(() => (window as unknown as { packdeskTones: string[] }).packdeskTones.splice(0));
}

/** Every outbox job, whatever its state. */
async function outboxJobs(served: Served): Promise<number> {
  let count = 0;
  for (const filter of ['open', 'done', 'cancelled'] as const) {
    count += (await rpc<OutboxJobView[]>(served, 'outbox.list', { filter, offset: 0, limit: 500 })).length;
  }
  return count;
}

test('pack a batch by scanning: right, wrong and hand-counted items, packed, closed, shipped', async ({
  app: page,
  served,
}) => {
  const sounds = await recordSounds(page);
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

  // The internet drops: packing and shipping need no server and queue nothing for one.
  const jobsBefore = await outboxJobs(served);
  await trainingShop(served, '503');

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

  // A wrong item: red, a message in words, nothing counted, the buzz.
  await scan(page, feedback, 'NOT-IN-ORDER-9');
  await expect(feedback).toHaveAttribute('data-tone', 'wrong');
  await expect(page.getByTestId('pack-message')).toHaveText(
    `“NOT-IN-ORDER-9” is not in order ${first.orderNumber}: put it back.`,
  );
  await expect(page.locator('[data-testid="pack-item"][data-state="done"]')).toHaveCount(0);
  expect(await sounds()).toEqual(['square', 'square']);
  await shot(page, 'pack-02-wrong-item');

  // The product's own barcode (the shop's GTIN field) counts its item: green, a short blip.
  const single = first.items.find((i) => i.quantity === 1)!;
  const singleRow = page.locator(`[data-testid="pack-item"][data-sku="${single.sku}"]`);
  const ean = await singleRow.getByTestId('pack-item-ean').getAttribute('data-ean');
  expect(ean).toMatch(/^\d{13}$/);
  await scan(page, feedback, ean!);
  await expect(feedback).toHaveAttribute('data-tone', 'right');
  await expect(singleRow).toHaveAttribute('data-packed', '1');
  expect(await sounds()).toEqual(['sine']);
  await shot(page, 'pack-03-right-item');

  // The same product again is one too many: red, words, the buzz, still one counted.
  await scan(page, feedback, ean!);
  await expect(feedback).toHaveAttribute('data-tone', 'extra');
  await expect(page.getByTestId('pack-message')).toHaveText(
    `The ${single.sku} is already in the parcel: take this one out.`,
  );
  await expect(singleRow).toHaveAttribute('data-packed', '1');
  expect(await sounds()).toEqual(['square', 'square']);

  for (const item of first.items) {
    for (let n = item === single ? 1 : 0; n < item.quantity; n++) await scan(page, feedback, item.sku.toLowerCase());
  }
  // Each right scan blipped (one sine), the last rang the packed chime (two); no buzz among them.
  const scansLeft = first.items.reduce((sum, i) => sum + i.quantity, 0) - 1;
  expect(await sounds()).toEqual(Array<string>(scansLeft + 1).fill('sine'));
  await expect(feedback).toHaveAttribute('data-tone', 'done');
  await expect(page.getByTestId('pack-done')).toContainText('Packed by Mei 王');
  await expect(card.getByTestId('pack-item')).toHaveCount(first.items.length);
  await expect(page.locator('[data-testid="pack-item"]:not([data-state="done"])')).toHaveCount(0);
  await shot(page, 'pack-04-packed');

  // An item scanned after its order is packed asks for the next slip, in red.
  await scan(page, feedback, single.sku);
  await expect(feedback).toHaveAttribute('data-tone', 'error');
  expect(await sounds()).toEqual(['square', 'square']);

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
  expect(await outboxJobs(served)).toBe(jobsBefore);
  await trainingShop(served, null);

  // The station in Simplified Chinese: a shipped order's slip says so.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await page.getByTestId('nav-pack').click();
  await expect(page.getByTestId('nav-pack')).toContainText('打包');
  await scan(page, feedback, slipCode(first.id));
  await expect(page.getByTestId('pack-order')).toHaveAttribute('data-order-number', first.orderNumber);
  await expect(feedback).toContainText(`订单 ${first.orderNumber} 已发货`);
  await shot(page, 'pack-06-zh');
});
