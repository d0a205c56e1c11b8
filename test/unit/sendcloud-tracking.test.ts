/**
 * Tracking a parcel from the order (labels.track): a Sendcloud label bought from the simulator over
 * loopback is tracked through Sendcloud's v3 parcel tracking as the simulator moves it on; an
 * unknown parcel, a local delivery label and an order without a label are refused in words.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSendcloudSim, type SendcloudSim } from '../../sim/sendcloud/server';
import { systemClock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { trackOrderLabel } from '../../src/main/core/labels/label-tracking';
import { importGermanOrders } from '../support/dhl';
import { SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ sim: SendcloudSim; db: Db; deps: LabelDeps }> {
  const sim = await startSendcloudSim({ publicKey: SENDCLOUD_PUBLIC, secretKey: SENDCLOUD_SECRET });
  cleanups.push(() => sim.close());
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  cleanups.push(() => closeDatabase(db));
  addSendcloudAccount(db, sim.url);
  const carriers = testCarriers(db);
  return { sim, db, deps: { db, clock: systemClock, dataDir, carriers } };
}

async function sendcloudOrder(deps: LabelDeps): Promise<number> {
  const [id] = importGermanOrders(deps.db, 1);
  const result = await generateLabels(deps, [id!], 'sendcloud');
  expect(result.failed).toEqual([]);
  return id!;
}

describe('tracking a Sendcloud parcel', () => {
  it('reads announced, then in transit and delivered with each event as the carrier reports it', async () => {
    const { sim, db, deps } = await setup();
    const id = await sendcloudOrder(deps);
    const tracking = sim.shipments()[0]!.trackingNumber;

    const first = await trackOrderLabel(db, deps.carriers, id);
    expect(first).toMatchObject({
      orderId: id,
      carrier: 'sendcloud',
      trackingNumber: tracking,
      status: 'announced',
      carrierStatus: 'Announced',
    });
    expect(first.events).toHaveLength(1);

    sim.advanceTracking(tracking, {
      phase: 'in_transit',
      description: 'The parcel is at the sorting centre.',
      parentStatus: 'At sorting centre',
      city: 'Eindhoven',
      country: 'NL',
      at: new Date(Date.now() + 60_000),
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'in_transit',
      carrierStatus: 'At sorting centre',
    });

    sim.advanceTracking(tracking, {
      phase: 'delivered',
      description: 'The parcel was delivered to the recipient.',
      parentStatus: 'Delivered',
      city: 'München',
      country: 'DE',
      at: new Date(Date.now() + 120_000),
    });
    const last = await trackOrderLabel(db, deps.carriers, id);
    expect(last.status).toBe('delivered');
    expect(last.carrierStatus).toBe('Delivered');
    expect(last.events.map((e) => e.message)).toEqual([
      'The shipping label has been announced at the carrier.',
      'The parcel is at the sorting centre.',
      'The parcel was delivered to the recipient.',
    ]);
    expect(last.events[1]!.location).toBe('Eindhoven, NL');
    expect(last.events[2]!.location).toBe('München, DE');
    expect(sim.shipments()).toHaveLength(1);
  });

  it('reads an exception event as an exception and a cancelled label as cancelled', async () => {
    const { sim, db, deps } = await setup();
    const id = await sendcloudOrder(deps);
    const tracking = sim.shipments()[0]!.trackingNumber;
    sim.advanceTracking(tracking, {
      phase: 'in_transit',
      exception: 'address_invalid',
      description: 'The address could not be found.',
      parentStatus: 'Address invalid',
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'exception',
      carrierStatus: 'Address invalid',
    });
    // The simulator, like Sendcloud, puts the cancellation on the parcel's timeline.
    await deps.carriers.sendcloud!.void!(tracking);
    expect((await trackOrderLabel(db, deps.carriers, id)).status).toBe('cancelled');
  });

  it('says in words that Sendcloud knows no such parcel', async () => {
    const { deps } = await setup();
    await expect(deps.carriers.sendcloud!.track!('3SPDSC999999999')).rejects.toThrow(
      'Sendcloud knows no parcel with tracking number 3SPDSC999999999.',
    );
  });

  it('waits out a 429 and says in words when Sendcloud is away', async () => {
    const { sim, db, deps } = await setup();
    const id = await sendcloudOrder(deps);
    sim.misbehave.rateLimitNext(1, 0);
    expect((await trackOrderLabel(db, deps.carriers, id)).status).toBe('announced');
    await sim.misbehave.goAway();
    await expect(trackOrderLabel(db, deps.carriers, id)).rejects.toThrow(/Sendcloud/);
    await sim.misbehave.comeBack();
    expect((await trackOrderLabel(db, deps.carriers, id)).status).toBe('announced');
  });
});

describe('orders that cannot be tracked', () => {
  it('refuses an order without a label, and a local delivery label, in words', async () => {
    const { db, deps } = await setup();
    const [bare] = importGermanOrders(db, 1);
    await expect(trackOrderLabel(db, deps.carriers, bare!)).rejects.toThrow(/has no label to track yet/);

    const [ownVan] = importGermanOrders(db, 1, 50);
    expect((await generateLabels(deps, [ownVan!], 'local')).failed).toEqual([]);
    await expect(trackOrderLabel(db, deps.carriers, ownVan!)).rejects.toThrow(
      /^Local delivery labels cannot be tracked from PackDesk yet: local delivery is your own/,
    );
  });
});
