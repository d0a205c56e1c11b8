/**
 * What a pull does to our orders, through the handlers the UI calls, a real database file and
 * the Shopify simulator: idempotent upserts, changes before and after a label, cancellations,
 * orders left out with their reasons kept, a cursor per store, and an interrupted pull that
 * resumes where it stopped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { startCore, type Core } from '../../src/main/core/core';
import type { Db } from '../../src/main/core/db/open';
import type { Handlers } from '../../src/shared/contract';
import type { CredentialView } from '../../src/shared/dto';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../../sim/shopify/sample-orders';
import { startShopifySim, type ShopifySim } from '../../sim/shopify/server';
import type { ShopifyOrder } from '../../sim/shopify/types';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let db: Db;
let api: Handlers;
const sims: ShopifySim[] = [];

let core: Core;

beforeEach(async () => {
  core = await startCore({
    dataDir: tempDir(),
    secretBox: testBox,
    version: 'test',
    channels: { shopify: createShopifyAdapter({ backoffMs: 1, timeoutMs: 2_000 }) },
  });
  db = core.db;
  api = core.api;
});
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  await core.close();
});

async function store(
  externalId: string,
  count: number,
): Promise<{ sim: ShopifySim; orders: ShopifyOrder[]; id: number }> {
  const orders = sampleShopifyOrders({ count, now: new Date(Date.now() - 60_000) });
  const sim = await startShopifySim({
    accessToken: TOKEN,
    orders,
    bucket: { maximumAvailable: 50_000, restoreRate: 10_000 },
  });
  sims.push(sim);
  const cred: CredentialView = await api['credentials.add']({
    providerCode: 'shopify',
    externalId,
    displayName: `Store ${externalId}`,
    baseUrl: sim.url,
    settings: {},
    apiKey: TOKEN,
    apiSecret: '',
  });
  return { sim, orders, id: cred.id };
}

const one = <T>(sql: string, ...params: unknown[]): T => db.$client.prepare(sql).get(...params) as T;
const orderId = (number: string): number =>
  one<{ id: number }>('SELECT id FROM orders WHERE order_number = ?', number).id;
const ordersWithoutItems = (): number =>
  one<{ n: number }>(
    'SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)',
  ).n;

describe('pulling', () => {
  it('creates nothing new when the same orders are pulled again', async () => {
    const { id } = await store('eu', 30);
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 30, new_orders: 30, failed: 0 });
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(30);
  });

  it('updates an order changed in the shop while it has no label', async () => {
    const { sim, orders, id } = await store('eu', 5);
    await api['orders.pull']({ credentialId: id });
    const moved = structuredClone(orders[1]!);
    moved.shippingAddress!.city = 'Augsburg';
    moved.shippingAddress!.zip = '86150';
    moved.lineItems.nodes[0]!.quantity = 3;
    sim.upsertOrder(moved);
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 1, new_orders: 0, failed: 0 });
    const detail = await api['orders.get']({ id: orderId('#1002') });
    expect(detail).toMatchObject({ status: 'new', shipping: { city: 'Augsburg', postcode: '86150' } });
    expect(detail.items[0]?.quantity).toBe(3);
  });

  it('stops a labelled order as an exception when the shop changes its items', async () => {
    const { sim, orders, id } = await store('eu', 5);
    await api['orders.pull']({ credentialId: id });
    const target = orderId('#1003');
    expect((await api['labels.generate']({ orderIds: [target], carrier: 'local' })).success).toEqual([target]);
    const changed = structuredClone(orders[2]!);
    changed.lineItems.nodes.push({ ...changed.lineItems.nodes[0]!, id: 'gid://shopify/LineItem/1', sku: 'EXTRA-1' });
    sim.upsertOrder(changed);
    await api['orders.pull']({ credentialId: id });
    const detail = await api['orders.get']({ id: target });
    expect(detail.status).toBe('exception');
    expect(detail.items.map((i) => i.sku)).not.toContain('EXTRA-1');
    expect(detail.errors.map((e) => e.errorType)).toEqual(['changed_after_label']);
    expect(detail.logs.at(-1)).toMatchObject({ fromStatus: 'label_created', toStatus: 'exception' });
  });

  it('cancels an order cancelled in the shop, and flags its bought label for voiding', async () => {
    const { sim, orders, id } = await store('eu', 5);
    await api['orders.pull']({ credentialId: id });
    const labelled = orderId('#1001');
    const plain = orderId('#1002');
    await api['labels.generate']({ orderIds: [labelled], carrier: 'local' });
    const at = new Date().toISOString();
    sim.upsertOrder({ ...orders[0]!, cancelledAt: at });
    sim.upsertOrder({ ...orders[1]!, cancelledAt: at });
    await api['orders.pull']({ credentialId: id });

    const a = await api['orders.get']({ id: labelled });
    expect(a).toMatchObject({ status: 'cancelled', channelStatus: 'CANCELLED' });
    expect(a.errors).toEqual([
      expect.objectContaining({
        step: 'label',
        errorType: 'void_label',
        message: expect.stringMatching(
          /^The shop cancelled this order after its local label \S+ was bought; PackDesk voids that label/,
        ),
      }),
    ]);
    expect(await api['orders.get']({ id: plain })).toMatchObject({ status: 'cancelled', errors: [] });
  });

  it('does not import an order first seen already cancelled', async () => {
    const { sim, orders, id } = await store('eu', 3);
    await api['orders.pull']({ credentialId: id });
    sim.upsertOrder({
      ...orders[2]!,
      id: 'gid://shopify/Order/7000001',
      name: '#7001',
      cancelledAt: new Date().toISOString(),
    });
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
  });

  it('records a malformed order as a pull error on that order and goes on', async () => {
    const { sim, id } = await store('eu', 6);
    sim.misbehave.malformOrder(5000002);
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 6, new_orders: 5, failed: 1 });
    const broken = one<{ id: number }>("SELECT id FROM orders WHERE external_id = '5000002'").id;
    expect((await api['orders.get']({ id: broken })).errors).toEqual([
      expect.objectContaining({
        step: 'pull',
        errorType: 'malformed_order',
        message: 'Order #1002 has unreadable items.',
      }),
    ]);
    const [listed] = await api['credentials.list']({});
    expect(listed?.lastPull?.leftOut).toEqual({ count: 0, reasons: [] });
  });

  it('keeps on the last pull the reasons of orders it could not keep, having no readable id', async () => {
    const { sim, id } = await store('eu', 10);
    for (const n of [3, 4, 5, 6, 7, 8]) sim.misbehave.malformOrder(5000000 + n, { name: `#${1000 + n}` });
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 10, new_orders: 4, failed: 6 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(4);
    const [listed] = await api['credentials.list']({});
    expect(listed?.lastPull).toMatchObject({
      error: null,
      leftOut: {
        count: 6,
        reasons: [3, 4, 5, 6, 7].map((n) => `The store sent an order without a readable id (#${1000 + n}).`),
      },
    });

    // The shop mends them: the next pull brings them and has none to leave out.
    for (const n of [3, 4, 5, 6, 7, 8]) sim.upsertOrder(sim.getOrder(5000000 + n)!);
    expect(await api['orders.pull']({ credentialId: id })).toMatchObject({ new_orders: 6, failed: 0 });
    expect((await api['credentials.list']({}))[0]?.lastPull?.leftOut).toEqual({ count: 0, reasons: [] });
  });
});

describe('an interrupted pull', () => {
  it('resumes from its last page, keeps each store’s cursor apart, and never leaves an order without items', async () => {
    const a = await store('eu', 40);
    const b = await store('us', 600);
    // Store B fails for good on its second page (three tries, all 500).
    b.sim.misbehave.failFrom(2, 3, { status: 500 });
    await expect(api['orders.pull']({})).rejects.toThrow(/answered 500 three times/);

    const listed = await api['credentials.list']({});
    const [ca, cb] = [listed.find((c) => c.id === a.id)!, listed.find((c) => c.id === b.id)!];
    expect(ca.lastPull).toMatchObject({ error: null, result: { pulled: 40, new_orders: 40 } });
    expect(ca.lastPulledAt).not.toBeNull();
    expect(cb.lastPull).toMatchObject({ error: expect.stringMatching(/500 three times/), result: { new_orders: 250 } });
    expect(cb.lastPulledAt).toBeNull();
    expect(one<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(290);
    expect(ordersWithoutItems()).toBe(0);

    // The next pull of B starts at page 2, not page 1; A asks only for changes and gets none.
    expect(await api['orders.pull']({ credentialId: b.id })).toEqual({ pulled: 350, new_orders: 350, failed: 0 });
    expect(b.sim.requests.total).toBe(1 + 3 + 2);
    expect(b.sim.requests.operations.PackDeskOrders).toBe(1 + 2);
    expect(await api['orders.pull']({ credentialId: a.id })).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(640);
    expect(one<{ n: number }>('SELECT count(DISTINCT credential_id || external_id) AS n FROM orders').n).toBe(640);
    expect(ordersWithoutItems()).toBe(0);
    expect((await api['credentials.list']({})).find((c) => c.id === b.id)?.lastPull?.error).toBeNull();
  });
});
