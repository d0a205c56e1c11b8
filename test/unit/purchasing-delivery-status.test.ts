/**
 * Changing an inbound purchase order's delivery status: the change and its outbox job in one
 * transaction, sent once at the purchasing simulator (by its PATCH count) through an outage, a
 * lost answer and a restart; a worker's lock and a soft delete respected and named in words; an
 * older change overtaken by a newer one; and the contract's inbound calls through the handlers.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { dispatch } from '../../src/main/core/dispatch';
import {
  deliveryStatusKind,
  PURCHASING_DELIVERY_STATUS,
  setDeliveryStatus,
} from '../../src/main/core/inbound/delivery-status';
import { pullInbound } from '../../src/main/core/inbound/inbound-pull';
import { getInbound, listInbound } from '../../src/main/core/inbound/inbound-queue';
import { createPurchasingClient } from '../../src/main/core/inbound/purchasing-http';
import { listOutbox } from '../../src/main/core/outbox/outbox-review';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { samplePurchaseOrders } from '../../sim/purchasing/sample-orders';
import { startPurchasingSim, type PurchasingSim } from '../../sim/purchasing/server';
import { addWarehouse, testBox } from '../support/orders';
import { until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const TOKEN = 'batch-stats-token-4f1c9a7b';
const tempDir = useTempDir();
const clock = () => new Date();
const client = createPurchasingClient({ maxAttempts: 1, timeoutMs: 2_000 });
let sim: PurchasingSim;
let db: Db;
let file: string;
let runner: OutboxRunner | null;
let credentialId: number;

beforeEach(async () => {
  sim = await startPurchasingSim({ token: TOKEN, orders: samplePurchaseOrders({ count: 12 }) });
  file = join(tempDir(), 'packdesk.sqlite');
  db = openDatabase(file);
  runner = null;
  credentialId = addWarehouse(db, sim.url, TOKEN);
  await pullInbound({ db, box: testBox, clock, client }, credentialId);
});
afterEach(async () => {
  await runner?.stop();
  closeDatabase(db);
  await sim.close();
});

function startRunner(): OutboxRunner {
  runner = createOutboxRunner({
    db,
    clock,
    kinds: { [PURCHASING_DELIVERY_STATUS]: deliveryStatusKind({ db, box: testBox, clock, client }) },
    retry: { baseMs: 20, maxMs: 100 },
    circuit: { baseMs: 20, maxMs: 100 },
    random: () => 0.5,
  });
  runner.start();
  return runner;
}

/** PackDesk's id of the sim's order. */
const local = (externalId: number) =>
  listInbound(db, { includeDeleted: true }, 0, 500).rows.find((r) => r.externalId === String(externalId))!.id;
const jobs = () =>
  db.$client
    .prepare('SELECT state, idempotency_key AS key, last_error AS error FROM outbox_jobs ORDER BY id')
    .all() as {
    state: string;
    key: string;
    error: string | null;
  }[];

