/**
 * The seed 002 Telegram shop: the adapter against its simulator over loopback (lastId paging per
 * status, status codes mapped, priced options, Bearer token, 429, 500 bursts, slow answers and cuts,
 * a broken order), and a pull through the handlers into a real database (cancellations seen on the
 * next pull).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelConnection, NormalizedOrder } from '../../src/main/core/channels/channel-adapter';
import { createTgShopAdapter } from '../../src/main/core/channels/tgshop';
import { startCore, type Core } from '../../src/main/core/core';
import { SANDBOX_ADMIN_TOKEN as TOKEN, sampleTgOrders } from '../../sim/tgshop/sample-orders';
import { startTgShopSim, type TgShopSim } from '../../sim/tgshop/server';
import type { TgOrderDetail, TgOrderStatus } from '../../sim/tgshop/types';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: TgShopSim;
let core: Core | undefined;
const waits: number[] = [];
const adapter = createTgShopAdapter({
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

/** Statuses by position: 0 placed, 1 preparing, 2 delivered, 3 completed, 4 cancelled, 5 exception. */
const CYCLE: TgOrderStatus[] = [0, 1, 0, 2, 3, 4, 5, 1];
async function open(count: number): Promise<TgOrderDetail[]> {
  const orders = sampleTgOrders({ count, status: (n) => CYCLE[n % CYCLE.length]! });
  sim = await startTgShopSim({ adminToken: TOKEN, orders });
  return orders;
}
const conn = (apiKey = TOKEN): ChannelConnection => ({ baseUrl: sim.url, apiKey, apiSecret: '', settings: {} });

async function pullAll(modifiedAfter: string | null = null): Promise<NormalizedOrder[]> {
  const orders: NormalizedOrder[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.pullPage(conn(), { modifiedAfter, cursor });
    orders.push(...page.orders);
    cursor = page.next;
  } while (cursor !== null);
  return orders;
}

describe('the Telegram shop adapter', () => {
  it('walks the open statuses by lastId, 100 a page, and maps codes and priced options', async () => {
    const orders = await open(400);
    const pulled = await pullAll();
    const open015 = orders.filter((o) => [0, 1, 5].includes(o.order.orderStatus));
    expect(pulled.map((o) => o.externalId).sort()).toEqual(open015.map((o) => String(o.order.id)).sort());
    expect(new Set(pulled.map((o) => o.channelStatus))).toEqual(new Set(['0 placed', '1 preparing', '5 exception']));
    const first = pulled.find((o) => o.externalId === '1')!;
    expect(first).toMatchObject({
      cancelled: false,
      customerNote: '请尽快配送',
      total: '12.75',
      shipping: { line1: '香港中环德辅道中1号', country: 'HK', phone: '85512345600' },
      problems: [],
      placedAt: new Date(Date.parse(`${orders[0]!.order.createTime}+08:00`)).toISOString(),
    });
    expect(first.items).toEqual([
      {
        sku: 'G001',
        name: '奶茶',
        quantity: 1,
        price: '12.75',
        attributes: [
          { name: '温度', value: '冰' },
          { name: '糖度', value: '无糖' },
          { name: '大小', value: '大杯(+2.75)' },
        ],
      },
    ]);
    expect(pulled.find((o) => o.channelStatus === '5 exception')?.problems).toEqual([
      'The shop marked this order as an exception',
    ]);
  });

  it('also walks recent cancellations on an incremental pull', async () => {
    await open(16);
    const pulled = await pullAll(new Date().toISOString());
    expect(pulled.filter((o) => o.cancelled).map((o) => o.channelStatus)).toEqual(['4 cancelled', '4 cancelled']);
  });

  it('honours 429 Retry-After, retries a cut page, and hands back a broken order as invalid', async () => {
    await open(10);
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 2 });
    sim.misbehave.cutNextResponse();
    sim.misbehave.malformOrder(3);
    const page = await adapter.pullPage(conn(), { modifiedAfter: null, cursor: null });
    expect(waits[0]).toBe(2_000);
    expect(page.invalid).toEqual([
      expect.objectContaining({
        externalId: '3',
        reason: expect.stringMatching(/^Order ORD\d+ has unreadable items\.$/),
      }),
    ]);
  });

  it('retries a burst of 500s with growing waits, and gives up in words when it does not stop', async () => {
    await open(10);
    sim.misbehave.failNext(2, { status: 500 });
    expect((await adapter.pullPage(conn(), { modifiedAfter: null, cursor: null })).orders.length).toBeGreaterThan(0);
    expect(waits).toEqual([1, 2]);
    expect(sim.requests.total).toBe(3);

    sim.misbehave.failNext(3, { status: 500 });
    await expect(adapter.pullPage(conn(), { modifiedAfter: null, cursor: null })).rejects.toThrow(
      `The Telegram shop at ${sim.url} answered 500 three times; try again later.`,
    );
    expect(waits).toEqual([1, 2, 1, 2]);
    expect(sim.requests.total).toBe(6);
  });

  it('gives up on a shop that answers too slowly, in words', async () => {
    await open(3);
    sim.misbehave.delayMs = 300;
    const impatient = createTgShopAdapter({ timeoutMs: 50, backoffMs: 1 });
    await expect(impatient.pullPage(conn(), { modifiedAfter: null, cursor: null })).rejects.toThrow(
      `The Telegram shop at ${sim.url} did not answer within 50 ms three times; try again later.`,
    );
  });

  it('says in words when the admin token is wrong', async () => {
    await open(1);
    await expect(adapter.testConnection(conn('wrong'))).rejects.toThrow(
      "The Telegram shop refused the admin token (未授权); enter the shop's admin Bearer token.",
    );
    await expect(adapter.testConnection(conn())).resolves.toBeUndefined();
  });
});

describe('pulling a Telegram shop into PackDesk', () => {
  it('imports open orders once, and cancels one the shop cancelled later', async () => {
    const orders = await open(16);
    core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test', channels: { tgshop: adapter } });
    const { api } = core;
    const { id } = await api['credentials.add']({
      providerCode: 'tgshop',
      externalId: 'tea_hk',
      displayName: '港式茶饮',
      baseUrl: sim.url,
      settings: { utcOffset: '+08:00', country: 'HK' },
      apiKey: TOKEN,
      apiSecret: '',
    });
    expect(await api['credentials.list']({})).toEqual([
      expect.objectContaining({ settings: { utcOffset: '+08:00', country: 'HK' } }),
    ]);
    const open015 = orders.filter((o) => [0, 1, 5].includes(o.order.orderStatus)).length;
    expect(await api['orders.pull']({ credentialId: id })).toEqual({ pulled: open015, new_orders: open015, failed: 2 });
    const placed = orders[0]!;
    sim.upsertOrder({ ...placed, order: { ...placed.order, orderStatus: 4 } });
    await api['orders.pull']({ credentialId: id });
    const [row] = await api['orders.list']({ search: placed.order.orderNo, offset: 0, limit: 5 });
    expect(row).toMatchObject({ status: 'cancelled', channelStatus: '4 cancelled' });
    expect((await api['orders.counts']({})).all).toBe(open015);
  });
});
