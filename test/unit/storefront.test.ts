/**
 * The seed 001 shop: the adapter against its simulator over loopback (status walk with page /
 * pageSize, a detail per order, both envelopes, the Shopify proxy as the source or the fallback of
 * a detail, 429 / 500 / slow / cut answers, a wrong token in words), and pulls through the
 * handlers into a real SQLite file (nothing new on a re-pull, a malformed order recorded on that
 * order, an incremental pull that stops early and sees a cancellation, a cut pull that resumes).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelConnection, NormalizedOrder, PullPage } from '../../src/main/core/channels/channel-adapter';
import { createStorefrontAdapter } from '../../src/main/core/channels/storefront';
import { startCore, type Core } from '../../src/main/core/core';
import {
  sampleStorefrontOrders,
  SANDBOX_SHOP_DOMAIN as DOMAIN,
  SANDBOX_SHOPIFY_TOKEN as TOKEN,
  shopTime,
} from '../../sim/storefront/sample-orders';
import { startStorefrontSim, type StorefrontSim } from '../../sim/storefront/server';
import type { SfOrderDetail, SfStatus } from '../../sim/storefront/types';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: StorefrontSim;
let core: Core | undefined;
const waits: number[] = [];
const adapter = createStorefrontAdapter({
  backoffMs: 1,
  timeoutMs: 2_000,
  sleep: async (ms) => {
    waits.push(ms);
    await sleep(Math.min(ms, 5));
  },
});
afterEach(async () => {
  await sim.close();
  await core?.close();
  core = undefined;
  waits.length = 0;
});

/** By position: paid and processing are pulled; pending and completed are not; the rest cancel. */
const CYCLE: SfStatus[] = ['paid', 'processing', 'pending', 'completed', 'cancelled', 'paid', 'refunded', 'failed'];
const PULLED = new Set<SfStatus>(['paid', 'processing']);

async function open(count: number, maxPageSize = 100): Promise<SfOrderDetail[]> {
  const orders = sampleStorefrontOrders({ count, status: (n) => CYCLE[n % CYCLE.length]! });
  sim = await startStorefrontSim({ orders, shopify: { shopDomain: DOMAIN, accessToken: TOKEN }, maxPageSize });
  return orders;
}
const conn = (settings: Record<string, unknown> = {}, apiKey = ''): ChannelConnection => ({
  baseUrl: sim.url,
  apiKey,
  apiSecret: '',
  settings,
});
const viaShopify = (detailSource: 'shop' | 'shopify', token = TOKEN) =>
  conn({ detailSource, shopifyDomain: DOMAIN, shopifyShopId: 42 }, token);

async function pullAll(c: ChannelConnection = conn(), modifiedAfter: string | null = null): Promise<PullPage> {
  const all: PullPage = { orders: [], invalid: [], next: null };
  let cursor: string | null = null;
  do {
    const page = await adapter.pullPage(c, { modifiedAfter, cursor });
    all.orders.push(...page.orders);
    all.invalid.push(...page.invalid);
    cursor = page.next;
  } while (cursor !== null);
  return all;
}
const ids = (orders: readonly NormalizedOrder[]) => orders.map((o) => Number(o.externalId)).sort((a, b) => a - b);
const pulledIds = (orders: readonly SfOrderDetail[]) => orders.filter((o) => PULLED.has(o.status)).map((o) => o.id);

