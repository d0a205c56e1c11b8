/**
 * Tracking sync through the outbox against the WooCommerce simulator over real HTTP and a real
 * SQLite file: the shop down (jobs wait, the runner probes instead of hammering), the shop up
 * (jobs drain, each exactly once at the shop, by the sim's counts), shops with and without the
 * Shipment Tracking extension, a lost answer, a refusal, and a restart with jobs cut off mid-run.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { syncTracking, TRACKING_SYNC, trackingSyncKind } from '../../src/main/core/outbox/tracking-sync';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { AT, testBox } from '../support/orders';
import { connectShop, labelOrders, outboxWooAdapter, until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: WooSim;
let db: Db;
let runner: OutboxRunner | null;
let file: string;

beforeEach(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ now: new Date() }) });
  file = join(tempDir(), 'packdesk.sqlite');
  db = openDatabase(file);
  runner = null;
});
afterEach(async () => {
  await runner?.stop();
  closeDatabase(db);
  await sim.close();
});

/** `random` fixes the jitter where a test counts tries. */
function startRunner(random?: () => number): OutboxRunner {
  runner = createOutboxRunner({
    ...(random ? { random } : {}),
    db,
    clock: () => new Date(),
    kinds: { [TRACKING_SYNC]: trackingSyncKind({ db, box: testBox, channels: { woocommerce: outboxWooAdapter() } }) },
    retry: { baseMs: 20, maxMs: 200 },
    circuit: { baseMs: 40, maxMs: 200 },
  });
  runner.start();
  return runner;
}

