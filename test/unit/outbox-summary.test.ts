/**
 * The banner's count ("Offline: N actions waiting") against two WooCommerce simulators over real
 * HTTP and a real SQLite file: one shop refuses connections, the other answers slowly. Only the
 * jobs held by the shop that cannot be reached count as waiting offline.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { outboxSummary } from '../../src/main/core/outbox/outbox-review';
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
let down: WooSim;
let slow: WooSim;
let db: Db;
let runner: OutboxRunner;

beforeEach(async () => {
  const orders = sampleWooOrders({ now: new Date() });
  down = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders });
  slow = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders });
  db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
});
afterEach(async () => {
  await runner.stop();
  closeDatabase(db);
  await Promise.all([down.close(), slow.close()]);
});

describe('outbox summary', () => {
  it('counts as offline only the jobs of the shop that cannot be reached', async () => {
    const downShop = await connectShop(db, down.url, AT, 'Shop down');
    const slowShop = await connectShop(db, slow.url, AT, 'Shop slow');
    const held = labelOrders(db, 3, AT, downShop);
    const moving = labelOrders(db, 4, AT, slowShop);
    await down.setDown('refuse');
    slow.misbehave.delayMs = 600;
    const ids = [...held, ...moving].map((o) => o.id);
    expect(syncTracking(db, ids, new Date().toISOString()).queued).toEqual(ids);

    runner = createOutboxRunner({
      db,
      clock: () => new Date(),
      kinds: { [TRACKING_SYNC]: trackingSyncKind({ db, box: testBox, channels: { woocommerce: outboxWooAdapter() } }) },
      retry: { baseMs: 20, maxMs: 200 },
      circuit: { baseMs: 40, maxMs: 200 },
    });
    runner.start();
    await until(() => runner.outages().length === 1, 'the refusing shop is known to be down');

    // The slow shop's four are still on their way: waiting, but not offline.
    let summary = outboxSummary(db, runner.outages());
    expect(summary).toMatchObject({
      waiting: 7,
      offlineWaiting: 3,
      offline: [{ credentialId: downShop, storeName: 'Shop down', waiting: 3 }],
    });

    await until(() => outboxSummary(db, runner.outages()).waiting === 3, 'the slow shop took its four');
    summary = outboxSummary(db, runner.outages());
    expect(summary).toMatchObject({ waiting: 3, offlineWaiting: 3, offline: [{ credentialId: downShop }] });

    await down.setDown(null);
    runner.resetProvider(downShop);
    await until(() => outboxSummary(db, runner.outages()).waiting === 0, 'the shop back took its three');
    expect(outboxSummary(db, runner.outages())).toMatchObject({ waiting: 0, offlineWaiting: 0, offline: [] });
  });
});