describe('the storefront adapter', () => {
  it('walks paid and processing page by page, fetches each detail, and maps it', async () => {
    const orders = await open(40, 5);
    const { orders: pulled, invalid } = await pullAll();
    expect(invalid).toEqual([]);
    expect(ids(pulled)).toEqual(pulledIds(orders));
    // Five a page as the shop answered (not the 100 asked): paid is 10 orders, processing 5.
    expect(sim.requests.filter((r) => r.startsWith('GET /api/orders?'))).toEqual([
      'GET /api/orders?page=1&pageSize=100&status=paid',
      'GET /api/orders?page=2&pageSize=100&status=paid',
      'GET /api/orders?page=1&pageSize=100&status=processing',
    ]);
    expect(sim.requests.filter((r) => /^GET \/api\/orders\/\d+$/.test(r))).toHaveLength(15);
    const first = pulled.find((o) => o.externalId === '1001')!;
    expect(first).toMatchObject({
      orderNumber: '1001',
      channelStatus: 'paid',
      cancelled: false,
      currency: 'USD',
      total: '16.99',
      customerNote: '请尽快发货',
      placedAt: new Date(Date.parse(`${orders[0]!.created_at.replace(' ', 'T')}+08:00`)).toISOString(),
      shipping: { name: '陈尧', line1: '123 Street', city: 'Anchorage', state: 'AK', postcode: '99502', country: 'US' },
      items: [{ sku: 'KR-GP-CS', name: orders[0]!.line_items[0]!.title, quantity: 1, price: '6.99', attributes: [] }],
      problems: [],
    });
    expect(pulled.find((o) => o.externalId === '1002')?.shipping.name).toBe('Dana Miller');
  });

  it('reads both envelopes either way round, and a list that already carries the items', async () => {
    const orders = await open(8);
    for (const envelope of ['success', 'code'] as const) {
      sim.envelope = envelope;
      expect(ids((await pullAll()).orders)).toEqual(pulledIds(orders));
    }
    sim.listWithItems = true;
    sim.requests.length = 0;
    expect(ids((await pullAll()).orders)).toEqual(pulledIds(orders));
    expect(sim.requests.every((r) => r.startsWith('GET /api/orders?'))).toBe(true);
  });

  it('takes the details from Shopify through the proxy when set to, with the token and shop it names', async () => {
    const orders = await open(8);
    const { orders: pulled } = await pullAll(viaShopify('shopify'));
    expect(ids(pulled)).toEqual(pulledIds(orders));
    expect(sim.requests).toContain(
      `GET /api/shopify/orders/${orders[0]!.shopify_order_id}?shop_domain=${DOMAIN}&shop_id=42&access_token=…`,
    );
    const first = pulled.find((o) => o.externalId === '1001')!;
    expect(first).toMatchObject({ orderNumber: '1001', total: '16.99', shipping: { name: '陈尧', country: 'US' } });
    expect(first.items).toEqual([expect.objectContaining({ sku: 'KR-GP-CS', quantity: 1 })]);
    expect(first.raw).toMatchObject({ order: { id: 1001 }, shopify: { name: '#1001' } });
  });

  it('falls back to Shopify for an order whose own detail lacks its items, and says so without a token', async () => {
    await open(8);
    sim.misbehave.stripDetailItems(1001);
    const viaProxy = await pullAll(viaShopify('shop'));
    expect(viaProxy.invalid).toEqual([]);
    expect(viaProxy.orders.find((o) => o.externalId === '1001')?.items).toHaveLength(1);
    expect(sim.requests.filter((r) => r.includes('/api/shopify/'))).toHaveLength(1);

    const withoutToken = await pullAll();
    expect(withoutToken.invalid).toEqual([
      expect.objectContaining({ externalId: '1001', reason: 'Order 1001 has unreadable line items.' }),
    ]);
  });

  it('honours 429 Retry-After, retries a 500 burst and a cut answer, and gives up on slowness in words', async () => {
    await open(8);
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 2 });
    sim.misbehave.cutAnswers(1, 1);
    expect((await pullAll()).orders).toHaveLength(3);
    expect(waits[0]).toBe(2_000);
    expect(waits).toHaveLength(2);
    sim.misbehave.failNext(2, { status: 500 });
    expect((await pullAll()).orders).toHaveLength(3);
    expect(waits).toHaveLength(4);

    sim.misbehave.failNext(3, { status: 503 });
    await expect(adapter.testConnection(conn())).rejects.toThrow(
      `The shop at ${sim.url} answered 503 three times; try again later.`,
    );
    const impatient = createStorefrontAdapter({ backoffMs: 1, timeoutMs: 50, maxAttempts: 2 });
    sim.misbehave.delayMs = 300;
    await expect(impatient.testConnection(conn())).rejects.toThrow(
      `The shop at ${sim.url} did not answer within 50 ms twice; try again later.`,
    );
  });

  it('says in words when the Shopify token is wrong, a domain unknown, or the address not the shop', async () => {
    await open(3);
    await expect(adapter.testConnection(conn())).resolves.toBeUndefined();
    await expect(adapter.testConnection(viaShopify('shop'))).resolves.toBeUndefined();
    await expect(adapter.testConnection(viaShopify('shop', 'shpat_wrong'))).rejects.toThrow(
      "Shopify refused the access token through the shop's proxy (获取订单失败: [API] Invalid API key or access token " +
        `(unrecognized login or wrong password)); enter the Admin API access token (shpat_…) of ${DOMAIN}.`,
    );
    await expect(
      adapter.testConnection(conn({ detailSource: 'shop', shopifyDomain: 'other.myshopify.com' }, TOKEN)),
    ).rejects.toThrow(/does not know order 5023658002 of the shop's newest order 1003; check the Shopify shop domain/);
    await expect(adapter.testConnection(conn({ detailSource: 'shopify' }))).rejects.toThrow(
      'This shop is set to take order details from Shopify, but its Shopify access token or shop domain is not saved',
    );
    await expect(adapter.testConnection({ ...conn(), baseUrl: `${sim.url}/shop` })).rejects.toThrow(
      `The shop at ${sim.url}/shop has no order list at /api/orders (404 资源不存在); check the address`,
    );
  });
});