const statusOf = (id: number) =>
  (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status;
const jobsIn = (state: string) =>
  (db.$client.prepare('SELECT count(*) AS n FROM outbox_jobs WHERE state = ?').get(state) as { n: number }).n;
const posts = (externalId: number) =>
  sim.requests.byCall[`POST /wp-json/wc-shipment-tracking/v3/orders/${externalId}/shipment-trackings`] ?? 0;
const syncErrors = (id: number) =>
  db.$client
    .prepare("SELECT error_type, message, resolved_at FROM order_errors WHERE order_id = ? AND step = 'sync'")
    .all(id) as { error_type: string; message: string; resolved_at: string | null }[];

describe('tracking sync through the outbox', () => {
  it('waits while the shop refuses connections and delivers each tracking exactly once when it is back', async () => {
    await connectShop(db, sim.url, AT);
    const orders = labelOrders(db, 12, AT);
    await sim.setDown('refuse');
    const r = startRunner();
    expect(
      syncTracking(
        db,
        orders.map((o) => o.id),
        new Date().toISOString(),
      ),
    ).toEqual({
      queued: orders.map((o) => o.id),
      failed: [],
    });
    r.wake();

    await until(() => r.outages().length === 1, 'the shop is known to be unreachable');
    const outage = r.outages()[0]!;
    expect(outage.lastError).toMatch(/refused the connection/);
    // The circuit holds the queue: while the shop is down only probes go out, never the 12 jobs at once.
    const attempts = (db.$client.prepare('SELECT sum(attempts) AS n FROM outbox_jobs').get() as { n: number }).n;
    expect(attempts).toBeLessThan(12);
    expect(statusOf(orders[0]!.id)).toBe('label_created');
    const firstTried = db.$client
      .prepare('SELECT order_id FROM outbox_jobs WHERE attempts > 0 ORDER BY id LIMIT 1')
      .get() as { order_id: number };
    expect(syncErrors(firstTried.order_id)[0]).toMatchObject({ error_type: 'unreachable', resolved_at: null });
    expect(syncErrors(firstTried.order_id)[0]?.message).toMatch(/sends it when the shop answers/);

    await sim.setDown(null);
    await until(() => jobsIn('done') === 12, 'every job is done');
    for (const o of orders) {
      expect(statusOf(o.id)).toBe('synced');
      expect(sim.trackings(o.externalId).map((t) => t.tracking_number)).toEqual([o.tracking]);
      expect(posts(o.externalId)).toBe(1);
    }
    expect(syncErrors(firstTried.order_id)[0]?.resolved_at).not.toBeNull();
    expect(r.outages()).toEqual([]);
    const log = db.$client
      .prepare("SELECT reason FROM order_logs WHERE order_id = ? AND to_status = 'synced'")
      .get(orders[0]!.id) as { reason: string };
    expect(log.reason).toMatch(/Tracking LP\d+DE sent to Sim shop by Shipment Tracking/);
  });

  it('probes a shop answering 503 with growing pauses instead of hammering it', async () => {
    const shop = await connectShop(db, sim.url, AT);
    const orders = labelOrders(db, 30, AT);
    await sim.setDown('503');
    // No jitter: the pauses are 40, 80, 160, 200 ms whatever the machine's load.
    const r = startRunner(() => 1);
    syncTracking(
      db,
      orders.map((o) => o.id),
      new Date().toISOString(),
    );
    r.wake();
    const before = sim.requests.total;
    await until(() => (r.outages()[0]?.nextTryAt ?? '') > new Date(Date.now() + 150).toISOString(), 'long pauses');
    // 30 jobs, but the circuit lets only single probes through, each after a longer pause.
    expect(sim.requests.total - before).toBeLessThan(10);
    expect(r.outages()[0]?.lastError).toMatch(/503/);
    await sim.setDown(null);
    // "Retry now" on the review screen: no waiting out the pause.
    r.resetProvider(shop);
    await until(() => jobsIn('done') === 30, 'every job is done');
    for (const o of orders) expect(posts(o.externalId)).toBe(1);
  });

  it('writes an order note and completes the order when the shop has no Shipment Tracking', async () => {
    sim.setShipmentTracking(false);
    await connectShop(db, sim.url, AT);
    const orders = labelOrders(db, 3, AT);
    const r = startRunner();
    syncTracking(
      db,
      orders.map((o) => o.id),
      AT,
    );
    r.wake();
    await until(() => jobsIn('done') === 3, 'every job is done');
    for (const o of orders) {
      expect(statusOf(o.id)).toBe('synced');
      expect(sim.notes(o.externalId).map((n) => n.note)).toEqual([expect.stringContaining(o.tracking)]);
      expect(sim.getOrder(o.externalId)?.status).toBe('completed');
      expect(sim.requests.byCall[`POST /wp-json/wc/v3/orders/${o.externalId}/notes`]).toBe(1);
      expect(sim.requests.byCall[`PUT /wp-json/wc/v3/orders/${o.externalId}`]).toBe(1);
    }
  });

  it('does not send again what an earlier try already delivered (its answer was lost)', async () => {
    await connectShop(db, sim.url, AT);
    const [order] = labelOrders(db, 1, AT);
    // The earlier try reached the shop; PackDesk died before it wrote that down.
    await outboxWooAdapter().syncTracking!(
      { baseUrl: sim.url, apiKey: KEY, apiSecret: SECRET, settings: {} },
      {
        externalId: String(order!.externalId),
        trackingNumber: order!.tracking,
        carrier: 'local',
        shippedOn: '2026-11-24',
      },
    );
    syncTracking(db, [order!.id], AT);
    db.$client.prepare("UPDATE outbox_jobs SET state = 'running', attempts = 1").run();

    const r = startRunner();
    await until(() => jobsIn('done') === 1, 'the job is done');
    expect(posts(order!.externalId)).toBe(1);
    expect(sim.trackings(order!.externalId)).toHaveLength(1);
    expect(statusOf(order!.id)).toBe('synced');
    expect(r.outages()).toEqual([]);
  });

  it('stops at a refusal, says why on the order, and asking again queues it once more', async () => {
    await connectShop(db, sim.url, AT);
    const [order] = labelOrders(db, 1, AT);
    sim.setOrders(sampleWooOrders({ now: new Date() }).filter((o) => o.id !== order!.externalId));
    const r = startRunner();
    syncTracking(db, [order!.id, order!.id], AT);
    r.wake();
    await until(() => jobsIn('failed') === 1, 'the job failed');
    const [error] = syncErrors(order!.id);
    expect(error).toMatchObject({ error_type: 'refused', resolved_at: null });
    expect(error?.message).toMatch(/refused the request \(404/);
    expect(statusOf(order!.id)).toBe('label_created');
    expect(r.outages()).toEqual([]);

    // Twice asked, still one job; an order without a label is refused in words.
    expect(syncTracking(db, [order!.id], AT).queued).toEqual([order!.id]);
    expect(jobsIn('failed') + jobsIn('waiting') + jobsIn('running')).toBe(1);
    const [unlabelled] = db.$client
      .prepare("SELECT id FROM orders WHERE status = 'new' LIMIT 1")
      .pluck()
      .all() as number[];
    expect(syncTracking(db, [unlabelled!], AT).failed[0]?.error).toMatch(/has no label yet/);
  });
});
