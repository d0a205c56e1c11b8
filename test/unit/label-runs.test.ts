/**
 * Bulk label runs as the screen sees them: counts that grow as DHL answers each request, and a
 * cancel that stops before the next carrier call. The DHL simulator runs with latency and counts
 * what it sold, so "nothing bought after cancel beyond the request in flight" is checked at the
 * carrier. Its onCreated hook (after the shipments are made, before DHL answers) is the moment a
 * request is in flight, so the tests need no timing.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { createCarrierGates } from '../../src/main/core/carriers/carrier-gate';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { createLabelRuns, type LabelRuns } from '../../src/main/core/labels/label-runs';
import { generateLabels } from '../../src/main/core/labels/label-service';
import type { LabelDeps } from '../../src/main/core/labels/label-store';
import type { LabelRunStatus } from '../../src/shared/dto';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, addDhlAccount, importGermanOrders } from '../support/dhl';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const sims: DhlSim[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const db of dbs.splice(0)) closeDatabase(db);
});

/** A DHL sim with latency, a database with a DHL account, and runs whose end can be awaited. */
async function setup(onPost: (runs: LabelRuns) => void) {
  // The sim is started before the runs exist; its hook finds them here.
  const made: { runs?: LabelRuns } = {};
  const sim = await startDhlSim({
    apiKey: DHL_KEY,
    username: DHL_USER,
    password: DHL_PASSWORD,
    onCreated: () => onPost(made.runs!),
  });
  sim.misbehave.latencyMs = 25;
  sims.push(sim);
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  dbs.push(db);
  addDhlAccount(db, sim.url);
  const deps: LabelDeps = {
    db,
    clock: () => new Date('2026-11-25T10:00:00Z'),
    dataDir,
    carriers: testCarriers(db),
    gates: createCarrierGates(),
  };
  let ended: () => void = () => {};
  const end = new Promise<void>((resolve) => (ended = resolve));
  const runs = createLabelRuns(deps, () => ended());
  made.runs = runs;
  return { sim, db, deps, runs, end };
}