describe('pulling a storefront into PackDesk', () => {
  async function connect(
    settings: Record<string, unknown> = {},
    apiKey = '',
  ): Promise<{ api: Core['api']; id: number }> {
    core = await startCore({
      dataDir: tempDir(),
      secretBox: testBox,
      version: 'test',
      channels: { storefront: adapter },
    });
    const { id } = await core.api['credentials.add']({
      providerCode: 'storefront',
      externalId: 'flash_sale',
      displayName: 'Running shoes flash sale',
      baseUrl: `${sim.url}/api`,
      settings,
      apiKey,
      apiSecret: '',
    });
    return { api: core.api, id };
  }

  it('imports paid and processing orders once, and a re-pull creates nothing new', async () => {
    const orders = await open(24, 5);
    const { api, id } = await connect();
    const n = pulledIds(orders).length;
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: n, new_orders: n, failed: 0 });
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
    expect((await api['orders.counts']({})).all).toBe(n);
    const [row] = await api['orders.list']({ search: '1001', offset: 0, limit: 5 });
    expect(row).toMatchObject({ channel: 'storefront', channelStatus: 'paid', status: 'new' });
  });

  it('keeps the proxy settings, never the token, and pulls details through Shopify', async () => {
    const orders = await open(8);
    const settings = { detailSource: 'shopify', shopifyDomain: DOMAIN, shopifyShopId: 42, utcOffset: '+08:00' };
    const { api, id } = await connect(settings, TOKEN);
    const listed = await api['credentials.list']({});
    expect(listed).toEqual([expect.objectContaining({ settings })]);
    expect(JSON.stringify(listed)).not.toContain(TOKEN);
    const n = pulledIds(orders).length;
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: n, new_orders: n, failed: 0 });
    expect(sim.requests.filter((r) => r.includes('/api/shopify/orders/'))).toHaveLength(n);
  });

  it('records a malformed order as a pull error on that order and goes on', async () => {
    const orders = await open(8);
    const { api, id } = await connect();
    sim.misbehave.malformOrder(1006);
    const n = pulledIds(orders).length;
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: n, new_orders: n - 1, failed: 1 });
    const [row] = await api['orders.list']({ search: '1006', offset: 0, limit: 5 });
    expect((await api['orders.get']({ id: row!.id })).errors).toEqual([
      expect.objectContaining({
        step: 'pull',
        errorType: 'malformed_order',
        message: 'Order 1006 has unreadable line items.',
      }),
    ]);
  });

  it('pulls incrementally: fetches only what changed, stops at a page of unchanged old orders, sees a cancellation', async () => {
    // Fifty orders from 40 days ago, ten from two days ago (1051-1060).
    const orders = sampleStorefrontOrders({ count: 60, status: (n) => CYCLE[n % CYCLE.length]! }).map((o, n) => {
      if (n >= 50) return o;
      const old = shopTime(Date.now() - 40 * 86_400_000 + n * 60_000);
      return { ...o, created_at: old, updated_at: old };
    });
    sim = await startStorefrontSim({ orders, shopify: { shopDomain: DOMAIN, accessToken: TOKEN }, maxPageSize: 5 });
    const { api, id } = await connect();
    await api['orders.pull']({ credentialId: id });
    const paid = orders[53]!;
    sim.upsertOrder({ ...paid, status: 'cancelled' });
    const newest = sampleStorefrontOrders({ count: 61 })[60]!;
    sim.upsertOrder(newest);
    sim.requests.length = 0;

    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: 2, new_orders: 1, failed: 0 });
    // Paid and cancelled read on past their changed first page; every walk stops at a page of old unchanged orders.
    expect(sim.requests.filter((r) => r.startsWith('GET /api/orders?')).map((r) => r.split('?')[1])).toEqual([
      'page=1&pageSize=100&status=paid',
      'page=2&pageSize=100&status=paid',
      'page=1&pageSize=100&status=processing',
      'page=1&pageSize=100&status=cancelled',
      'page=2&pageSize=100&status=cancelled',
      'page=1&pageSize=100&status=refunded',
      'page=1&pageSize=100&status=failed',
    ]);
    expect(sim.requests.filter((r) => /^GET \/api\/orders\/\d+$/.test(r)).sort()).toEqual([
      `GET /api/orders/${paid.id}`,
      `GET /api/orders/${newest.id}`,
    ]);
    const [row] = await api['orders.list']({ search: String(paid.id), offset: 0, limit: 5 });
    expect(row).toMatchObject({ status: 'cancelled', channelStatus: 'cancelled' });
  });

  it('resumes a pull cut mid-walk from its next page, every order once with its items', async () => {
    const orders = await open(40, 5);
    const { api, id } = await connect();
    // The first page is one list and five details; then the second page is cut three times in a row.
    sim.misbehave.cutAnswers(6, 3);
    await expect(api['orders.pull']({ credentialId: id })).rejects.toThrow(
      `The shop at ${sim.url} dropped the connection mid-answer three times; try again later.`,
    );
    expect((await api['orders.counts']({})).all).toBe(5);
    sim.requests.length = 0;
    const n = pulledIds(orders).length;
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: n - 5, new_orders: n - 5, failed: 0 });
    expect(sim.requests[0]).toBe('GET /api/orders?page=2&pageSize=100&status=paid');
    expect((await api['orders.counts']({})).all).toBe(n);
    for (const row of await api['orders.list']({ offset: 0, limit: 100 })) {
      expect((await api['orders.get']({ id: row.id })).items.length).toBeGreaterThan(0);
    }
  });
});
