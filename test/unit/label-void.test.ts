/**
 * Label voids through the outbox with a real SQLite file and real loopback HTTP to the DHL
 * simulator: the shop cancels orders whose DHL labels were bought, the pull queues one void per
 * label in the same transaction, and the runner cancels each shipment at DHL exactly once (by the
 * sim's own counts). A label DHL no longer has is a refusal in words on the order; a local label
 * has nothing to call and is just marked voided.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { createDhlCarrier } from '../../src/main/core/carriers/dhl';
import { dhlAccountOf } from '../../src/main/core/carriers/dhl-account';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { importOrder } from '../../src/main/core/orders/order-import';
import { LABEL_VOID, labelVoidKind } from '../../src/main/core/outbox/label-void';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { makeOrder, testBox } from '../support/orders';
import { until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
let sim: DhlSim;
let db: Db;
let deps: LabelDeps;
let dhlAccount: number;
let runner: OutboxRunner | null;

beforeEach(async () => {
  sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  const dataDir = tempDir();
  db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  dhlAccount = addDhlAccount(db, sim.url);
  deps = {
    db,
    clock: () => new Date('2026-11-25T10:00:00Z'),
    dataDir,
    carriers: testCarriers(db),
  };
  runner = null;
});
afterEach(async () => {
  await runner?.stop();
  closeDatabase(db);
  await sim.close();
});

function startRunner(): OutboxRunner {
  runner = createOutboxRunner({
    db,
    clock: () => new Date(),
    kinds: { [LABEL_VOID]: labelVoidKind({ db, carriers: deps.carriers }) },
    retry: { baseMs: 20, maxMs: 200 },
    circuit: { baseMs: 20, maxMs: 200 },
  });
  runner.start();
  return runner;
}

/** The shop cancels order n (as importGermanOrders numbered them) on its next pull. */
function cancelInShop(orderId: number): void {
  const { credential_id, external_id } = db.$client
    .prepare('SELECT credential_id, external_id FROM orders WHERE id = ?')
    .get(orderId) as { credential_id: number; external_id: string };
  const n = Number(external_id) - 1000;
  const order = makeOrder(n, { cancelled: true, channelStatus: 'cancelled', modifiedAt: '2026-11-25T11:00:00.000Z' });
  importOrder(
    db,
    { credentialId: credential_id, channel: 'woocommerce', sellerId: 'store_abc' },
    order,
    '2026-11-25T11:00:00.000Z',
  );
}

const labelOf = (orderId: number) =>
  db.$client.prepare('SELECT id, state, tracking_number FROM labels WHERE order_id = ?').get(orderId) as {
    id: number;
    state: string;
    tracking_number: string;
  };
const jobsIn = (state: string) =>
  (db.$client.prepare('SELECT count(*) AS n FROM outbox_jobs WHERE state = ?').get(state) as { n: number }).n;
const openErrors = (orderId: number) =>
  db.$client
    .prepare(
      "SELECT error_type, message FROM order_errors WHERE order_id = ? AND step = 'label' AND resolved_at IS NULL",
    )
    .all(orderId) as { error_type: string; message: string }[];

describe('label voids through the outbox', () => {
  it('voids each cancelled order’s DHL label at DHL exactly once and marks it voided', async () => {
    const ids = importGermanOrders(db, 3);
    expect((await generateLabels(deps, ids, 'dhl')).success).toEqual(ids);
    cancelInShop(ids[0]!);
    cancelInShop(ids[1]!);
    // Pulled twice (the shop's answer repeated): still one job per label.
    cancelInShop(ids[1]!);
    const jobs = db.$client.prepare('SELECT kind, idempotency_key, credential_id FROM outbox_jobs ORDER BY id').all();
    expect(jobs).toEqual([
      { kind: 'label_void', idempotency_key: `label_void:${labelOf(ids[0]!).id}`, credential_id: dhlAccount },
      { kind: 'label_void', idempotency_key: `label_void:${labelOf(ids[1]!).id}`, credential_id: dhlAccount },
    ]);

    startRunner();
    await until(() => jobsIn('done') === 2, 'both voids are done');
    for (const id of ids.slice(0, 2)) {
      const label = labelOf(id);
      expect(label.state).toBe('voided');
      expect(sim.shipments().find((s) => s.shipmentNo === label.tracking_number)?.voided).toBe(true);
      expect(openErrors(id)).toEqual([]);
      const log = db.$client
        .prepare("SELECT from_status, to_status, actor, reason FROM order_logs WHERE order_id = ? AND actor = 'outbox'")
        .all(id);
      expect(log).toEqual([
        {
          from_status: 'cancelled',
          to_status: 'cancelled',
          actor: 'outbox',
          reason: `DHL label ${label.tracking_number} voided with the carrier`,
        },
      ]);
    }
    expect(sim.requests.byMethod.DELETE).toBe(2);
    // The order the shop kept keeps its label.
    expect(labelOf(ids[2]!).state).toBe('bought');
    expect(sim.shipments().find((s) => s.shipmentNo === labelOf(ids[2]!).tracking_number)?.voided).toBe(false);
  });

  it('records DHL’s refusal in words on the order and leaves the label as bought', async () => {
    const [id] = importGermanOrders(db, 1);
    await generateLabels(deps, [id!], 'dhl');
    const tracking = labelOf(id!).tracking_number;
    // Someone cancelled it in the DHL portal already.
    const dhl = createDhlCarrier(dhlAccountOf(db, testBox)!, FAST_DHL_HTTP);
    if (!dhl.void) throw new Error('The DHL carrier lost its void.');
    await dhl.void(tracking);
    cancelInShop(id!);
    startRunner();

    await until(() => jobsIn('failed') === 1, 'the void is refused');
    expect(labelOf(id!).state).toBe('bought');
    expect(openErrors(id!)).toContainEqual({
      error_type: 'void_refused',
      message: `The label was not voided: DHL did not cancel shipment ${tracking}: The shipment number is unknown or was already cancelled.`,
    });
  });

  it('marks a local label voided without calling anyone', async () => {
    const [id] = importGermanOrders(db, 1);
    await generateLabels(deps, [id!], 'local');
    cancelInShop(id!);
    const job = db.$client.prepare('SELECT credential_id FROM outbox_jobs').get() as { credential_id: number | null };
    expect(job.credential_id).toBeNull();
    startRunner();

    await until(() => jobsIn('done') === 1, 'the void is done');
    expect(labelOf(id!).state).toBe('voided');
    expect(openErrors(id!)).toEqual([]);
    expect(sim.requests.total).toBe(0);
  });
});
