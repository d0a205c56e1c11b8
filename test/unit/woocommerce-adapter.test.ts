/**
 * The WooCommerce adapter against the simulated shop over a real loopback socket: paging,
 * incremental pulls, OAuth over plain HTTP, retries when the shop or the network stumbles, and
 * what a packer reads when it does not recover. Waits are recorded instead of slept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ChannelAdapter,
  ChannelConnection,
  InvalidOrder,
  NormalizedOrder,
} from '../../src/main/core/channels/channel-adapter';
import { ChannelError } from '../../src/main/core/channels/channel-error';
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import type { WooOrder } from '../../sim/woocommerce/types';

const NOW = new Date(Date.now() - 60_000);

let sim: WooSim;
let waits: number[];
let adapter: ChannelAdapter;

async function openShop(orders: WooOrder[]): Promise<void> {
  await sim.close();
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders });
}

beforeEach(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ now: NOW }) });
  waits = [];
  adapter = createWooCommerceAdapter({
    backoffMs: 1,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
});
afterEach(() => sim.close());

function conn(overrides: Partial<ChannelConnection> = {}): ChannelConnection {
  return { baseUrl: sim.url, apiKey: KEY, apiSecret: SECRET, settings: {}, ...overrides };
}

async function pullAll(
  c: ChannelConnection = conn(),
  modifiedAfter: string | null = null,
): Promise<{ orders: NormalizedOrder[]; invalid: InvalidOrder[]; pages: number }> {
  const orders: NormalizedOrder[] = [];
  const invalid: InvalidOrder[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await adapter.pullPage(c, { modifiedAfter, cursor });
    orders.push(...page.orders);
    invalid.push(...page.invalid);
    cursor = page.next;
    pages++;
  } while (cursor !== null);
  return { orders, invalid, pages };
}

const byId = (orders: NormalizedOrder[], id: number): NormalizedOrder => {
  const order = orders.find((o) => o.externalId === String(id));
  if (!order) throw new Error(`order ${id} was not pulled`);
  return order;
};

const waitingToShip = (orders: WooOrder[]) => orders.filter((o) => o.status === 'processing' || o.status === 'on-hold');

describe('pulling', () => {
  it('walks every page of a big shop, each order once', async () => {
    const orders = sampleWooOrders({ count: 250, now: NOW });
    await openShop(orders);
    const pulled = await pullAll();
    expect(pulled.pages).toBe(3);
    expect(pulled.orders.map((o) => o.externalId).sort()).toEqual(
      waitingToShip(orders)
        .map((o) => String(o.id))
        .sort(),
    );
    expect(sim.requests.byPath['/wp-json/wc/v3/orders']).toBe(3);
  });

  it('skips completed and cancelled orders unless the settings ask for them', async () => {
    const { orders } = await pullAll();
    expect(orders).toHaveLength(38);
    expect(orders.every((o) => ['processing', 'on-hold'].includes(o.channelStatus))).toBe(true);

    const done = await pullAll(conn({ settings: { statuses: ['completed', 'cancelled'] } }));
    expect(done.orders.map((o) => o.channelStatus).sort()).toEqual(['cancelled', 'completed']);
  });

  it('pulls only orders changed since the last pull', async () => {
    await pullAll();
    const lastPull = new Date().toISOString();
    const [first, , third] = sampleWooOrders({ now: NOW });
    sim.upsertOrder({ ...(third as WooOrder), customer_note: 'Please use the back door.' });
    sim.upsertOrder({ ...(first as WooOrder), status: 'on-hold' });

    const { orders } = await pullAll(conn(), lastPull);
    expect(orders.map((o) => o.externalId).sort()).toEqual(['1001', '1003']);
    expect(byId(orders, 1003).customerNote).toBe('Please use the back door.');
  });

  it('sees an order leave by every cancelling status of the table, the bin included', async () => {
    await pullAll();
    const lastPull = new Date().toISOString();
    const [first, second, third, fourth] = sampleWooOrders({ now: NOW }) as [WooOrder, WooOrder, WooOrder, WooOrder];
    sim.upsertOrder({ ...first, status: 'cancelled' });
    sim.upsertOrder({ ...second, status: 'refunded' });
    sim.upsertOrder({ ...third, status: 'trash' });
    sim.upsertOrder({ ...fourth, status: 'completed' });

    const { orders } = await pullAll(conn(), lastPull);
    expect(orders.map((o) => [o.externalId, o.channelStatus, o.cancelled])).toEqual([
      ['1001', 'cancelled', true],
      ['1002', 'refunded', true],
      ['1003', 'trash', true],
    ]);
  });

  it('maps the order: money as text, UTC dates, items with their chosen options', async () => {
    const raw = sampleWooOrders({ now: NOW })[0] as WooOrder;
    const order = byId((await pullAll()).orders, 1001);
    expect(order).toMatchObject({
      orderNumber: '1001',
      channelStatus: 'processing',
      currency: 'EUR',
      total: raw.total,
      placedAt: new Date(`${raw.date_created_gmt}Z`).toISOString(),
      modifiedAt: new Date(`${raw.date_modified_gmt}Z`).toISOString(),
      customerNote: '请放在门卫室，谢谢',
      problems: [],
    });
    expect(order.items).toHaveLength(raw.line_items.length);
    for (const [i, item] of order.items.entries()) {
      const source = raw.line_items[i] as WooOrder['line_items'][number];
      expect(item).toMatchObject({ sku: source.sku, name: source.name, quantity: source.quantity });
      expect(item.price).toBe(source.price.toFixed(2));
      expect(item.attributes.map((a) => a.name)).not.toContain('_reduced_stock');
    }
    const total = order.items.reduce((sum, i) => sum + Number(i.price) * i.quantity, 0) + Number(raw.shipping_total);
    expect(total.toFixed(2)).toBe(order.total);
  });

  it('reads the GTIN field as the item barcode from the line item, from its meta, or not at all', async () => {
    const [first, ...rest] = sampleWooOrders({ now: NOW });
    const items = first!.line_items;
    expect(items.length).toBeGreaterThan(0);
    const [sent, ...others] = items;
    // WooCommerce before the line-item field: no key at all, the shop copied the GTIN into meta.
    const inMeta = others.map(({ global_unique_id, ...old }) => ({
      ...old,
      meta_data: [
        ...old.meta_data,
        { id: 1, key: '_global_unique_id', value: `${global_unique_id}`, display_key: '', display_value: '' },
      ],
    }));
    const { global_unique_id: _gone, ...absent } = { ...sent!, sku: 'NO-GTIN' };
    await openShop([{ ...first!, line_items: [sent!, ...inMeta, absent] }, ...rest]);
    const order = byId((await pullAll()).orders, 1001);
    expect(order.items.map((i) => [i.sku, i.barcode])).toEqual([
      [sent!.sku, sent!.global_unique_id],
      ...others.map((o) => [o.sku, o.global_unique_id]),
      ['NO-GTIN', ''],
    ]);
    expect(sent!.global_unique_id).toMatch(/^\d{13}$/);
    expect(order.items.flatMap((i) => i.attributes.map((a) => a.name))).not.toContain('_global_unique_id');
  });

  it('keeps Chinese, Polish and German names and addresses exactly as written', async () => {
    const { orders } = await pullAll();
    expect(byId(orders, 1001).shipping).toMatchObject({
      name: '陈尧',
      line1: '北京市朝阳区建国路88号',
      line2: 'SOHO现代城A座1502室',
      city: 'Beijing',
      postcode: '100020',
      country: 'CN',
    });
    expect(byId(orders, 1002).shipping).toMatchObject({
      name: 'Jürgen Müller',
      line1: 'Müllerstraße 12',
      city: 'München',
    });
    expect(byId(orders, 1003).shipping).toMatchObject({ name: 'Łukasz Wójcik', city: 'Łódź', postcode: '90-926' });
    expect(byId(orders, 1008).shipping.name).toBe('佐藤花子');
    const options = orders.flatMap((o) => o.items.flatMap((i) => i.attributes));
    expect(options).toContainEqual({ name: 'Size', value: 'M' });
  });

  it('turns missing shipping data into problems in words', async () => {
    const { orders } = await pullAll();
    expect(byId(orders, 1016).problems).toEqual(['No shipping address']);
    expect(byId(orders, 1020).problems).toEqual(['Shipping address has no postcode']);
    expect(byId(orders, 1024).problems).toEqual(['Order has no items']);
    // A blank shipping address with a full billing address ships to billing, without a problem.
    expect(byId(orders, 1028)).toMatchObject({ problems: [], shipping: { name: '王伟', city: 'Shenzhen' } });
  });

  it('hands back orders it cannot read as invalid, with the reason, and still brings the others', async () => {
    sim.misbehave.malformOrder(1004);
    sim.misbehave.malformOrder(1005, { number: '1005', status: 'processing' });
    sim.misbehave.malformOrder(1006, 'Array');
    const { orders, invalid } = await pullAll();
    expect(orders).toHaveLength(38 - 3);
    expect(invalid.map((i) => [i.externalId, i.reason])).toEqual([
      ['1004', 'Order 1004 has unreadable items: the shop sent the text "Array" instead of a list.'],
      [null, 'The shop sent an order without a readable id (order number 1005).'],
      [null, 'The shop sent the text "Array" where an order should be.'],
    ]);
  });
});

describe('when the shop stumbles', () => {
  it('waits as long as a 429 Retry-After asks, up to a limit, then goes on', async () => {
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 2 });
    expect((await pullAll()).orders).toHaveLength(38);
    expect(waits).toEqual([2_000]);

    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 3_600 });
    await pullAll();
    expect(waits).toEqual([2_000, 30_000]);
  });

  it('retries a burst of 500s with growing waits', async () => {
    sim.misbehave.failNext(2, { status: 500 });
    expect((await pullAll()).orders).toHaveLength(38);
    expect(waits).toEqual([1, 2]);
    expect(sim.requests.total).toBe(3);
  });

  it('gives up after three 500s and says so in words', async () => {
    sim.misbehave.failNext(10, { status: 500 });
    const error = await pullAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).code).toBe('channel_error');
    expect((error as ChannelError).message).toBe(`The shop at ${sim.url} answered 500 three times; try again later.`);
    expect(sim.requests.total).toBe(3);
  });

  it('asks again when the connection is cut half way through a page', async () => {
    sim.misbehave.cutNextResponse();
    expect((await pullAll()).orders).toHaveLength(38);
    expect(sim.requests.total).toBe(2);
    expect(waits).toHaveLength(1);
  });

  it('gives up on a shop that answers too slowly', async () => {
    const impatient = createWooCommerceAdapter({ timeoutMs: 50, backoffMs: 1 });
    sim.misbehave.delayMs = 500;
    await expect(impatient.pullPage(conn(), { modifiedAfter: null, cursor: null })).rejects.toThrow(
      `The shop at ${sim.url} did not answer within 50 ms three times; try again later.`,
    );
  });

  it('names an unreachable shop', async () => {
    const gone = sim.url;
    await sim.close();
    await expect(adapter.testConnection(conn({ baseUrl: gone }))).rejects.toThrow(
      `The shop at ${gone} refused the connection three times; try again later.`,
    );
    sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: [] });
  });

  it('does not retry an answer that is not JSON, and says what came', async () => {
    sim.misbehave.garbleNextResponse();
    await expect(pullAll()).rejects.toThrow(
      /^The shop at .* answered with something that is not WooCommerce data \("Warning: Undefined array key "shipping_phone"/,
    );
    expect(sim.requests.total).toBe(1);
  });
});

describe('credentials', () => {
  it('passes the connection test with the right key', async () => {
    await expect(adapter.testConnection(conn())).resolves.toBeUndefined();
  });

  it("says WooCommerce refused the consumer key, with the shop's reason", async () => {
    await expect(adapter.testConnection(conn({ apiKey: 'ck_wrong' }))).rejects.toThrow(
      'WooCommerce refused the consumer key: Consumer key is invalid.',
    );
    await expect(pullAll(conn({ apiSecret: 'cs_wrong' }))).rejects.toThrow(
      'WooCommerce refused the consumer key: Invalid signature - provided signature does not match.',
    );
    expect(waits).toEqual([]);
  });
});