function statusCounts(db: Db): Record<string, number> {
  const rows = db.$client.prepare('SELECT status, count(*) AS n FROM orders GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('label runs', () => {
  it('counts each order as it settles while the run goes on, and hands over the result at the end', async () => {
    const seen: LabelRunStatus[] = [];
    let runId = '';
    const { sim, db, runs, end } = await setup((r) => seen.push(r.status(runId)));
    const ids = importGermanOrders(db, 65);
    // Two bad postcodes fail in the address check of the first request, before DHL hears of them.
    db.$client.prepare("UPDATE orders SET ship_postcode = '1011' WHERE id IN (?, ?)").run(ids[0], ids[40]);

    const started = runs.start(ids, 'dhl', 'V01PAK');
    runId = started.runId;
    expect(started).toMatchObject({ total: 65, done: 0, running: true, cancelled: false, result: null });
    await end;

    // What the screen would have read while each request was with DHL.
    expect(seen.map((s) => [s.done, s.succeeded, s.failed, s.running])).toEqual([
      [1, 0, 1, true],
      [31, 29, 2, true],
      [60, 58, 2, true],
    ]);
    const final = runs.status(runId);
    expect(final).toMatchObject({ total: 65, done: 65, succeeded: 63, failed: 2, running: false, cancelled: false });
    expect(final.result?.failed.map((f) => f.order_id)).toEqual([ids[0], ids[40]]);
    expect(final.result?.failed[0]?.error).toMatch(/Postcode 1011 is not a German postcode/);
    expect(sim.requests.shipmentsPerPost).toEqual([29, 29, 5]);
  });

  it('cancel stops before the next DHL call: the request in flight is bought and kept, the rest stay new', async () => {
    let runId = '';
    let cancelledAt: LabelRunStatus | null = null;
    const { sim, db, runs, end } = await setup((r) => {
      cancelledAt ??= r.cancel(runId);
    });
    const ids = importGermanOrders(db, 95);
    runId = runs.start(ids, 'dhl', 'V01PAK').runId;
    await end;

    expect(cancelledAt).toMatchObject({ cancelled: true, running: true, done: 0 });
    const final = runs.status(runId);
    expect(final).toMatchObject({ total: 95, done: 30, succeeded: 30, failed: 0, cancelled: true, running: false });
    // At DHL: the one request that was in flight when cancel came, and nothing after it.
    expect(sim.requests.shipmentsPerPost).toEqual([30]);
    expect(sim.shipments()).toHaveLength(30);
    const labels = db.$client.prepare('SELECT order_id, state, idempotency_key FROM labels').all() as {
      order_id: number;
      state: string;
      idempotency_key: string;
    }[];
    expect(labels.map((l) => l.order_id)).toEqual(ids.slice(0, 30));
    for (const label of labels) {
      expect(label.state).toBe('bought');
      expect(sim.createdFor(label.idempotency_key)).toBe(1);
    }
    // Not started: no label, no pending purchase, still new.
    expect(statusCounts(db)).toEqual({ label_created: 30, new: 65 });
  });

  it('a retry run counts every order asked, refused ones from the start, and keeps each failed carrier and service', async () => {
    const seen: LabelRunStatus[] = [];
    let runId = '';
    const { sim, db, deps, runs, end } = await setup((r) => {
      if (runId) seen.push(r.status(runId));
    });
    const ids = importGermanOrders(db, 35);
    sim.misbehave.rejectStreet('Müllerstraße');
    const first = await generateLabels(deps, ids, 'dhl', 'V01PAK');
    expect(first.failed).toHaveLength(35);
    // All but the last are put right in the shop; 9999 is no order at all.
    const fix = db.$client.prepare('UPDATE orders SET ship_line1 = ? WHERE id = ?');
    for (const id of ids.slice(0, 34)) fix.run(`Hauptstraße ${id}`, id);

    const started = runs.retry([...ids, 9999]);
    runId = started.runId;
    expect(started).toMatchObject({ total: 36, done: 1, succeeded: 0, failed: 1, running: true, result: null });
    await end;

    expect(seen.map((s) => [s.done, s.succeeded, s.failed, s.running])).toEqual([
      [1, 0, 1, true],
      [31, 30, 1, true],
    ]);
    const final = runs.status(runId);
    expect(final).toMatchObject({ total: 36, done: 36, succeeded: 34, failed: 2, running: false });
    expect(final.result?.failed.map((f) => f.order_id)).toEqual([9999, ids[34]]);
    expect(final.result?.failed[0]?.error).toBe('Order 9999 does not exist.');
    const newest = db.$client
      .prepare(
        'SELECT DISTINCT carrier, service FROM labels WHERE id IN (SELECT max(id) FROM labels GROUP BY order_id)',
      )
      .all();
    expect(newest).toEqual([{ carrier: 'dhl', service: 'V01PAK' }]);
    expect(statusCounts(db)).toEqual({ label_created: 34, label_failed: 1 });
  });

  it('a cancel after the end changes nothing, and an unknown run is refused in words', async () => {
    const { db, runs, end } = await setup(() => {});
    const ids = importGermanOrders(db, 2);
    const { runId } = runs.start(ids, 'dhl', 'V01PAK');
    await end;
    expect(runs.cancel(runId)).toMatchObject({ done: 2, succeeded: 2, cancelled: false, running: false });
    expect(() => runs.status('00000000-0000-4000-8000-000000000000')).toThrow(/not known here/);
  });

  it('refuses a run whose carrier is not set up before any order moves', async () => {
    const { db, runs } = await setup(() => {});
    db.$client.prepare("UPDATE credentials SET is_active = 0 WHERE provider_code = 'dhl'").run();
    const ids = importGermanOrders(db, 2);
    expect(() => runs.start(ids, 'dhl', 'V01PAK')).toThrow(/dhl is not set up/);
    expect(statusCounts(db)).toEqual({ new: 2 });
  });
});

describe('carrier gates', () => {
  it('keeps at most the carrier’s limit of calls open at once, and lets the others through in turn', async () => {
    const gates = createCarrierGates();
    let open = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<void>((resolve) => {
        open++;
        most = Math.max(most, open);
        releases.push(() => {
          open--;
          resolve();
        });
      });
    const calls = [1, 2, 3, 4].map(() => gates.run('dhl', 2, work));
    // Unlimited carriers are not held back by DHL's queue.
    await gates.run('local', undefined, async () => {});
    while (releases.length > 0 || open > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    await Promise.all(calls);
    expect(most).toBe(2);
  });
});
