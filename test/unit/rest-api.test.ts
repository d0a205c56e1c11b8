/**
 * The REST API of seed 000 against a real server and a real temp database: every endpoint's
 * answer, checked against the schema the OpenAPI document publishes for it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDhlSim } from '../../sim/dhl/server';
import { sampleWooOrders } from '../../sim/woocommerce/sample-orders';
import { startWooSim } from '../../sim/woocommerce/server';
import { dispatch } from '../../src/main/core/dispatch';
import type { Clock } from '../../src/main/core/clock';
import type { Core } from '../../src/main/core/core';
import { DATABASE_FILE } from '../../src/main/core/data-dir';
import { importOrder } from '../../src/main/core/orders/order-import';
import { countByStatus } from '../../src/main/core/orders/order-queue';
import type { Endpoint } from '../../src/main/http/rest/endpoint';
import { ENDPOINTS } from '../../src/main/http/rest/endpoints';
import { addDhlAccount, DHL_KEY, DHL_PASSWORD, DHL_USER } from '../support/dhl';
import { addShop, addTeaShop, AT, makeOrder } from '../support/orders';
import { documentedStatuses, TOKEN, useRestServer, type RestAnswer } from '../support/rest-server';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const startServer = useRestServer(tempDir);

/** Every answer an endpoint gave in this file, to check its status is documented (afterAll below). */
const observed: { method: string; path: string; status: number }[] = [];

async function serve(clock?: Clock) {
  const server = await startServer(clock);
  const request: typeof server.request = async (method, path, opts) => {
    const res = await server.request(method, path, opts);
    observed.push({ method, path, status: res.status });
    return res;
  };
  return { ...server, request };
}

/** The endpoint a request reached, as the router picks it: a literal segment before a parameter. */
function endpointOf(method: string, url: string): Endpoint | undefined {
  const path = url.split('?')[0]!;
  return ENDPOINTS.filter(
    (e) => e.method === method && new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  ).sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
}

afterAll(() => {
  const seen = new Set<string>();
  for (const { method, path, status } of observed) {
    const e = endpointOf(method, path);
    if (!e) continue; // unknown paths: the catch-all 404, documented by no operation
    seen.add(`${e.operationId} ${status}`);
    expect(documentedStatuses(e), `${method} ${path}`).toContain(String(status));
  }
  // Unless vitest ran only a few tests, the answers seen include the less usual ones.
  if (observed.length > 100) {
    expect([...seen]).toEqual(
      expect.arrayContaining(['saveCredential 200', 'saveCredential 201', 'pullOrders 502', 'generateLabels 413']),
    );
  }
});

const NOW = new Date(Date.UTC(2026, 10, 20, 12, 0));
const clock = () => NOW;

/** Two shops; order 1001 exists in both. Order 1003 of store_abc has no postcode. */
function seed(core: Core) {
  const abc = addShop(core.db, 'store_abc');
  const xyz = addShop(core.db, 'store_xyz');
  for (let n = 1; n <= 6; n++) {
    const order = makeOrder(n);
    if (n === 3) order.shipping = { ...order.shipping, postcode: '' };
    importOrder(core.db, { credentialId: abc, channel: 'woocommerce', sellerId: 'store_abc' }, order, AT);
  }
  importOrder(core.db, { credentialId: xyz, channel: 'woocommerce', sellerId: 'store_xyz' }, makeOrder(1), AT);
  return { abc, xyz };
}

