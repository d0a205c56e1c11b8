/**
 * The Shopify adapter against the simulated store over a real loopback socket: cursor paging,
 * incremental pulls, the leaky bucket respected from throttleStatus, THROTTLED answers, 5xx bursts,
 * cut connections, slow answers, a malformed order and a wrong token. Waits are real but short
 * (the simulated bucket refills fast), and recorded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ChannelAdapter,
  ChannelConnection,
  InvalidOrder,
  NormalizedOrder,
} from '../../src/main/core/channels/channel-adapter';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../../sim/shopify/sample-orders';
import { startShopifySim, type ShopifySim, type ShopifySimOptions } from '../../sim/shopify/server';
import type { ShopifyOrder } from '../../sim/shopify/types';

let sim: ShopifySim;
let waits: number[];
let adapter: ChannelAdapter;

async function open(count: number, options: Partial<ShopifySimOptions> = {}): Promise<ShopifyOrder[]> {
  const orders = sampleShopifyOrders({ count, now: new Date(Date.now() - 60_000) });
  sim = await startShopifySim({ accessToken: TOKEN, orders, ...options });
  waits = [];
  adapter = createShopifyAdapter({
    backoffMs: 1,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      waits.push(ms);
      await sleep(ms);
    },
  });
  return orders;
}
afterEach(() => sim.close());

const conn = (overrides: Partial<ChannelConnection> = {}): ChannelConnection => ({
  baseUrl: sim.url,
  apiKey: TOKEN,
  apiSecret: '',
  settings: {},
  ...overrides,
});

async function pullAll(modifiedAfter: string | null = null, a = adapter) {
  const orders: NormalizedOrder[] = [];
  const invalid: InvalidOrder[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await a.pullPage(conn(), { modifiedAfter, cursor });
    orders.push(...page.orders);
    invalid.push(...page.invalid);
    cursor = page.next;
    pages++;
  } while (cursor !== null);
  return { orders, invalid, pages };
}

describe('pulling from Shopify', () => {
  it('walks 250-order pages by cursor, each order once, with items and address', async () => {
    await open(600, { bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
    const { orders, pages } = await pullAll();
    expect(pages).toBe(3);
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(600);
    const first = orders.find((o) => o.orderNumber === '#1001')!;
    expect(first).toMatchObject({
      externalId: '5000001',
      channelStatus: 'PAID · UNFULFILLED',
      cancelled: false,
      currency: 'EUR',
      customerNote: '请放在门卫室',
      shipping: { name: '陈尧', line1: '北京市朝阳区建国路88号', city: 'Beijing', postcode: '100020', country: 'CN' },
      problems: [],
    });
    expect(first.items[0]).toEqual({
      sku: 'TEE-BLK-M',
      name: 'T-Shirt - Black / M',
      quantity: 1,
      price: '19.90',
      attributes: [
        { name: 'Variant', value: 'Black / M' },
        { name: 'Gift wrap', value: 'yes' },
      ],
      barcode: '4006381333931',
    });
    expect(orders.find((o) => o.orderNumber === '#1002')?.shipping).toMatchObject({
      name: 'Jürgen Müller',
      city: 'München',
    });
  });

  it("reads the variant's barcode as the item barcode; none for a deleted variant or a blank barcode", async () => {
    const orders = await open(6);
    const withThree = orders[2]!; // three line items
    const [kept, blank, deleted] = withThree.lineItems.nodes;
    sim.upsertOrder({
      ...withThree,
      lineItems: {
        nodes: [
          kept!,
          { ...blank!, variant: { id: 'gid://shopify/ProductVariant/9', barcode: null } },
          { ...deleted!, variant: null },
        ],
      },
    });
    const order = (await pullAll()).orders.find((o) => o.orderNumber === withThree.name)!;
    expect(kept!.variant?.barcode).toMatch(/^\d{13}$/);
    expect(order.items.map((i) => i.barcode)).toEqual([kept!.variant!.barcode, '', '']);
  });

  it('asks only for what changed since the last pull, and sees cancellations', async () => {
    const orders = await open(30);
    await pullAll();
    const since = new Date().toISOString();
    sim.upsertOrder({ ...orders[3]!, note: 'Bitte klingeln' });
    sim.upsertOrder({ ...orders[7]!, cancelledAt: new Date().toISOString(), displayFinancialStatus: 'REFUNDED' });
    const changed = await pullAll(since);
    expect(changed.orders.map((o) => [o.orderNumber, o.cancelled, o.channelStatus])).toEqual([
      ['#1004', false, 'PAID · UNFULFILLED'],
      ['#1008', true, 'CANCELLED'],
    ]);
  });

  it('waits for the bucket to refill instead of being throttled', async () => {
    // 2 + 250 × 3 = 752 points a page from a bucket of 1,000 that refills 5,000 a second.
    await open(1_000, { bucket: { maximumAvailable: 1_000, restoreRate: 5_000 } });
    const { orders } = await pullAll();
    expect(orders).toHaveLength(1_000);
    expect(sim.requests.throttled).toBe(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
  });

  it('waits out THROTTLED answers (HTTP 200) and goes on', async () => {
    await open(10);
    sim.misbehave.throttleNext(2);
    expect((await pullAll()).orders).toHaveLength(10);
    expect(sim.requests.throttled).toBe(2);
  });

  it('gives up on a store that keeps throttling, in words', async () => {
    await open(10, { bucket: { maximumAvailable: 2_000, restoreRate: 100_000 } });
    sim.misbehave.throttleNext(100);
    await expect(pullAll()).rejects.toThrow(
      `Shopify kept asking PackDesk to slow down (throttled 8 times in a row at ${sim.url}); try again in a minute.`,
    );
  });

  it('retries a burst of 500s, and says so when they do not stop', async () => {
    await open(10);
    sim.misbehave.failNext(2, { status: 500 });
    expect((await pullAll()).orders).toHaveLength(10);
    sim.misbehave.failNext(3, { status: 503 });
    await expect(pullAll()).rejects.toThrow(
      `The Shopify store at ${sim.url} answered 503 three times; try again later.`,
    );
  });

  it('waits as long as a 429 Retry-After asks (Shopify writes "0.5"), then goes on; says so when it keeps asking', async () => {
    await open(10);
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 0.5 });
    expect((await pullAll()).orders).toHaveLength(10);
    expect(waits).toEqual([500]);
    expect(sim.requests.total).toBe(2);

    sim.misbehave.failNext(3, { status: 429, retryAfterSeconds: 0.1 });
    await expect(pullAll()).rejects.toThrow(
      `The Shopify store at ${sim.url} asked PackDesk to slow down (429 Too Many Requests) three times; try again later.`,
    );
    expect(waits).toEqual([500, 100, 100]);
  });

  it('asks again when the connection is cut half way through a page', async () => {
    await open(300);
    sim.misbehave.cutNextResponse();
    expect((await pullAll()).orders).toHaveLength(300);
    expect(sim.requests.operations.PackDeskOrders).toBe(3);
  });

  it('gives up on a store that answers too slowly', async () => {
    await open(5);
    sim.misbehave.delayMs = 300;
    const impatient = createShopifyAdapter({ timeoutMs: 50, backoffMs: 1 });
    await expect(pullAll(null, impatient)).rejects.toThrow(
      `The Shopify store at ${sim.url} did not answer within 50 ms three times; try again later.`,
    );
  });

  it('hands back a malformed order as invalid with the reason, and brings the others', async () => {
    await open(10);
    sim.misbehave.malformOrder(5000004);
    sim.misbehave.malformOrder(5000005, { name: '#1005' });
    const { orders, invalid } = await pullAll();
    expect(orders).toHaveLength(8);
    expect(invalid.map((i) => [i.externalId, i.reason])).toEqual([
      ['5000004', 'Order #1004 has unreadable items.'],
      [null, 'The store sent an order without a readable id (#1005).'],
    ]);
  });

  it('tests the token, and says Shopify refused a wrong one', async () => {
    await open(1);
    await expect(adapter.testConnection(conn())).resolves.toBeUndefined();
    await expect(adapter.testConnection(conn({ apiKey: 'shpat_wrong' }))).rejects.toThrow(
      "Shopify refused the access token: [API] Invalid API key or access token (unrecognized login or wrong password). Enter the Admin API access token (shpat_…) of the store's app.",
    );
    await expect(adapter.testConnection(conn({ baseUrl: `${sim.url}/shop` }))).rejects.toThrow(
      /There is no Shopify Admin API/,
    );
  });
});
