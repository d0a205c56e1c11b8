/**
 * The iRCloud adapter (seed 003) against its simulator over loopback: search with details, 100 a
 * page, statuses filtered on our side (the server's own filter answers 500), the token fetched
 * once, again before it expires and again after a 401, the misbehaviour every channel must
 * survive, and refusals in words that never carry a secret.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelConnection, NormalizedOrder, PullPage } from '../../src/main/core/channels/channel-adapter';
import { createIrCloudAdapter } from '../../src/main/core/channels/ircloud';
import {
  SANDBOX_CLIENT_ID as CLIENT_ID,
  SANDBOX_CLIENT_SECRET as CLIENT_SECRET,
  SANDBOX_PASSWORD as PASSWORD,
  SANDBOX_USER as USER,
  sampleIrOrders,
} from '../../sim/ircloud/sample-orders';
import { startIrCloudSim, type IrCloudSim } from '../../sim/ircloud/server';
import type { IrOrder, IrOrderStatus } from '../../sim/ircloud/types';

let sim: IrCloudSim;
const waits: number[] = [];
let clock = Date.now();
const adapter = createIrCloudAdapter({
  backoffMs: 1,
  timeoutMs: 1_000,
  now: () => clock,
  sleep: async (ms) => {
    waits.push(ms);
    await sleep(Math.min(ms, 5));
  },
});
afterEach(async () => {
  await sim.close();
  waits.length = 0;
});

const CYCLE: IrOrderStatus[] = ['ORDER_AUDIT_PENDING', 'AUDITED', 'FINANCE_AUDIT_PENDING', 'FINISHED', 'CANCELLED'];
async function open(count: number, expiresInSeconds?: number): Promise<IrOrder[]> {
  clock = Date.now();
  const orders = sampleIrOrders({ count, status: (n) => CYCLE[n % CYCLE.length]! });
  sim = await startIrCloudSim({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    userName: USER,
    password: PASSWORD,
    orders,
    now: () => clock,
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
  });
  return orders;
}

const conn = (over: Partial<{ apiKey: string; apiSecret: string; username: string; password: string }> = {}) =>
  ({
    baseUrl: sim.url,
    apiKey: over.apiKey ?? CLIENT_ID,
    apiSecret: over.apiSecret ?? CLIENT_SECRET,
    extraSecrets: { username: over.username ?? USER, password: over.password ?? PASSWORD },
    settings: {},
  }) satisfies ChannelConnection;

async function pullAll(modifiedAfter: string | null = null): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.pullPage(conn(), { modifiedAfter, cursor });
    pages.push(page);
    cursor = page.next;
  } while (cursor !== null);
  return pages;
}
const ordersOf = (pages: PullPage[]): NormalizedOrder[] => pages.flatMap((p) => p.orders);

describe('the iRCloud adapter', () => {
  it('pages through the search with details, 100 a page, and filters statuses on our side', async () => {
    const orders = await open(250);
    const pages = await pullAll();
    expect(pages).toHaveLength(3);
    expect(sim.counts.searches).toBe(3);
    const pulled = ordersOf(pages);
    const wanted = orders.filter((o) => o.orderStatus !== 'FINISHED');
    expect(pulled.map((o) => o.externalId).sort()).toEqual(wanted.map((o) => String(o.id)).sort());
    expect(new Set(pulled.map((o) => o.channelStatus))).toEqual(
      new Set(['ORDER_AUDIT_PENDING', 'AUDITED', 'FINANCE_AUDIT_PENDING', 'CANCELLED']),
    );
    expect(pulled.filter((o) => o.cancelled).every((o) => o.channelStatus === 'CANCELLED')).toBe(true);

    const first = orders[0]!;
    const mapped = pulled.find((o) => o.externalId === String(first.id))!;
    expect(mapped).toMatchObject({
      orderNumber: first.orderCode,
      cancelled: false,
      currency: 'CNY',
      total: '9.30',
      placedAt: new Date(first.createTime).toISOString(),
      shipping: {
        name: '店长0',
        company: '粥大师店(南宁)',
        line1: '青秀区民族大道100号',
        city: '南宁市',
        state: '广西壮族自治区',
        postcode: '530000',
        country: 'CN',
      },
      problems: [],
    });
    expect(mapped.items).toEqual([
      {
        sku: '101-030-0008',
        name: '霜火菓子(柿子+花生)',
        quantity: 1,
        price: '9.30',
        attributes: [{ name: 'Unit', value: '包' }],
      },
    ]);
  });

  it('is right not to ask the server to filter: the simulator answers 500 to orderStatus, as the real one does', async () => {
    await open(3);
    const token = (await (
      await fetch(
        `${sim.url}/v2/oauth2/token?${new URLSearchParams({ userName: USER, password: PASSWORD, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'client_credentials', scope: 'basic' }).toString()}`,
      )
    ).json()) as { data: { access_token: string } };
    const res = await fetch(`${sim.url}/order-aggregation/organizations/orders/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', access_token: token.data.access_token },
      body: JSON.stringify({ pageNum: 1, pageSize: 10, withDetails: true, orderStatus: 'AUDITED' }),
    });
    expect(res.status).toBe(500);
  });

  it('passes on only orders changed since the last pull', async () => {
    const orders = await open(20);
    const since = new Date(clock + 1).toISOString();
    clock += 60_000;
    expect(ordersOf(await pullAll(since))).toEqual([]);
    sim.upsertOrder({ ...orders[1]!, orderStatus: 'CANCELLED' });
    expect(ordersOf(await pullAll(since)).map((o) => [o.externalId, o.cancelled])).toEqual([
      [String(orders[1]!.id), true],
    ]);
  });

  it('fetches the token once, again before it expires, and again when the server forgets it', async () => {
    await open(5, 3_600);
    await pullAll();
    await pullAll();
    expect(sim.counts.tokens).toBe(1);
    // Within the last tenth of its hour the token is renewed before the call, so no call is refused.
    clock += 3_600_000 - 5 * 60_000;
    await pullAll();
    expect(sim.counts.tokens).toBe(2);
    expect(sim.counts.unauthorized).toBe(0);
    sim.revokeTokens();
    expect(ordersOf(await pullAll())).toHaveLength(4);
    expect(sim.counts.tokens).toBe(3);
    expect(sim.counts.unauthorized).toBe(1);
    // Three calls refused at once share one new token.
    sim.revokeTokens();
    await Promise.all([1, 2, 3].map(() => adapter.pullPage(conn(), { modifiedAfter: null, cursor: null })));
    expect(sim.counts.tokens).toBe(4);
    expect(sim.counts.unauthorized).toBe(4);
  });

  it('honours 429 Retry-After, retries a 500 burst and a cut answer, and hands back a broken order as invalid', async () => {
    const orders = await open(10);
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 2 });
    sim.misbehave.failNext(1, { status: 503 });
    const page = await adapter.pullPage(conn(), { modifiedAfter: null, cursor: null });
    expect(waits[0]).toBe(2_000);
    expect(page.orders).toHaveLength(8);

    sim.misbehave.cutNextResponse();
    sim.misbehave.malformOrder(orders[0]!.id);
    const again = await adapter.pullPage(conn(), { modifiedAfter: null, cursor: null });
    expect(again.invalid).toEqual([
      expect.objectContaining({
        externalId: String(orders[0]!.id),
        reason: `Order ${orders[0]!.orderCode} came without readable items (orderDetails).`,
      }),
    ]);

    sim.misbehave.failNext(3, { status: 500 });
    await expect(adapter.pullPage(conn(), { modifiedAfter: null, cursor: null })).rejects.toThrow(
      `iRCloud at ${sim.url} answered 500 three times; try again later.`,
    );
  });

  it('says in words when a slow server does not answer in time', async () => {
    await open(2);
    const impatient = createIrCloudAdapter({ backoffMs: 1, timeoutMs: 200, sleep: async () => {} });
    await impatient.testConnection(conn());
    sim.misbehave.delayMs = 400;
    await expect(impatient.pullPage(conn(), { modifiedAfter: null, cursor: null })).rejects.toThrow(
      `iRCloud at ${sim.url} did not answer within 200 ms three times; try again later.`,
    );
  });

  it('names the wrong credential in words and never repeats a secret', async () => {
    await open(1);
    const refusals = await Promise.all(
      [{ apiKey: 'nope' }, { apiSecret: 'nope' }, { password: 'wrong-pw' }].map((over) =>
        adapter.testConnection(conn(over)).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      ),
    );
    expect(refusals).toEqual([
      'iRCloud refused the client id (153 illegal client_id); check the client id.',
      'iRCloud refused the client secret (154 illegal client_secret); check the client secret.',
      'iRCloud refused the login (155 用户名或密码错误); check the user name and password.',
    ]);
    await expect(adapter.testConnection(conn())).resolves.toBeUndefined();
  });
});