/** The answer matches what the OpenAPI document says this endpoint answers. */
function expectDocumented(operationId: string, res: RestAnswer) {
  const endpoint = ENDPOINTS.find((e) => e.operationId === operationId)!;
  if (endpoint.response === 'zip') return;
  const parsed = endpoint.response.safeParse(res.body);
  expect(parsed.success, `${operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
}

function expectError(res: RestAnswer, status: number, words: RegExp) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ code: status, error: expect.stringMatching(words) });
}

describe('REST API: auth and framing', () => {
  it('refuses every endpoint without the right Bearer token, with a 401 in words', async () => {
    const { request } = await serve();
    for (const e of ENDPOINTS) {
      const path = e.path.replace('{order_id}', '1001').replace('{batch_id}', 'BATCH_x');
      for (const token of [null, 'wrong', '', `${TOKEN}x`]) {
        const res = await request(e.method, path, { token, ...(e.method === 'POST' ? { json: {} } : {}) });
        expectError(res, 401, /Authorization: Bearer/);
      }
    }
    const lower = await request('GET', '/api/orders', { token: null });
    expect(lower.status).toBe(401);
  });

  it('takes the scheme name in any case (RFC 7235), but never the token without it', async () => {
    const { base } = await serve();
    const asked = (authorization: string) => fetch(`${base}/api/orders`, { headers: { authorization } });
    for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR'])
      expect((await asked(`${scheme} ${TOKEN}`)).status).toBe(200);
    for (const header of [`bearer${TOKEN}`, `Basic ${TOKEN}`, TOKEN, 'bearer ', `bearer  ${TOKEN}`]) {
      expect((await asked(header)).status, header).toBe(401);
    }
  });

  it('answers addresses it cannot decode and over-long path parameters with the error shape, in words', async () => {
    const { base, request } = await serve();
    for (const path of [
      '/api/orders/%E0%A4',
      '/api/orders/%ZZ',
      '/api/orders/%ZZ/errors',
      '/api/orders/1001%/logs',
      '/api/batches/%C3/download',
    ]) {
      expectError(await request('GET', path), 400, /broken percent-escape .*encodeURIComponent/);
    }
    // Refused before the routes, so the security headers are set by the refusal itself.
    const raw = await fetch(`${base}/api/orders/%ZZ`);
    expect(raw.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(raw.headers.get('cache-control')).toBe('no-store');

    const long = 'x'.repeat(101);
    expectError(await request('GET', `/api/orders/${long}`), 400, /path is not valid: order_id: .*100/);
    expectError(await request('GET', `/api/orders/${'9'.repeat(5000)}/errors`), 400, /path is not valid: order_id/);
    expectError(
      await request('POST', `/api/orders/${long}/retry_label`, { json: {} }),
      400,
      /path is not valid: order_id/,
    );
    expectError(await request('GET', `/api/batches/${'B'.repeat(300)}/download`), 400, /path is not valid: batch_id/);
  });

  it('answers unknown paths, bad JSON, other media types and big bodies with the error shape', async () => {
    const { request } = await serve();
    expectError(await request('GET', '/api/nothing'), 404, /\/api\/docs lists every endpoint/);
    expectError(await request('POST', '/api/orders'), 404, /There is no POST \/api\/orders/);
    expectError(
      await request('POST', '/api/orders/generate_labels', { body: '{"order_ids": [' }),
      400,
      /not valid JSON/,
    );
    expectError(
      await request('POST', '/api/orders/generate_labels', { body: 'order_ids=1', type: 'text/plain' }),
      415,
      /Content-Type: application\/json/,
    );
    const huge = JSON.stringify({ order_ids: Array.from({ length: 40_000 }, (_, i) => `order-${i}`) });
    expectError(await request('POST', '/api/orders/generate_labels', { body: huge }), 413, /larger than 256 KB/);
    expectError(await request('GET', '/api/orders?limit=5000'), 400, /query is not valid: limit/);
    expectError(await request('GET', '/api/orders?colour=red'), 400, /Unrecognized key/);
  });
});

describe('REST API: orders', () => {
  it('lists orders with several statuses, channel, seller, batch and pages, totals equal to the queues', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    const all = await request('GET', '/api/orders');
    expect(all.status).toBe(200);
    expectDocumented('listOrders', all);
    expect(all.body).toMatchObject({ total: 7 });

    const abc = await request('GET', '/api/orders?channel=woocommerce&seller_id=store_abc&limit=2&page=2');
    const page = abc.body as { total: number; orders: { order_id: string; seller_id: string }[] };
    expect(page.total).toBe(6);
    expect(page.orders.map((o) => o.order_id)).toEqual(['1004', '1003']);

    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1002', '1003', '1004'] } });
    const counts = countByStatus(core.db, undefined);
    const both = await request('GET', '/api/orders?status=label_created&status=label_failed');
    expect((both.body as { total: number }).total).toBe(counts.label_created + counts.label_failed);
    const comma = await request('GET', '/api/orders?status=label_created,label_failed');
    expect(comma.body).toEqual(both.body);
    // SQLite writes the list's JSON; each row says what the order's own page says.
    const listed = (await request('GET', '/api/orders')).body as { orders: { internal_id: number }[] };
    expect(listed.orders.map((o) => o.internal_id)).toHaveLength(7);
    for (const row of listed.orders) {
      const detail = (await request('GET', `/api/orders/id:${row.internal_id}`)).body as Record<string, unknown>;
      expect(row).toEqual(Object.fromEntries(Object.keys(row).map((k) => [k, detail[k]])));
    }
    expect(listed.orders).toContainEqual(expect.objectContaining({ has_errors: true, tracking_number: null }));
    expect(listed.orders).toContainEqual(
      expect.objectContaining({ has_errors: false, tracking_number: expect.any(String) }),
    );
    expect((both.body as { orders: { status: string }[] }).orders.map((o) => o.status).sort()).toEqual([
      'label_created',
      'label_created',
      'label_failed',
    ]);

    const batch = await request('POST', '/api/batches/create', {
      json: { channel: 'woocommerce', seller_id: 'store_abc' },
    });
    const batchId = (batch.body as { batch_id: string }).batch_id;
    const inBatch = await request('GET', `/api/orders?batch_id=${batchId}`);
    expect((inBatch.body as { orders: { order_id: string }[] }).orders.map((o) => o.order_id).sort()).toEqual([
      '1002',
      '1004',
    ]);
    expectError(await request('GET', '/api/orders?status=lost'), 400, /status/);

    // Answers are reused only until the database changes, also when another process writes it.
    const before = await request('GET', '/api/orders?status=new');
    const other = new Database(join(core.dataDir, DATABASE_FILE));
    other.prepare("UPDATE orders SET status = 'on_hold' WHERE external_id = '1005'").run();
    other.close();
    const after = await request('GET', '/api/orders?status=new');
    expect((after.body as { total: number }).total).toBe((before.body as { total: number }).total - 1);
  });

  it('lists by channel alone and by seller_id alone, totals equal to the queue of that channel or store', async () => {
    const { core, request } = await serve(clock);
    const { abc, xyz } = seed(core);
    const tea = addTeaShop(core.db);
    for (const n of [21, 22, 23])
      importOrder(core.db, { credentialId: tea, channel: 'tgshop', sellerId: 'tea_hk' }, makeOrder(n), AT);
    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1002', '1021'], carrier: 'local' } });

    const listed = async (query: string) =>
      (await request('GET', `/api/orders?${query}&limit=500`)).body as {
        total: number;
        orders: { channel: string; seller_id: string }[];
      };
    for (const [channel, queue] of [
      ['tgshop', 3],
      ['woocommerce', 7],
    ] as const) {
      const page = await listed(`channel=${channel}`);
      expect(page.total).toBe(countByStatus(core.db, undefined, { channel }).all);
      expect(page.total).toBe(queue);
      expect(new Set(page.orders.map((o) => o.channel))).toEqual(new Set([channel]));
      expect((await listed(`channel=${channel}&status=new`)).total).toBe(
        countByStatus(core.db, undefined, { channel }).new,
      );
    }
    for (const [sellerId, credentialId] of [
      ['store_abc', abc],
      ['store_xyz', xyz],
      ['tea_hk', tea],
    ] as const) {
      const page = await listed(`seller_id=${sellerId}`);
      expect(page.total).toBe(countByStatus(core.db, undefined, { credentialId }).all);
      expect(page.orders.map((o) => o.seller_id)).toEqual(Array(page.total).fill(sellerId));
      expect((await listed(`seller_id=${sellerId}&status=label_created`)).total).toBe(
        countByStatus(core.db, undefined, { credentialId }).label_created,
      );
    }
    expect((await listed('seller_id=store_abc')).total).toBe(6);
    expect((await listed('channel=shopify')).total).toBe(0);
    expect((await listed('seller_id=nobody')).total).toBe(0);
  });

  it('names orders by the channel id, says which when two shops share one, and accepts id:N', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    const one = await request('GET', '/api/orders/1002');
    expect(one.status).toBe(200);
    expectDocumented('getOrder', one);
    expect(one.body).toMatchObject({
      order_id: '1002',
      channel: 'woocommerce',
      status: 'new',
      items: [
        { sku: 'TEE-BLK-M', name: 'T-Shirt black M', quantity: 2 },
        { sku: 'MUG-2', quantity: 1 },
      ],
      shipping_address: { country: 'CN', city: '北京', postcode: '100020', address_line1: '建国路88号' },
      logs: [{ from_status: null, to_status: 'new' }],
    });

    const shared = await request('GET', '/api/orders/1001');
    expectError(
      shared,
      409,
      /Several shops have an order 1001: id:\d+ \(woocommerce store_abc\), id:\d+ \(woocommerce store_xyz\)/,
    );
    const candidates = (shared.body as { details: { candidates: { id: string; seller_id: string }[] } }).details
      .candidates;
    const xyz = candidates.find((c) => c.seller_id === 'store_xyz')!;
    const byId = await request('GET', `/api/orders/${xyz.id}`);
    expect(byId.body).toMatchObject({ order_id: '1001', seller_id: 'store_xyz', internal_id: Number(xyz.id.slice(3)) });

    expectError(await request('GET', '/api/orders/9999'), 404, /no order 9999 in any connected shop/);
    expectError(await request('GET', '/api/orders/id:9999'), 404, /no order with PackDesk id 9999/);
  });

  it('pulls by channel and seller, refusing shops that do not exist', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    expectError(await request('POST', '/api/orders/pull', { json: { channel: 'shopify' } }), 404, /No shopify shop/);
    expectError(await request('POST', '/api/orders/pull', { json: { seller_id: 'store_abc' } }), 400, /channel/);
    // The test shops point at a closed port: the refusal names the shop, nothing is lost.
    const res = await request('POST', '/api/orders/pull', { json: { channel: 'woocommerce', seller_id: 'store_abc' } });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 502, error: expect.any(String) });
  });
});

describe('REST API: pulling from a shop', () => {
  const KEY = 'ck_live_0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f';
  const SECRET = 'cs_live_a1b2c3d4e5f60718293a4b5c6d7e8f90';

  it('pulls one shop with {pulled, new_orders, failed}, and every shop with one down as a 502 carrying what the others brought', async () => {
    const orders = sampleWooOrders({ count: 40, now: NOW });
    const sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: orders.slice(0, 12) });
    onTestFinished(() => sim.close());
    const { core, request } = await serve(clock);
    const added = await request('POST', '/api/credentials', {
      json: {
        type: 'order_channel',
        provider_code: 'woocommerce',
        external_id: 'store_sim',
        display_name: 'Müller Tees',
        api_key: KEY,
        api_secret: SECRET,
        base_url: sim.url,
      },
    });
    expect(added.status).toBe(201);
    const listed = async () => ((await request('GET', '/api/orders')).body as { total: number }).total;
    expect(await listed()).toBe(0);

    const pulled = await request('POST', '/api/orders/pull', {
      json: { channel: 'woocommerce', seller_id: 'store_sim' },
    });
    expect(pulled.status).toBe(200);
    expectDocumented('pullOrders', pulled);
    const first = pulled.body as { pulled: number; new_orders: number; failed: number };
    expect(first.new_orders).toBeGreaterThan(0);
    expect(first.new_orders).toBe(await listed());
    expect(first.pulled).toBeGreaterThanOrEqual(first.new_orders);
    // Orders the shop sent that cannot be packed are kept as exceptions, and counted as failed.
    expect(first.failed).toBe(((await request('GET', '/api/orders?status=exception')).body as { total: number }).total);
    expect(await request('POST', '/api/orders/pull', { json: { channel: 'woocommerce' } })).toMatchObject({
      status: 200,
      body: { new_orders: 0 },
    });

    // A second shop whose address answers nothing: the pull of every shop still brings the
    // first shop's new order, and the answer says both.
    addShop(core.db, 'store_down');
    sim.upsertOrder(orders.slice(12).find((o) => o.status === 'processing')!);
    const before = await listed();
    const all = await request('POST', '/api/orders/pull', { json: {} });
    expectError(all, 502, /shop at http:\/\/127\.0\.0\.1:1 could not be reached/);
    expect(all.body).toMatchObject({ details: { partial: { pulled: 1, new_orders: 1, failed: 0 } } });
    expect(await listed()).toBe(before + 1);
  });
});

describe('REST API: labels', () => {
  it("makes labels without a carrier with each shop's default, and PackDesk's own where a shop has none", async () => {
    const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
    onTestFinished(() => sim.close());
    const { core, request } = await serve(clock);
    const { abc } = seed(core);
    addDhlAccount(core.db, sim.url);
    const set = await dispatch(core.api, 'credentials.setLabelDefault', {
      id: abc,
      choice: { carrier: 'dhl', service: 'V62KP' },
    });
    expect(set.ok).toBe(true);
    const shared = await request('GET', '/api/orders/1001');
    const xyzOrder = (
      shared.body as { details: { candidates: { id: string; seller_id: string }[] } }
    ).details.candidates.find((c) => c.seller_id === 'store_xyz')!.id;

    const made = await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1005', xyzOrder] } });
    expect(made.body).toEqual({ success: ['1005', xyzOrder], failed: [] });
    expect(sim.shipments().map((s) => s.product)).toEqual(['V62KP']);
    expect(await request('GET', '/api/orders/1005')).toMatchObject({
      body: { label: { carrier: 'dhl', service: 'V62KP' } },
    });
    expect(await request('GET', `/api/orders/${xyzOrder}`)).toMatchObject({ body: { label: { carrier: 'local' } } });
  });

  it('makes labels per order, failing one in words, and retries it once the address is fixed', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    const res = await request('POST', '/api/orders/generate_labels', {
      json: { order_ids: ['1002', '1003', '7777', '1001'], carrier: 'local' },
    });
    expect(res.status).toBe(200);
    expectDocumented('generateLabels', res);
    expect(res.body).toEqual({
      success: ['1002'],
      failed: [
        { order_id: '7777', error: expect.stringMatching(/no order 7777/) },
        { order_id: '1001', error: expect.stringMatching(/Several shops/) },
        { order_id: '1003', error: 'Order 1003: Shipping address has no postcode.' },
      ],
    });
    const errors = await request('GET', '/api/orders/1003/errors');
    expectDocumented('getOrderErrors', errors);
    expect(errors.body).toEqual([
      expect.objectContaining({
        step: 'label',
        error_type: 'address',
        message: 'Shipping address has no postcode',
        resolved: false,
      }),
    ]);

    expectError(
      await request('POST', '/api/orders/1002/retry_label', { json: {} }),
      409,
      /label_created, not label_failed/,
    );
    core.db.$client.prepare("UPDATE orders SET ship_postcode = '80331' WHERE external_id = '1003'").run();
    const retry = await request('POST', '/api/orders/1003/retry_label');
    expect(retry.body).toEqual({ success: ['1003'], failed: [] });
    const logs = await request('GET', '/api/orders/1003/logs');
    expectDocumented('getOrderLogs', logs);
    expect((logs.body as { to_status: string }[]).map((l) => l.to_status)).toEqual([
      'new',
      'waiting_labels',
      'label_failed',
      'waiting_labels',
      'label_created',
    ]);
    expect(await request('GET', '/api/orders/1003/errors')).toMatchObject({ body: [{ resolved: true }] });
  });

  it('retries a failed label with the carrier and service it failed with, whether DHL or our own check refused it', async () => {
    const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
    onTestFinished(() => sim.close());
    const { core, request } = await serve(clock);
    seed(core);
    addDhlAccount(core.db, sim.url);
    sim.misbehave.rejectStreet('Müllerstraße');
    // 1005: DHL refuses the street; 1003: no postcode, refused before DHL is asked.
    const made = await request('POST', '/api/orders/generate_labels', {
      json: { order_ids: ['1003', '1005'], carrier: 'dhl', service: 'V62KP' },
    });
    expect(made.body).toMatchObject({ success: [], failed: [{ order_id: '1003' }, { order_id: '1005' }] });
    expect(sim.shipments()).toHaveLength(0);
    const summary = await request('GET', '/api/dashboard/summary');
    expect(summary.body).toMatchObject({ label_attempts: [{ carrier: 'dhl', attempts: 2, failed: 2 }] });

    core.db.$client
      .prepare(
        "UPDATE orders SET ship_line1 = 'Hauptstraße 5', ship_postcode = '80331' WHERE external_id IN ('1003', '1005')",
      )
      .run();
    for (const id of ['1003', '1005']) {
      const retry = await request('POST', `/api/orders/${id}/retry_label`, { json: {} });
      expect(retry.body).toEqual({ success: [id], failed: [] });
    }
    expect(sim.shipments().map((s) => s.product)).toEqual(['V62KP', 'V62KP']);
    const label = await request('GET', '/api/orders/1003');
    expect(label.body).toMatchObject({ status: 'label_created', label: { carrier: 'dhl', service: 'V62KP' } });
  });

  it('queues tracking sync for labelled orders and says why the others cannot be synced', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    const made = await request('POST', '/api/orders/generate_labels', {
      json: { order_ids: ['1002'], carrier: 'local', service: 'standard' },
    });
    expect(made.body).toEqual({ success: ['1002'], failed: [] });
    const res = await request('POST', '/api/orders/sync_tracking', { json: { order_ids: ['1002', '1004', 'nope'] } });
    expect(res.status).toBe(200);
    expectDocumented('syncTracking', res);
    expect(res.body).toMatchObject({
      success: ['1002'],
      failed: [
        { order_id: 'nope', error: expect.stringMatching(/nope/) },
        { order_id: '1004', error: expect.stringMatching(/label/) },
      ],
    });
    const jobs = core.db.$client.prepare("SELECT count(*) AS n FROM outbox_jobs WHERE kind = 'tracking_sync'").get();
    expect(jobs).toEqual({ n: 1 });
    expectError(
      await request('POST', '/api/orders/sync_tracking', { json: { order_ids: [] } }),
      400,
      /at least one order/,
    );
  });
});

describe('REST API: batches and credentials', () => {
  it('creates a batch by channel and seller, lists it and downloads its ZIP', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1002', '1004'] } });
    expectError(
      await request('POST', '/api/batches/create', { json: { channel: 'woocommerce' } }),
      400,
      /Several woocommerce shops/,
    );
    const created = await request('POST', '/api/batches/create', {
      json: { channel: 'woocommerce', seller_id: 'store_abc' },
    });
    expect(created.status).toBe(201);
    expectDocumented('createBatch', created);
    expect(created.body).toEqual({ batch_id: expect.stringMatching(/^BATCH_woocommerce_\d{8}_001$/), order_count: 2 });
    const batchId = (created.body as { batch_id: string }).batch_id;
    expectError(
      await request('POST', '/api/batches/create', { json: { channel: 'woocommerce', seller_id: 'store_abc' } }),
      409,
      /No orders of Shop store_abc are ready/,
    );

    const list = await request('GET', '/api/batches');
    expectDocumented('listBatches', list);
    expect(list.body).toEqual([
      expect.objectContaining({
        batch_id: batchId,
        status: 'created',
        order_count: 2,
        file_url: `/api/batches/${batchId}/download`,
      }),
    ]);
    const zip = await request('GET', `/api/batches/${batchId}/download`);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    const files = Object.keys((await JSZip.loadAsync(zip.bytes)).files);
    expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
    expectError(await request('GET', '/api/batches/BATCH_none/download'), 404, /no batch BATCH_none/);
  });

  it('adds and updates accounts with base_url and settings, never echoing or storing a secret in the clear', async () => {
    const { core, request } = await serve(clock);
    const added = await request('POST', '/api/credentials', {
      json: {
        type: 'logistics',
        provider_code: 'dhl',
        external_id: 'dhl_account_x',
        api_key: 'KEY-SECRET-1',
        api_secret: 'SECRET-SECRET-2',
        base_url: 'https://api-sandbox.dhl.com/parcel/de/shipping/v2',
        settings: { billingNumber: '33333333330101' },
      },
    });
    expect(added.status).toBe(201);
    expectDocumented('saveCredential', added);
    const updated = await request('POST', '/api/credentials', {
      json: {
        type: 'logistics',
        provider_code: 'dhl',
        external_id: 'dhl_account_x',
        is_active: false,
        display_name: 'DHL main',
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: (added.body as { id: number }).id,
      is_active: false,
      display_name: 'DHL main',
    });
    const list = await request('GET', '/api/credentials');
    expectDocumented('listCredentials', list);
    expect(list.body).toEqual([
      expect.objectContaining({
        type: 'logistics',
        provider_code: 'dhl',
        external_id: 'dhl_account_x',
        base_url: 'https://api-sandbox.dhl.com/parcel/de/shipping/v2',
      }),
    ]);
    for (const res of [added, updated, list])
      expect(new TextDecoder().decode(res.bytes)).not.toMatch(/SECRET|api_key|api_secret|settings/);
    const stored = JSON.stringify(core.db.$client.prepare('SELECT * FROM credentials').all());
    expect(stored).not.toContain('SECRET');
    expect(stored).toContain('33333333330101');

    expectError(
      await request('POST', '/api/credentials', {
        json: { type: 'logistics', provider_code: 'pigeon', external_id: 'x', api_key: 'a', api_secret: 'b' },
      }),
      400,
      /knows no carrier called pigeon/,
    );
    // A new account brings the secrets its provider needs: what the Channels form asks for a shop.
    expectError(
      await request('POST', '/api/credentials', {
        json: { type: 'order_channel', provider_code: 'shopify', external_id: 'x' },
      }),
      400,
      /Enter the Admin API access token of the Shopify shop/,
    );
    expectError(
      await request('POST', '/api/credentials', {
        json: { type: 'logistics', provider_code: 'dhl', external_id: 'dhl_other', api_key: 'a' },
      }),
      400,
      /needs both api_key and api_secret/,
    );
    expectError(
      await request('POST', '/api/credentials', {
        json: {
          type: 'order_channel',
          provider_code: 'dhl',
          external_id: 'dhl_account_x',
          api_key: 'a',
          api_secret: 'b',
        },
      }),
      400,
      /knows no shop called dhl/,
    );
  });
});

describe('REST API: exceptions and dashboard', () => {
  it('lists failed orders by step, error type and time', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1003', '1005'] } });
    const failed = await request('GET', '/api/orders/failed?step=label');
    expectDocumented('listFailedOrders', failed);
    expect(failed.body).toMatchObject({
      total: 1,
      orders: [
        {
          order_id: '1003',
          status: 'label_failed',
          error_count: 1,
          last_error: { step: 'label', error_type: 'address' },
        },
      ],
    });
    expect(
      await request(
        'GET',
        '/api/orders/failed?error_type=address&from=2026-11-20T11:00:00Z&to=2026-11-20T13:00:00%2B00:00',
      ),
    ).toMatchObject({ body: { total: 1 } });
    expect(await request('GET', '/api/orders/failed?from=2026-11-20T12:00:01Z')).toMatchObject({ body: { total: 0 } });
    expect(await request('GET', '/api/orders/failed?step=pull')).toMatchObject({ body: { total: 0 } });
    expectError(await request('GET', '/api/orders/failed?from=yesterday'), 400, /from/);
    expectError(await request('GET', '/api/orders/failed?step=lunch'), 400, /step/);
  });

  it('summarises the day with numbers equal to the queues', async () => {
    const { core, request } = await serve(clock);
    seed(core);
    // Asked before the writes too: a cached answer must not outlive a change.
    expect(await request('GET', '/api/dashboard/summary')).toMatchObject({
      body: { pending_labels: 7, label_failed: 0 },
    });
    expect(await request('GET', '/api/orders?status=label_failed')).toMatchObject({ body: { total: 0 } });
    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1002', '1003', '1004'] } });
    await request('POST', '/api/batches/create', { json: { channel: 'woocommerce', seller_id: 'store_abc' } });
    const res = await request('GET', '/api/dashboard/summary');
    expect(res.status).toBe(200);
    expectDocumented('dashboardSummary', res);
    const counts = countByStatus(core.db, undefined);
    const total = async (query: string) =>
      ((await request('GET', `/api/orders?${query}`)).body as { total: number }).total;
    expect(res.body).toMatchObject({
      total_orders_today: 7,
      pending_labels: await total('status=new,waiting_labels'),
      label_failed: await total('status=label_failed'),
      synced_not_batched: await total('status=synced'),
      batches_today: ((await request('GET', '/api/batches')).body as unknown[]).length,
      by_status: counts,
      amount_today: [{ currency: 'EUR', amount: '209.30', orders: 7 }],
      // Every order so far, placed today as it happens; none cancelled.
      amount_all_time: [{ currency: 'EUR', amount: '209.30', orders: counts.all - counts.cancelled }],
      orders_per_day: [{ day: '2026-11-20', channel: 'woocommerce', orders: 7 }],
      // The order refused for its address before any carrier call counts as a failed attempt too.
      label_attempts: [{ carrier: 'local', attempts: 3, failed: await total('status=label_failed') }],
      outbox_backlog: [],
    });
    expect(res.body).toMatchObject({ pending_labels: 4, label_failed: 1 });
  });
});

describe('REST API: dashboard charts', () => {
  it('charts two weeks of orders per day and channel, and a tracking sync waiting on a shop that is down', async () => {
    const { core, request } = await serve(clock);
    const woo = addShop(core.db, 'store_abc');
    const tea = addTeaShop(core.db);
    // Noon UTC is the same calendar day wherever the station is (UTC-11 to UTC+11).
    const placed = (daysAgo: number) => new Date(Date.UTC(2026, 10, 20 - daysAgo, 12)).toISOString();
    const plan: [number, number, number][] = [
      // [days ago, WooCommerce orders, Telegram shop orders]
      [20, 3, 1], // older than the chart's two weeks
      [13, 1, 0],
      [2, 2, 1],
      [1, 4, 0],
      [0, 2, 3],
    ];
    let n = 0;
    for (const [daysAgo, wooOrders, teaOrders] of plan) {
      for (let i = 0; i < wooOrders + teaOrders; i++) {
        n++;
        const source =
          i < wooOrders
            ? { credentialId: woo, channel: 'woocommerce', sellerId: 'store_abc' }
            : { credentialId: tea, channel: 'tgshop', sellerId: 'tea_hk' };
        importOrder(core.db, source, makeOrder(n, { placedAt: placed(daysAgo) }), AT);
      }
    }
    // The last WooCommerce order of today gets a label; its tracking sync then waits on a shop
    // whose address answers nothing.
    await request('POST', '/api/orders/generate_labels', {
      json: { order_ids: [String(1000 + n - 3)], carrier: 'local' },
    });
    expect(
      await request('POST', '/api/orders/sync_tracking', { json: { order_ids: [String(1000 + n - 3)] } }),
    ).toMatchObject({
      body: { success: [String(1000 + n - 3)] },
    });
    await expect
      .poll(
        () =>
          core.db.$client.prepare('SELECT state, last_error FROM outbox_jobs').get() as { last_error: string | null },
      )
      .toMatchObject({ state: 'waiting', last_error: expect.any(String) });

    const res = await request('GET', '/api/dashboard/summary');
    expectDocumented('dashboardSummary', res);
    expect(res.body).toMatchObject({
      total_orders_today: 5,
      orders_per_day: [
        { day: '2026-11-07', channel: 'woocommerce', orders: 1 },
        { day: '2026-11-18', channel: 'tgshop', orders: 1 },
        { day: '2026-11-18', channel: 'woocommerce', orders: 2 },
        { day: '2026-11-19', channel: 'woocommerce', orders: 4 },
        { day: '2026-11-20', channel: 'tgshop', orders: 3 },
        { day: '2026-11-20', channel: 'woocommerce', orders: 2 },
      ],
      outbox_backlog: [{ kind: 'tracking_sync', state: 'waiting', jobs: 1, oldest_at: NOW.toISOString() }],
    });
    // The chart adds up to the orders of those days in the list.
    const charted = (res.body as { orders_per_day: { orders: number }[] }).orders_per_day.reduce(
      (t, d) => t + d.orders,
      0,
    );
    const total = ((await request('GET', '/api/orders')).body as { total: number }).total;
    expect(charted).toBe(total - 4);
  });
});

describe('REST API: OpenAPI document and docs page', () => {
  it('documents every endpoint from its schemas, readable without a token, and renders docs with no outside resource', async () => {
    const { request } = await serve();
    const doc = await request('GET', '/api/openapi.json', { token: null });
    expect(doc.status).toBe(200);
    const openapi = doc.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[] }>>;
    };
    expect(openapi.openapi).toBe('3.1.0');
    for (const e of ENDPOINTS) expect(openapi.paths[e.path]?.[e.method.toLowerCase()]?.operationId).toBe(e.operationId);
    expect(openapi.paths['/api/orders']!.get!.parameters.map((p) => p.name)).toEqual([
      'status',
      'channel',
      'seller_id',
      'batch_id',
      'page',
      'limit',
    ]);
    expect(Object.keys(openapi.paths).length).toBe(14);

    const docs = await request('GET', '/api/docs', { token: null });
    expect(docs.type).toContain('text/html');
    const html = docs.body as string;
    for (const e of ENDPOINTS) expect(html).toContain(`id="${e.operationId}"`);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect((await request('GET', '/api/docs.css', { token: null })).status).toBe(200);
  });
});
