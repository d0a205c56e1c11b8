/**
 * Backoff with jitter and the runner's limits. The jitter's bounds with a fixed random (0 gives
 * half the full wait, 1 the full wait, the cap holds); many jobs failing at once spread out; and
 * against two WooCommerce simulators over real HTTP, each behind a loopback proxy that counts the
 * requests in flight: at most two at a time per shop, and a shop that answers keeps draining while
 * the other is down.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { backoffMs } from '../../src/main/core/outbox/backoff';
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

describe('backoff with jitter', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('waits between half and all of the doubled wait, never more than the cap', () => {
    for (const [attempt, full] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [6, 32_000],
      [7, 60_000],
      [40, 60_000],
      [5_000, 60_000],
    ] as const) {
      expect([backoffMs(policy, attempt, () => 0), backoffMs(policy, attempt, () => 1)]).toEqual([full / 2, full]);
    }
    // A job not tried yet (attempt 0) waits as after its first try.
    expect(backoffMs(policy, 0, () => 1)).toBe(1_000);
  });

  it('gives 100 jobs that failed at the same moment different next tries', () => {
    // Five minutes of jitter at millisecond steps: a few equal draws would be chance, not a herd.
    const waits = Array.from({ length: 100 }, () => backoffMs({ baseMs: 5_000, maxMs: 600_000 }, 8, Math.random));
    expect(new Set(waits).size).toBeGreaterThanOrEqual(95);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(300_000);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(600_000);
  });
});

/** Forwards to `target` as it is (Host too, which the shop's OAuth check signs); counts what is in flight. */
async function countingProxy(target: string): Promise<{ url: string; max: () => number; close: () => Promise<void> }> {
  const to = new URL(target);
  let inFlight = 0;
  let max = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    max = Math.max(max, inFlight);
    const out = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
    res.on('close', () => inFlight--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    max: () => max,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('outbox concurrency', () => {
  const tempDir = useTempDir();
  let db: Db;
  let runner: OutboxRunner;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await runner.stop();
    closeDatabase(db);
    for (const close of closers.splice(0)) await close();
  });

  it('sends at most two requests at a time per shop, and drains a shop that is up while another is down', async () => {
    const start = async (): Promise<WooSim> => {
      const sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders() });
      closers.push(() => sim.close());
      return sim;
    };
    const [down, slow] = [await start(), await start()];
    const proxy = await countingProxy(slow.url);
    closers.unshift(proxy.close);
    db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
    const downShop = await connectShop(db, down.url, AT, 'Shop down');
    const slowShop = await connectShop(db, proxy.url, AT, 'Shop slow');
    const held = labelOrders(db, 5, AT, downShop).map((o) => o.id);
    const moving = labelOrders(db, 8, AT, slowShop).map((o) => o.id);
    await down.setDown('refuse');
    slow.misbehave.delayMs = 80;
    syncTracking(db, [...held, ...moving], new Date().toISOString());

    runner = createOutboxRunner({
      db,
      clock: () => new Date(),
      kinds: { [TRACKING_SYNC]: trackingSyncKind({ db, box: testBox, channels: { woocommerce: outboxWooAdapter() } }) },
      retry: { baseMs: 20, maxMs: 200 },
      circuit: { baseMs: 40, maxMs: 200 },
    });
    runner.start();
    const stateOf = (ids: number[]) =>
      db.$client
        .prepare(`SELECT DISTINCT state FROM outbox_jobs WHERE order_id IN (${ids.join(', ')})`)
        .pluck()
        .all() as string[];
    await until(() => stateOf(moving).join() === 'done', 'the shop that is up took all eight');
    expect(stateOf(held)).toEqual(['waiting']);
    expect(runner.outages().map((o) => o.credentialId)).toEqual([downShop]);
    // Two at a time, not one (the limit is used) and never three.
    expect(proxy.max()).toBe(2);
  });
});
