/**
 * Several label runs at once stay within what each carrier allows, on our side: Sendcloud's write
 * rate limits (the simulator enforces scaled-down ones and answers 429 above them) and the
 * requests open at once per carrier (the simulators count their peak). Three runs, because each
 * run calls its carrier one request after another: two could not go over a limit of two.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startSendcloudSim, type SendcloudSim, type WriteLimit } from '../../sim/sendcloud/server';
import { createCarrierGates } from '../../src/main/core/carriers/carrier-gate';
import { DHL_MAX_CONCURRENT } from '../../src/main/core/carriers/dhl';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { carrierRegistry } from '../../src/main/core/carriers/registry';
import { SENDCLOUD_MAX_CONCURRENT } from '../../src/main/core/carriers/sendcloud';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { FAST_SENDCLOUD_HTTP, SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sendcloud's 100 a minute and 15 a second, scaled down so 150 labels take seconds. */
const SIM_LIMITS: WriteLimit[] = [
  { count: 60, ms: 1000 },
  { count: 15, ms: 200 },
];

function database(): { db: Db; dataDir: string } {
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  cleanups.push(() => closeDatabase(db));
  return { db, dataDir };
}

/** The most of these times (ms, oldest first) that fall within any window of `ms`. */
function peakInWindow(times: readonly number[], ms: number): number {
  let peak = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= ms) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** Three runs over a third of the orders each, at once, through one process's carriers and gates. */
async function threeRuns(deps: LabelDeps, ids: readonly number[], carrier: 'dhl' | 'sendcloud') {
  const third = Math.ceil(ids.length / 3);
  const runs = [0, 1, 2].map((n) => generateLabels(deps, ids.slice(n * third, (n + 1) * third), carrier));
  const results = await Promise.all(runs);
  return {
    success: results.flatMap((r) => r.success),
    failed: results.flatMap((r) => r.failed),
  };
}

describe('carrier limits across label runs', () => {
  it('buys 150 Sendcloud labels in three runs at once without one 429: the writes keep the limits on our side', async () => {
    const sim: SendcloudSim = await startSendcloudSim({
      publicKey: SENDCLOUD_PUBLIC,
      secretKey: SENDCLOUD_SECRET,
      writeLimits: SIM_LIMITS,
    });
    cleanups.push(() => sim.close());
    const { db, dataDir } = database();
    addSendcloudAccount(db, sim.url);
    const ids = importGermanOrders(db, 150);
    const carriers = carrierRegistry(
      db,
      testBox,
      createLocalCarrier({ nextSerial: () => 1 }),
      FAST_DHL_HTTP,
      FAST_SENDCLOUD_HTTP,
      SIM_LIMITS,
    );
    const deps: LabelDeps = { db, clock: () => new Date(), dataDir, carriers, gates: createCarrierGates() };

    const result = await threeRuns(deps, ids, 'sendcloud');
    expect(result.failed).toEqual([]);
    expect(result.success).toHaveLength(150);
    expect(sim.shipments()).toHaveLength(150);
    expect(sim.requests.throttled).toBe(0);
    const writes = sim.requests.writes;
    expect(writes).toHaveLength(150);
    expect(peakInWindow(writes, 1000)).toBeLessThanOrEqual(60);
    expect(peakInWindow(writes, 200)).toBeLessThanOrEqual(15);
    // Spread as the limit asks: 60 in the first second, 60 in the next, the last 30 in the third.
    expect(writes.at(-1)! - writes[0]!).toBeGreaterThan(2000);
    // Each createMany call announces four at a time.
    expect(sim.requests.peakOpen).toBeLessThanOrEqual(SENDCLOUD_MAX_CONCURRENT * 4);
  });

  it('keeps at most two requests open at DHL across three runs at once', async () => {
    const sim: DhlSim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
    cleanups.push(() => sim.close());
    sim.misbehave.latencyMs = 30;
    const { db, dataDir } = database();
    addDhlAccount(db, sim.url);
    const ids = importGermanOrders(db, 180);
    const carriers = testCarriers(db);
    const deps: LabelDeps = { db, clock: () => new Date(), dataDir, carriers, gates: createCarrierGates() };

    const result = await threeRuns(deps, ids, 'dhl');
    expect(result.failed).toEqual([]);
    expect(result.success).toHaveLength(180);
    expect(sim.requests.shipmentsPerPost).toEqual(Array.from({ length: 6 }, () => 30));
    expect(sim.requests.peakOpen).toBe(DHL_MAX_CONCURRENT);
  });

  it('the Sendcloud simulator answers a write above its limits 429 with Retry-After, and reads go on', async () => {
    const sim = await startSendcloudSim({
      publicKey: SENDCLOUD_PUBLIC,
      secretKey: SENDCLOUD_SECRET,
      writeLimits: [{ count: 2, ms: 10_000 }],
    });
    cleanups.push(() => sim.close());
    const auth = `Basic ${Buffer.from(`${SENDCLOUD_PUBLIC}:${SENDCLOUD_SECRET}`).toString('base64')}`;
    const post = () =>
      fetch(`${sim.url}/shipments/announce`, { method: 'POST', headers: { Authorization: auth }, body: '{}' });
    expect((await post()).status).toBe(400);
    expect((await post()).status).toBe(400);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ errors: [{ status: '429', code: 'throttled' }] });
    const read = await fetch(`${sim.url}/shipments`, { headers: { Authorization: auth } });
    expect(read.status).toBe(200);
    expect(sim.requests.throttled).toBe(1);
  });
});
