/**
 * Tracking a DHL parcel from the order (labels.track): a label bought from the DHL simulator over
 * loopback, with a real SQLite file, is tracked through the simulator's Shipment Tracking – Unified
 * endpoint beside its shipping API, reached from the account's address and opened with its API key,
 * as the simulator moves the parcel on; an unknown number, a used-up quota and a DHL that went away
 * are said in words.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { createDhlCarrier } from '../../src/main/core/carriers/dhl';
import { dhlAccountOf } from '../../src/main/core/carriers/dhl-account';
import { dhlTrackingUrl } from '../../src/main/core/carriers/dhl-tracking';
import { systemClock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { trackOrderLabel } from '../../src/main/core/labels/label-tracking';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A DHL account pointing at a fresh simulator, and one order with a DHL label bought from it. */
async function dhlLabel(): Promise<{ sim: DhlSim; db: Db; deps: LabelDeps; id: number; tracking: string }> {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  cleanups.push(() => sim.close());
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  cleanups.push(() => closeDatabase(db));
  addDhlAccount(db, sim.url);
  const carriers = testCarriers(db);
  const deps = { db, clock: systemClock, dataDir, carriers };
  const [id] = importGermanOrders(db, 1);
  expect((await generateLabels(deps, [id!], 'dhl')).failed).toEqual([]);
  return { sim, db, deps, id: id!, tracking: sim.shipments()[0]!.shipmentNo };
}

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('tracking a DHL parcel', () => {
  it('reads announced, then in transit and delivered with each event as DHL reports it', async () => {
    const { sim, db, deps, id, tracking } = await dhlLabel();

    const first = await trackOrderLabel(db, deps.carriers, id);
    expect(first).toMatchObject({
      orderId: id,
      carrier: 'dhl',
      trackingNumber: tracking,
      status: 'announced',
      carrierStatus: 'The instruction data for this shipment have been provided by the sender to DHL electronically',
    });
    expect(first.events).toHaveLength(1);

    sim.advanceTracking(tracking, {
      statusCode: 'transit',
      description: 'The shipment has been processed in the parcel center',
      city: 'Aschheim',
      at: later(60),
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'in_transit',
      carrierStatus: 'The shipment has been processed in the parcel center',
    });

    sim.advanceTracking(tracking, {
      statusCode: 'delivered',
      description: 'The shipment has been successfully delivered',
      city: 'München',
      at: later(120),
    });
    const last = await trackOrderLabel(db, deps.carriers, id);
    expect(last.status).toBe('delivered');
    expect(last.carrierStatus).toBe('The shipment has been successfully delivered');
    // DHL lists events newest first; PackDesk keeps them oldest first, like every carrier's.
    expect(last.events.map((e) => e.message)).toEqual([
      'The instruction data for this shipment have been provided by the sender to DHL electronically',
      'The shipment has been processed in the parcel center',
      'The shipment has been successfully delivered',
    ]);
    expect(last.events.map((e) => e.location)).toEqual([undefined, 'Aschheim', 'München']);
    expect(sim.shipments()).toHaveLength(1);
  });

  it('reads a failure and a shipment sent back as problems, and DHL’s "unknown" as in transit', async () => {
    const { sim, db, deps, id, tracking } = await dhlLabel();
    sim.advanceTracking(tracking, {
      statusCode: 'unknown',
      description: 'Please contact DHL',
      at: later(30),
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'in_transit',
      carrierStatus: 'Please contact DHL',
    });
    sim.advanceTracking(tracking, {
      statusCode: 'failure',
      description: 'The recipient could not be found at the address given',
      city: 'München',
      at: later(60),
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'exception',
      carrierStatus: 'The recipient could not be found at the address given',
    });
    // Back at the sender DHL says "delivered"; for the packer it is a parcel that did not arrive.
    sim.advanceTracking(tracking, {
      statusCode: 'delivered',
      description: 'The shipment has been returned to the sender',
      returned: true,
      at: later(90),
    });
    expect(await trackOrderLabel(db, deps.carriers, id)).toMatchObject({
      status: 'exception',
      carrierStatus: 'The shipment has been returned to the sender',
    });
  });

  it('says in words that DHL knows no such parcel, and that the API key was refused', async () => {
    const { db, deps } = await dhlLabel();
    await expect(deps.carriers.dhl!.track!('00340434999999999999')).rejects.toThrow(
      "DHL knows no parcel with tracking number 00340434999999999999; a label bought in the last half hour may not be in DHL's tracking yet.",
    );
    const wrongKey = createDhlCarrier({ ...dhlAccountOf(db, testBox)!, apiKey: 'not-the-key' }, FAST_DHL_HTTP);
    await expect(wrongKey.track!('00340434999999999999')).rejects.toThrow(
      /^DHL refused the API key for tracking \(401: Unauthorized for given resource\.\); in DHL's developer portal/,
    );
  });

  it('says a used-up quota in words at the first 429, with the wait DHL asks for, and never asks again for it', async () => {
    const { sim, db, deps, id } = await dhlLabel();
    sim.misbehave.rateLimitNext(1, 300);
    const before = sim.requests.total;
    await expect(trackOrderLabel(db, deps.carriers, id)).rejects.toThrow(
      /^DHL refused to track the parcel now \(429 Too Many Requests\): .*per day.*midnight GMT\. DHL says to try again in 5 minutes\.$/,
    );
    expect(sim.requests.total - before).toBe(1);

    sim.misbehave.rateLimitNext(1);
    await expect(trackOrderLabel(db, deps.carriers, id)).rejects.toThrow(
      /Try again later, or look the number up on dhl\.de\.$/,
    );
    expect(sim.requests.total - before).toBe(2);
    expect((await trackOrderLabel(db, deps.carriers, id)).status).toBe('announced');
  });

  it('says in words when DHL is away, and tracks again once it is back', async () => {
    const { sim, db, deps, id } = await dhlLabel();
    await sim.misbehave.goAway();
    await expect(trackOrderLabel(db, deps.carriers, id)).rejects.toThrow(
      /^DHL's tracking \(127\.0\.0\.1:\d+\) .*refused the connection.*; try again later\.$/,
    );
    await sim.misbehave.comeBack();
    expect((await trackOrderLabel(db, deps.carriers, id)).status).toBe('announced');
  });
});

describe('where DHL tracking is asked', () => {
  it('beside the shipping API on the same origin, keeping a prefix before it', () => {
    expect(dhlTrackingUrl('https://api-eu.dhl.com/parcel/de/shipping/v2')).toBe(
      'https://api-eu.dhl.com/track/shipments',
    );
    expect(dhlTrackingUrl('https://gateway.example.com/dhl/parcel/de/shipping/v2')).toBe(
      'https://gateway.example.com/dhl/track/shipments',
    );
    expect(dhlTrackingUrl('http://127.0.0.1:8080/other')).toBe('http://127.0.0.1:8080/track/shipments');
  });
});
