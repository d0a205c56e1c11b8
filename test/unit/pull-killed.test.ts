/**
 * The process pulling is killed with SIGKILL between two pages (a real child process, a real
 * database file, the Shopify simulator answering slowly); the next pull resumes, and the database
 * then holds every order exactly once, each with all its items.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { pullChannel } from '../../src/main/core/channels/pull';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { systemClock } from '../../src/main/core/clock';
import { addChannelCredential } from '../../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../../sim/shopify/sample-orders';
import { startShopifySim, type ShopifySim } from '../../sim/shopify/server';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: ShopifySim | undefined;
let db: Db | undefined;
afterEach(async () => {
  await sim?.close();
  if (db) closeDatabase(db);
});

const count = (sql: string): number => (db!.$client.prepare(sql).get() as { n: number }).n;

it('survives SIGKILL mid-pull: every order once, each with its items', async () => {
  sim = await startShopifySim({
    accessToken: TOKEN,
    orders: sampleShopifyOrders({ count: 1_000, now: new Date(Date.now() - 60_000) }),
    bucket: { maximumAvailable: 50_000, restoreRate: 10_000 },
  });
  const file = join(tempDir(), 'packdesk.sqlite');
  db = openDatabase(file);
  const deps = { db, box: testBox, clock: systemClock, adapters: { shopify: createShopifyAdapter() } };
  const id = addChannelCredential(deps, {
    providerCode: 'shopify',
    externalId: 'killed',
    displayName: 'Killed',
    baseUrl: sim.url,
    settings: {},
    apiKey: TOKEN,
    apiSecret: '',
  }).id;

  // Slow answers leave a window between the first committed page and the next.
  sim.misbehave.delayMs = 400;
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/pull-child.ts', file, String(id)], {
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const progress = () =>
    (db!.$client.prepare('SELECT pull_cursor FROM credentials WHERE id = ?').get(id) as { pull_cursor: string | null })
      .pull_cursor;
  const deadline = Date.now() + 20_000;
  while (progress() === null && Date.now() < deadline) await sleep(10);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const before = count('SELECT count(*) AS n FROM orders');
  expect(before % 250).toBe(0); // whole pages only
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(1_000);
  expect(
    count('SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)'),
  ).toBe(0);

  sim.misbehave.delayMs = 0;
  const result = await pullChannel(deps, id);
  expect(result.new_orders).toBe(1_000 - before);
  expect(count('SELECT count(*) AS n FROM orders')).toBe(1_000);
  expect(count('SELECT count(DISTINCT external_id) AS n FROM orders')).toBe(1_000);
  expect(
    count('SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)'),
  ).toBe(0);
  expect(count('SELECT count(*) AS n FROM order_items')).toBe(
    sampleShopifyOrders({ count: 1_000 }).reduce((n, o) => n + o.lineItems.nodes.length, 0),
  );
}, 40_000);