describe('the delivery status through the outbox', () => {
  it('waits out an outage and a restart, then is PATCHed exactly once', async () => {
    const id = local(1); // pending_confirmation
    const shown = setDeliveryStatus(db, clock, id, 'shipped');
    expect(shown).toMatchObject({ deliveryStatus: 'pending_confirmation', pendingDeliveryStatus: 'shipped' });
    // Asking again for the same status queues nothing more.
    setDeliveryStatus(db, clock, id, 'shipped');
    expect(jobs()).toEqual([{ state: 'waiting', key: `${PURCHASING_DELIVERY_STATUS}:${id}:1`, error: null }]);

    // The app is closed before anything was sent, and opened again.
    closeDatabase(db);
    db = openDatabase(file);
    sim.misbehave.failNext(2, { status: 503 });
    startRunner();
    await until(() => jobs()[0]!.state === 'done', 'the change is delivered');
    expect(sim.calls.patch).toBe(1);
    expect(sim.order(1).delivery_status).toBe('shipped');
    expect(getInbound(db, id)).toMatchObject({
      deliveryStatus: 'shipped',
      pendingDeliveryStatus: null,
      deliveryStatusError: null,
    });
  });

  it('is listed in the outbox review under its purchase order number, as it has no customer order', () => {
    const numbered = local(1);
    const unnumbered = local(2);
    db.$client.prepare("UPDATE purchase_orders SET order_number = '' WHERE id = ?").run(unnumbered);
    setDeliveryStatus(db, clock, numbered, 'shipped');
    setDeliveryStatus(db, clock, unnumbered, 'in_delivery');
    const orderNumber = getInbound(db, numbered).orderNumber;
    expect(orderNumber).toMatch(/^ORD\d+$/);
    const listed = listOutbox(db, [], 'open', 0, 10).map((j) => [j.kind, j.orderNumber, j.purchaseOrderNumber]);
    expect(listed).toEqual([
      [PURCHASING_DELIVERY_STATUS, null, orderNumber],
      [PURCHASING_DELIVERY_STATUS, null, '#2'],
    ]);
  });

  it('does not PATCH again after an answer lost on the way back', async () => {
    const id = local(2); // shipped
    // The detail is answered, the PATCH is applied but its answer is cut.
    sim.misbehave.cutNextResponse(1);
    setDeliveryStatus(db, clock, id, 'in_delivery');
    startRunner();
    await until(() => jobs()[0]!.state === 'done', 'the change is confirmed');
    expect(sim.calls.patch).toBe(1);
    expect(getInbound(db, id).deliveryStatus).toBe('in_delivery');
  });

  it('refuses an order a worker holds, in words naming the worker, and never PATCHes it', async () => {
    sim.lock(3, 'worker-osaka-2');
    await pullInbound({ db, box: testBox, clock, client }, credentialId);
    expect(() => setDeliveryStatus(db, clock, local(3), 'delivered')).toThrow(
      'Worker "worker-osaka-2" holds purchase order ORD20250100003 on the purchasing server; PackDesk leaves it alone until they let go.',
    );
    expect(jobs()).toEqual([]);

    // Locked on the server after the change was queued: the job checks first and is refused.
    const id = local(4); // delivered
    setDeliveryStatus(db, clock, id, 'in_delivery');
    sim.lock(4, 'worker-kobe-1');
    startRunner();
    await until(() => jobs()[0]!.state === 'failed', 'the change is refused');
    expect(jobs()[0]!.error).toBe(
      'Not sent: worker "worker-kobe-1" holds purchase order ORD20250100004 on the purchasing server; PackDesk leaves it alone until they let go.',
    );
    expect(getInbound(db, id)).toMatchObject({
      isLocked: true,
      lockedBy: 'worker-kobe-1',
      pendingDeliveryStatus: null,
      deliveryStatus: 'delivered',
      deliveryStatusError: expect.stringContaining('worker-kobe-1') as unknown,
    });
    expect(sim.calls.patch).toBe(0);
    expect(sim.calls.patchWhileLocked).toBe(0);
  });

  it('respects a soft delete', async () => {
    const id = local(5);
    setDeliveryStatus(db, clock, id, 'shipped');
    sim.softDelete(5);
    startRunner();
    await until(() => jobs()[0]!.state === 'failed', 'the change is refused');
    expect(jobs()[0]!.error).toBe('Purchase order ORD20250100005 was deleted on the purchasing server.');
    expect(() => setDeliveryStatus(db, clock, id, 'delivered')).toThrow(/was deleted on the purchasing server/);
    expect(sim.calls.patch).toBe(0);
  });

  it('sends only the newest of two changes made while offline', async () => {
    const id = local(1);
    setDeliveryStatus(db, clock, id, 'shipped');
    setDeliveryStatus(db, clock, id, 'in_delivery');
    startRunner();
    await until(() => jobs().every((j) => j.state === 'done'), 'both jobs are closed');
    expect(sim.calls.patch).toBe(1);
    expect(sim.order(1).delivery_status).toBe('in_delivery');
    expect(getInbound(db, id)).toMatchObject({ deliveryStatus: 'in_delivery', pendingDeliveryStatus: null });
  });
});

describe('the inbound calls of the contract', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('pull, list with filters and search, open, change the status; bad input refused in words', async () => {
    const dataDir = tempDir();
    core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    const account = addWarehouse(core.db, sim.url, TOKEN);
    const api = core.api;
    expect(await api['inbound.pull']({})).toEqual({ pulled: 12, new_orders: 12, failed: 0 });
    expect(await api['orders.pull']({ credentialId: account })).toMatchObject({ new_orders: 0 });
    expect(core.db.$client.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);

    const shipped = await api['inbound.list']({
      deliveryStatus: 'shipped',
      includeDeleted: false,
      offset: 0,
      limit: 50,
    });
    expect(shipped.total).toBe(3);
    const found = await api['inbound.list']({ search: 'track100006', includeDeleted: false, offset: 0, limit: 50 });
    expect(found.rows.map((r) => r.externalId)).toEqual(['6']);
    const detail = await api['inbound.get']({ id: found.rows[0]!.id });
    expect(detail.items).toHaveLength(3);

    const changed = await api['inbound.setDeliveryStatus']({ id: detail.id, status: 'delivered' });
    expect(changed.pendingDeliveryStatus).toBe('delivered');
    await until(async () => (await api['inbound.get']({ id: detail.id })).deliveryStatus === 'delivered', 'sent');
    expect(sim.calls.patch).toBe(1);

    const bad = await dispatch(api, 'inbound.setDeliveryStatus', { id: detail.id, status: 'lost' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('Choose a delivery status') as unknown },
    });
    const missing = await dispatch(api, 'inbound.get', { id: 9999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
