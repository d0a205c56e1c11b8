/**
 * A bulk DHL run killed with SIGKILL while DHL is making its labels, then started again: every
 * order ends with exactly one shipment at DHL (the simulator counts) or a failure in words, none
 * with two. The run is a real child process on a real SQLite file; the simulator stays up in this
 * process and kills the child from inside a purchase, after DHL has made the labels and before
 * the answer leaves, the worst moment there is.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core } from '../../src/main/core/core';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const ORDERS = 100;
const KILL_AFTER = 60;
const CHILD = join(import.meta.dirname, '../support/bulk-labels-child.ts');

const sims: DhlSim[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const sim of sims.splice(0)) await sim.close();
});

interface ChildRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
}

function runChild(dataDir: string, onSpawn: (kill: () => void) => void = () => {}): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, PACKDESK_DATA_DIR: dataDir, PACKDESK_CARRIER: 'dhl' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  onSpawn(() => child.kill('SIGKILL'));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
}

async function prepare(lookupByRefNo: boolean) {
  let kill = (): void => {};
  let killed = false;
  const sim = await startDhlSim({
    apiKey: DHL_KEY,
    username: DHL_USER,
    password: DHL_PASSWORD,
    lookupByRefNo,
    onCreated: () => {
      if (!killed && sim.shipments().length >= KILL_AFTER) {
        killed = true;
        kill();
      }
    },
  });
  sims.push(sim);
  sim.misbehave.latencyMs = 20;
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  const ids = importGermanOrders(db, ORDERS);
  addDhlAccount(db, sim.url);
  closeDatabase(db);

  const crashed = await runChild(dataDir, (k) => (kill = k));
  expect(crashed.signal).toBe('SIGKILL');
  return { sim, dataDir, ids };
}

interface LabelRow {
  order_id: number;
  state: string;
  idempotency_key: string;
  tracking_number: string | null;
}

/** Per order: the shipments DHL made for it (refNo PD-<order id>-...) and its labels here. */
function ledger(sim: DhlSim, db: Db, ids: readonly number[]) {
  const labels = db.$client.prepare('SELECT * FROM labels ORDER BY id').all() as LabelRow[];
  return ids.map((id) => ({
    id,
    status: (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status,
    atDhl: sim.shipments().filter((s) => s.refNo?.startsWith(`PD-${id}-`)),
    labels: labels.filter((l) => l.order_id === id),
  }));
}

describe('a bulk DHL run killed mid-way', { timeout: 60_000 }, () => {
  it('is finished on restart by looking the shipments up: exactly one shipment per order, none bought twice', async () => {
    const { sim, dataDir, ids } = await prepare(true);
    const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
    const pending = db.$client.prepare("SELECT count(*) AS n FROM labels WHERE state = 'pending'").get() as {
      n: number;
    };
    closeDatabase(db);
    // The request in flight when the process died: its labels exist at DHL, its answer was lost.
    expect(pending.n).toBeGreaterThan(0);
    expect(sim.shipments().length).toBe(KILL_AFTER + (KILL_AFTER % 30 === 0 ? 0 : 30 - (KILL_AFTER % 30)));

    // Started again: recovery settles the lost answers, then the run is done over for what is left.
    const rerun = await runChild(dataDir);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout.trim().split('\n').at(-1)!)).toMatchObject({ failed: [] });

    const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    cores.push(core);
    for (const order of ledger(sim, core.db, ids)) {
      expect(order.status, `order ${order.id}`).toBe('label_created');
      expect(order.atDhl, `order ${order.id}`).toHaveLength(1);
      const bought = order.labels.filter((l) => l.state === 'bought');
      expect(bought).toHaveLength(1);
      expect(bought[0]!.tracking_number).toBe(order.atDhl[0]!.shipmentNo);
      expect(sim.createdFor(bought[0]!.idempotency_key)).toBe(1);
    }
  });

  it('when DHL cannot be asked by reference, leaves the lost purchases as failures in words and never buys them again', async () => {
    const { sim, dataDir, ids } = await prepare(false);
    const rerun = await runChild(dataDir);
    expect(rerun.code).toBe(0);
    const result = JSON.parse(rerun.stdout.trim().split('\n').at(-1)!) as {
      failed: { order_id: number; error: string }[];
    };

    const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    cores.push(core);
    await core.labelsRecovered;
    const orders = ledger(sim, core.db, ids);
    for (const order of orders) {
      expect(order.atDhl.length, `order ${order.id}`).toBeLessThanOrEqual(1);
      if (order.status === 'label_created') continue;
      // Lost with the killed process: DHL made it, PackDesk cannot confirm it, so it is not bought again.
      expect(order.status).toBe('label_failed');
      expect(order.labels.map((l) => l.state)).toEqual(['pending']);
    }
    const lost = orders.filter((o) => o.status !== 'label_created');
    expect(lost.length).toBeGreaterThan(0);
    expect(result.failed.map((f) => f.order_id).sort((a, b) => a - b)).toEqual(lost.map((o) => o.id));
    for (const f of result.failed) {
      expect(f.error).toMatch(
        /^DHL cannot say whether it made the label with reference PD-\d+-[0-9a-f]{12}; look the reference up in the DHL business portal/,
      );
    }
  });
});
