/**
 * The exceptions center's calls through the contract's handlers over a real database: failed
 * orders and their grouping by reason, hold and release back to where the order was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { importOrder } from '../../src/main/core/orders/order-import';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function withOrders() {
  const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
  cores.push(core);
  const shop = addShop(core.db);
  for (let n = 1; n <= 5; n++) {
    const order = makeOrder(n);
    if (n <= 3) order.shipping = { ...order.shipping, postcode: '' };
    if (n === 3) order.shipping = { ...order.shipping, city: '' };
    importOrder(core.db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, order, AT);
  }
  return core;
}

describe('exceptions center', () => {
  it('groups open errors by reason so one fix serves many, and drops them once resolved', async () => {
    const { api, db } = await withOrders();
    await api['labels.generate']({ orderIds: [1, 2, 3, 4], carrier: 'local' });
    expect(await api['orders.failureGroups']({})).toEqual([
      expect.objectContaining({
        step: 'label',
        errorType: 'address',
        message: 'Shipping address has no postcode',
        orderCount: 2,
        orderIds: [1, 2],
      }),
      expect.objectContaining({ message: 'Shipping address has no city, postcode', orderCount: 1, orderIds: [3] }),
    ]);
    const failed = await api['orders.failed']({ step: 'label', offset: 0, limit: 50 });
    expect(failed.total).toBe(3);
    expect(failed.rows.map((r) => r.externalId).sort()).toEqual(['1001', '1002', '1003']);

    // The fix a packer types: each country's own postcode format.
    db.$client
      .prepare("UPDATE orders SET ship_postcode = iif(ship_country = 'CN', '100020', '80331') WHERE id IN (1, 2)")
      .run();
    expect(await api['labels.generate']({ orderIds: [1, 2], carrier: 'local' })).toEqual({
      success: [1, 2],
      failed: [],
    });
    expect((await api['orders.failureGroups']({})).map((g) => g.orderCount)).toEqual([1]);
    expect((await api['orders.failed']({ offset: 0, limit: 50 })).total).toBe(1);
  });

  it('holds orders and releases them to exactly where they were, each order on its own', async () => {
    const { api } = await withOrders();
    await api['labels.generate']({ orderIds: [1, 4], carrier: 'local' });
    expect(await api['orders.hold']({ orderIds: [1, 4, 5, 99], reason: 'Customer called' })).toEqual({
      success: [1, 4, 5],
      failed: [{ order_id: 99, error: 'Order 99 does not exist.' }],
    });
    expect((await api['orders.counts']({})).on_hold).toBe(3);
    const released = await api['orders.release']({ orderIds: [1, 4, 2] });
    expect(released).toEqual({ success: [1, 4], failed: [{ order_id: 2, error: 'Order 1002 is not on hold.' }] });
    expect((await api['orders.get']({ id: 1 })).status).toBe('label_failed');
    expect((await api['orders.get']({ id: 4 })).status).toBe('label_created');
    const log = (await api['orders.get']({ id: 4 })).logs.slice(-2);
    expect(log).toEqual([
      expect.objectContaining({
        fromStatus: 'label_created',
        toStatus: 'on_hold',
        actor: 'hold',
        reason: 'Customer called',
      }),
      expect.objectContaining({ fromStatus: 'on_hold', toStatus: 'label_created', reason: 'Released' }),
    ]);
    expect((await api['orders.get']({ id: 5 })).status).toBe('on_hold');
  });
});
