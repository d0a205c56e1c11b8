/**
 * A bulk Sendcloud run killed with SIGKILL while Sendcloud is making its shipments, then started
 * again: every order ends with exactly one shipment at Sendcloud (the simulator counts) and its
 * label, none with two. The run is a real child process on a real SQLite file; the simulator stays
 * up in this process and kills the child from inside an announcement, after the shipment is made and
 * before the answer leaves, with other announcements of the run still in flight.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSendcloudSim, type SendcloudSim } from '../../sim/sendcloud/server';
import { startCore, type Core } from '../../src/main/core/core';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const ORDERS = 60;
const KILL_AFTER = 25;
const CHILD = join(import.meta.dirname, '../support/bulk-labels-child.ts');

const sims: SendcloudSim[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const sim of sims.splice(0)) await sim.close();
});

function runChild(dataDir: string, onSpawn: (kill: () => void) => void = () => {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, PACKDESK_DATA_DIR: dataDir, PACKDESK_CARRIER: 'sendcloud' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  onSpawn(() => child.kill('SIGKILL'));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
}

describe('a bulk Sendcloud run killed mid-way', { timeout: 60_000 }, () => {
  it('is finished on restart by looking the shipments up: exactly one shipment per order, none bought twice', async () => {
    let kill = (): void => {};
    const sim = await startSendcloudSim({
      publicKey: SENDCLOUD_PUBLIC,
      secretKey: SENDCLOUD_SECRET,
      onCreated: () => {
        if (sim.shipments().length === KILL_AFTER) kill();
      },
    });
    sims.push(sim);
    sim.misbehave.latencyMs = 10;
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
    const ids = importGermanOrders(db, ORDERS);
    addSendcloudAccount(db, sim.url);
    closeDatabase(db);

    const crashed = await runChild(dataDir, (k) => (kill = k));
    expect(crashed.signal).toBe('SIGKILL');
    const afterCrash = openDatabase(join(dataDir, 'packdesk.sqlite'));
    const pending = afterCrash.$client.prepare("SELECT count(*) AS n FROM labels WHERE state = 'pending'").get() as {
      n: number;
    };
    closeDatabase(afterCrash);
    // The announcement that killed it, at least: made at Sendcloud, its answer lost.
    expect(pending.n).toBeGreaterThan(0);

    const rerun = await runChild(dataDir);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout.trim().split('\n').at(-1)!)).toMatchObject({ failed: [] });

    const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
    cores.push(core);
    const labels = core.db.$client.prepare('SELECT * FROM labels ORDER BY id').all() as {
      order_id: number;
      state: string;
      idempotency_key: string;
      tracking_number: string | null;
    }[];
    for (const id of ids) {
      const status = (core.db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string })
        .status;
      expect(status, `order ${id}`).toBe('label_created');
      const atSendcloud = sim.shipments().filter((s) => s.externalReference?.startsWith(`PD-${id}-`));
      expect(atSendcloud, `order ${id}`).toHaveLength(1);
      const bought = labels.filter((l) => l.order_id === id && l.state === 'bought');
      expect(bought).toHaveLength(1);
      expect(bought[0]!.tracking_number).toBe(atSendcloud[0]!.trackingNumber);
    }
  });
});
