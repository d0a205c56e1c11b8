/**
 * Automatic pulls against the Shopify simulator with a clock the test moves: off by default, on
 * at the interval a credential asks for, never for a switched-off shop, a failure recorded on the
 * credential and retried only at the next interval; "Pull now" during a pull joins it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAutoPull } from '../../src/main/core/channels/auto-pull';
import { pullChannel, type PullDeps } from '../../src/main/core/channels/pull';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { addChannelCredential, updateChannelCredential } from '../../src/main/core/credentials/credential-service';
import { getCredential } from '../../src/main/core/credentials/credential-repo';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../../sim/shopify/sample-orders';
import { startShopifySim, type ShopifySim } from '../../sim/shopify/server';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let now: Date;
let deps: PullDeps;
let sim: ShopifySim;

beforeEach(async () => {
  now = new Date();
  sim = await startShopifySim({
    accessToken: TOKEN,
    orders: sampleShopifyOrders({ count: 4, now: new Date(Date.now() - 60_000) }),
  });
  deps = {
    db: openDatabase(join(tempDir(), 'packdesk.sqlite')),
    box: testBox,
    clock: () => now,
    adapters: { shopify: createShopifyAdapter({ backoffMs: 1, timeoutMs: 2_000 }) },
  };
});
afterEach(async () => {
  await sim.close();
  closeDatabase(deps.db);
});

function connect(externalId: string, autoPullMinutes?: number): number {
  return addChannelCredential(deps, {
    providerCode: 'shopify',
    externalId,
    displayName: externalId,
    baseUrl: sim.url,
    settings: autoPullMinutes === undefined ? {} : { autoPullMinutes },
    apiKey: TOKEN,
    apiSecret: '',
  }).id;
}

const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

describe('auto-pull', () => {
  it('pulls only shops that ask for it, at their interval', async () => {
    const off = connect('off');
    const every5 = connect('every5', 5);
    const auto = startAutoPull(deps, 0);

    await auto.tick();
    expect(getCredential(deps.db, off).lastPull).toBeNull();
    expect(getCredential(deps.db, every5).lastPull).toMatchObject({ error: null, result: { new_orders: 4 } });
    const requests = sim.requests.total;

    later(4);
    await auto.tick();
    expect(sim.requests.total).toBe(requests);
    later(2);
    await auto.tick();
    expect(sim.requests.total).toBe(requests + 1);

    updateChannelCredential(deps, { id: every5, isActive: false });
    later(10);
    await auto.tick();
    expect(sim.requests.total).toBe(requests + 1);
    await auto.stop();
  });

  it('records a failed automatic pull and tries again only at the next interval', async () => {
    const id = connect('flaky', 15);
    sim.misbehave.failNext(3, { status: 500 });
    const auto = startAutoPull(deps, 0);
    await auto.tick();
    expect(getCredential(deps.db, id).lastPull?.error).toMatch(/answered 500 three times/);
    later(1);
    await auto.tick();
    expect(sim.requests.total).toBe(3);
    later(15);
    await auto.tick();
    expect(getCredential(deps.db, id).lastPull).toMatchObject({ error: null, result: { new_orders: 4 } });
    await auto.stop();
  });

  it('joins "Pull now" to a pull of the same shop already under way', async () => {
    const id = connect('busy');
    sim.misbehave.delayMs = 100;
    const [a, b] = await Promise.all([pullChannel(deps, id), pullChannel(deps, id)]);
    expect(a).toBe(b);
    expect(sim.requests.operations.PackDeskOrders).toBe(1);
  });
});
