/**
 * Nothing promised is lost and nothing is sent twice when PackDesk dies mid-drain: 200 tracking
 * syncs wait, the process draining them is SIGKILLed while calls are in flight, a new process
 * takes over, and the simulated shop (in this process, so its counts survive) has each tracking
 * exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { syncTracking } from '../../src/main/core/outbox/tracking-sync';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { AT } from '../support/orders';
import { connectShop, labelOrders, until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const JOBS = 200;
let sim: WooSim | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  await sim?.close();
});

function drain(file: string): { child: ChildProcess; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-drain-child.ts', file], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child = proc;
  return { child: proc, exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))) };
}

const trackingPosts = (s: WooSim) =>
  Object.entries(s.requests.byCall).filter(
    ([call]) => call.startsWith('POST ') && call.endsWith('/shipment-trackings'),
  );

it('delivers all 200 tracking syncs exactly once across a SIGKILL and a restart', { timeout: 60_000 }, async () => {
  const shop = await startWooSim({
    consumerKey: KEY,
    consumerSecret: SECRET,
    orders: sampleWooOrders({ now: new Date(), count: 260 }),
  });
  sim = shop;
  const file = join(tempDir(), 'packdesk.sqlite');
  const db = openDatabase(file);
  await connectShop(db, shop.url, AT);
  const orders = labelOrders(db, JOBS, AT);
  expect(
    syncTracking(
      db,
      orders.map((o) => o.id),
      AT,
    ).queued,
  ).toHaveLength(JOBS);
  closeDatabase(db);

  // Slow enough answers that calls are in flight when the process dies.
  shop.misbehave.delayMs = 5;
  const first = drain(file);
  await until(() => trackingPosts(shop).length >= 60, 'a third of the trackings went out');
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();

  const afterKill = openDatabase(file);
  const states = Object.fromEntries(
    (
      afterKill.$client.prepare('SELECT state, count(*) AS n FROM outbox_jobs GROUP BY state').all() as {
        state: string;
        n: number;
      }[]
    ).map((r) => [r.state, r.n]),
  );
  closeDatabase(afterKill);
  // Killed mid-drain: some done, some cut off while running, the rest still waiting.
  expect(states.done ?? 0).toBeGreaterThan(0);
  expect(states.done ?? 0).toBeLessThan(JOBS);
  expect(states.running ?? 0).toBeGreaterThan(0);

  const second = drain(file);
  expect(await second.exited).toBe(0);

  const after = openDatabase(file);
  const synced = after.$client.prepare("SELECT count(*) FROM orders WHERE status = 'synced'").pluck().get();
  const done = after.$client.prepare("SELECT count(*) FROM outbox_jobs WHERE state = 'done'").pluck().get();
  closeDatabase(after);
  expect(synced).toBe(JOBS);
  expect(done).toBe(JOBS);
  for (const o of orders) {
    expect(shop.trackings(o.externalId).map((t) => t.tracking_number)).toEqual([o.tracking]);
  }
  const posts = trackingPosts(shop);
  expect(posts).toHaveLength(JOBS);
  expect(posts.every(([, n]) => n === 1)).toBe(true);
});
