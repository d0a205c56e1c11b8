/**
 * Shopify tracking sync through the outbox against the Shopify simulator over real HTTP and a real
 * SQLite file: each order fulfilled exactly once with its tracking (by the sim's own counts), also
 * when the store's answer to fulfillmentCreate is lost, and a store that has nothing left to fulfil
 * refusing in words.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullChannel } from '../../src/main/core/channels/pull';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { syncTracking, TRACKING_SYNC, trackingSyncKind } from '../../src/main/core/outbox/tracking-sync';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../../sim/shopify/sample-orders';
import { startShopifySim, type ShopifySim } from '../../sim/shopify/server';
import { AT, testBox } from '../support/orders';
import { labelOrders, until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: ShopifySim;
let db: Db;
let runner: OutboxRunner;
const adapter = () => createShopifyAdapter({ maxAttempts: 1, timeoutMs: 5_000 });

beforeEach(async () => {
  sim = await startShopifySim({ accessToken: TOKEN, orders: sampleShopifyOrders({ count: 6, now: new Date() }) });
  db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
  const credentialId = addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'shopify',
      externalId: 'sim-store',
      displayName: 'Sim store',
      baseUrl: sim.url,
      settings: {},
      secrets: { apiKey: TOKEN, apiSecret: '' },
    },
    AT,
  );
  await pullChannel({ db, box: testBox, clock: () => new Date(AT), adapters: { shopify: adapter() } }, credentialId);
  runner = createOutboxRunner({
    db,
    clock: () => new Date(),
    kinds: { [TRACKING_SYNC]: trackingSyncKind({ db, box: testBox, channels: { shopify: adapter() } }) },
    retry: { baseMs: 20, maxMs: 200 },
    circuit: { baseMs: 20, maxMs: 200 },
  });
  runner.start();
});
afterEach(async () => {
  await runner.stop();
  closeDatabase(db);
  await sim.close();
});

const jobsIn = (state: string) =>
  (db.$client.prepare('SELECT count(*) AS n FROM outbox_jobs WHERE state = ?').get(state) as { n: number }).n;
const statusOf = (id: number) =>
  (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status;
const creates = () => sim.requests.operations.PackDeskFulfillmentCreate ?? 0;

function sync(ids: number[]): void {
  expect(syncTracking(db, ids, new Date().toISOString()).failed).toEqual([]);
  runner.wake();
}

describe('Shopify tracking sync through the outbox', () => {
  it('fulfils each order once with its tracking, even when the answer to fulfillmentCreate is lost', async () => {
    const orders = labelOrders(db, 4, AT);
    db.$client.prepare("UPDATE orders SET carrier = 'dhl' WHERE id = ?").run(orders[0]!.id);
    sim.misbehave.loseNextFulfillmentAnswer();
    sync(orders.map((o) => o.id));

    await until(() => jobsIn('done') === 4, 'every job is done');
    for (const o of orders) {
      expect(statusOf(o.id)).toBe('synced');
      const made = sim.fulfillments(o.externalId);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({ notifyCustomer: true, trackingInfo: [{ number: o.tracking }] });
      expect(sim.getOrder(o.externalId)?.displayFulfillmentStatus).toBe('FULFILLED');
    }
    // The lost answer was retried as a read that found the fulfillment, not as a second create.
    expect(creates()).toBe(4);
    expect(sim.fulfillments(orders[0]!.externalId)[0]?.trackingInfo[0]).toMatchObject({
      company: 'DHL Parcel',
      url: expect.stringContaining(`piececode=${orders[0]!.tracking}`) as unknown,
    });
    expect(sim.fulfillments(orders[1]!.externalId)[0]?.trackingInfo[0]).toMatchObject({
      company: 'Own delivery',
      url: null,
    });
    const notes = db.$client
      .prepare("SELECT reason FROM order_logs WHERE to_status = 'synced' ORDER BY order_id")
      .all() as { reason: string }[];
    expect(notes.filter((n) => n.reason.includes('(the shop already had it)'))).toHaveLength(1);
  });

  it('records in words when the store has nothing left to fulfil, and sends nothing', async () => {
    const [order] = labelOrders(db, 1, AT);
    const stored = sim.getOrder(order!.externalId)!;
    for (const fo of stored.fulfillmentOrders.nodes) fo.status = 'CLOSED';
    sim.upsertOrder(stored);
    sync([order!.id]);

    await until(() => jobsIn('failed') === 1, 'the job is refused');
    expect(creates()).toBe(0);
    expect(statusOf(order!.id)).toBe('label_created');
    const error = db.$client
      .prepare("SELECT error_type, message FROM order_errors WHERE order_id = ? AND step = 'sync'")
      .get(order!.id) as { error_type: string; message: string };
    expect(error.error_type).toBe('refused');
    expect(error.message).toMatch(/has nothing left to fulfil .* its tracking LP\d+DE was not sent/);
  });
});
