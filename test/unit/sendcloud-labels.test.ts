/**
 * Buying Sendcloud labels through the label service: a real SQLite file, real loopback HTTP to the
 * Sendcloud simulator, labels read back from the data directory. The simulator counts shipments per
 * external reference, so "exactly one" is checked at the carrier, not in our own bookkeeping.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSendcloudSim, type SendcloudSim } from '../../sim/sendcloud/server';
import { listCarriers } from '../../src/main/core/carriers/carrier-offers';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { carrierRegistry } from '../../src/main/core/carriers/registry';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { FAST_SENDCLOUD_HTTP, SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const sims: SendcloudSim[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const db of dbs.splice(0)) closeDatabase(db);
});

async function setup(account: Parameters<typeof addSendcloudAccount>[2] = {}) {
  const sim = await startSendcloudSim({ publicKey: SENDCLOUD_PUBLIC, secretKey: SENDCLOUD_SECRET });
  sims.push(sim);
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  dbs.push(db);
  addSendcloudAccount(db, sim.url, account);
  const carriers = testCarriers(db);
  const deps: LabelDeps = { db, clock: () => new Date('2026-11-25T10:00:00Z'), dataDir, carriers };
  return { sim, db, deps };
}

interface LabelRow {
  order_id: number;
  state: string;
  service: string;
  idempotency_key: string;
  tracking_number: string | null;
  file_path: string | null;
  format: string | null;
}

const labelsOf = (db: Db) => db.$client.prepare('SELECT * FROM labels ORDER BY order_id, id').all() as LabelRow[];
const statusOf = (db: Db, id: number) =>
  (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status;

function expectOneShipmentEach(sim: SendcloudSim, db: Db): void {
  for (const label of labelsOf(db)) {
    expect(label.state, `order ${label.order_id}`).toBe('bought');
    expect(sim.createdFor(label.idempotency_key), `order ${label.order_id}`).toBe(1);
  }
}

describe('Sendcloud labels through the label service', () => {
  it('buys a label per order with its reference and order number, exactly one shipment each, each PDF on disk', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 25);
    const result = await generateLabels(deps, ids, 'sendcloud');
    expect(result).toEqual({ success: ids, failed: [] });
    expect(sim.requests.announces).toBe(25);
    expectOneShipmentEach(sim, db);

    const first = labelsOf(db)[0]!;
    const made = sim.shipments().find((s) => s.trackingNumber === first.tracking_number)!;
    expect(made.externalReference).toBe(first.idempotency_key);
    expect(made.orderNumber).toBe('1001');
    expect(made.shippingOption).toBe('postnl:standard');
    expect(made.toAddress).toMatchObject({ address_line_1: 'Müllerstraße 1', house_number: '1', postal_code: '80331' });
    expect(first.format).toBe('pdf');
    expect(execFileSync('pdftotext', [first.file_path!, '-'], { encoding: 'utf8' })).toContain(first.tracking_number);
    expect(statusOf(db, first.order_id)).toBe('label_created');
  });

  it('fails only the order whose address Sendcloud rejects, in words, and buys the others', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 3);
    db.$client.prepare("UPDATE orders SET ship_postcode = '01067', ship_city = 'Dresden' WHERE id = ?").run(ids[1]);
    sim.misbehave.rejectPostcode('01067');
    const result = await generateLabels(deps, ids, 'sendcloud');
    expect(result.success).toEqual([ids[0], ids[2]]);
    expect(result.failed).toEqual([
      {
        order_id: ids[1],
        error:
          'Order 1002: Sendcloud refused the label: recipient postcode: Postal code 01067 is not valid for country DE.',
      },
    ]);
    expect(statusOf(db, ids[1]!)).toBe('label_failed');
    expect(sim.shipments()).toHaveLength(2);
  });

  it('waits out a 429 with Retry-After and buys each label once', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 3);
    sim.misbehave.rateLimitNext(2, 1);
    const result = await generateLabels(deps, ids, 'sendcloud');
    expect(result).toEqual({ success: ids, failed: [] });
    expect(sim.shipments()).toHaveLength(3);
    expectOneShipmentEach(sim, db);
  });

  it('after a timeout that made the shipment, the repeat is answered with that shipment (409), not a second one', async () => {
    const { sim, db, deps } = await setup();
    const [id] = importGermanOrders(db, 1);
    sim.misbehave.hangAfterCreateNext(1);
    const result = await generateLabels(deps, [id!], 'sendcloud');
    expect(result).toEqual({ success: [id], failed: [] });
    expect(sim.requests.announces).toBe(2);
    expect(sim.shipments()).toHaveLength(1);
    expectOneShipmentEach(sim, db);
  });

  it('when every try times out after making the shipment, looks it up by reference instead of buying again', async () => {
    const { sim, db, deps } = await setup();
    const [id] = importGermanOrders(db, 1);
    sim.misbehave.hangAfterCreateNext(FAST_SENDCLOUD_HTTP.maxAttempts);
    const result = await generateLabels(deps, [id!], 'sendcloud');
    expect(result).toEqual({ success: [id], failed: [] });
    expect(sim.requests.byPath['GET /shipments']).toBe(1);
    expect(sim.shipments()).toHaveLength(1);
    expectOneShipmentEach(sim, db);
  });

  it('says so in words when Sendcloud is gone or the secret key is wrong, and buys once it is back', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 2);
    await sim.misbehave.goAway();
    const gone = await generateLabels(deps, ids, 'sendcloud');
    expect(gone.failed.map((f) => f.error)).toEqual([
      `Order 1001: Sendcloud (127.0.0.1:${sim.port}) refused the connection three times; try again later.`,
      `Order 1002: Sendcloud (127.0.0.1:${sim.port}) refused the connection three times; try again later.`,
    ]);
    expect(statusOf(db, ids[0]!)).toBe('label_failed');
    await sim.misbehave.comeBack();
    expect((await generateLabels(deps, ids, 'sendcloud')).success).toEqual(ids);
    expect(sim.shipments()).toHaveLength(2);

    const wrong = await setup({ secretKey: 'wrong' });
    const [other] = importGermanOrders(wrong.db, 1);
    const refused = await generateLabels(wrong.deps, [other!], 'sendcloud');
    expect(refused.failed[0]?.error).toBe(
      'Order 1001: Sendcloud refused the account (401: Invalid username/password); check the public and secret key of the Sendcloud account.',
    );
  });

  it('asks for ZPL when the account wants it, and buys with the service chosen for the run', async () => {
    const { sim, db, deps } = await setup({ labelFormat: 'zpl' });
    const [id] = importGermanOrders(db, 1);
    await generateLabels(deps, [id!], 'sendcloud', 'dhl:paket');
    const [label] = labelsOf(db);
    expect(label!.format).toBe('zpl');
    expect(label!.service).toBe('dhl:paket');
    expect(readFileSync(label!.file_path!, 'utf8')).toContain(label!.tracking_number!);
    expect(sim.shipments()[0]!.shippingOption).toBe('dhl:paket');
  });

  it('voids a shipment, refuses a second void in words, and fetches a label again in the other format', async () => {
    const { sim, db, deps } = await setup();
    const [id] = importGermanOrders(db, 1);
    await generateLabels(deps, [id!], 'sendcloud');
    const tracking = labelsOf(db)[0]!.tracking_number!;
    const sendcloud = deps.carriers.sendcloud!;

    const zpl = await sendcloud.reprint!(tracking, 'zpl');
    expect(zpl.format).toBe('zpl');
    expect(new TextDecoder().decode(zpl.document)).toContain(tracking);

    await sendcloud.void!(tracking);
    expect(sim.shipments()[0]!.cancelled).toBe(true);
    await expect(sendcloud.void!(tracking)).rejects.toThrow(
      `Sendcloud did not cancel shipment ${tracking}: This shipment is already being cancelled.`,
    );
    await expect(sendcloud.void!('NOPE')).rejects.toThrow('Sendcloud has no shipment with tracking number NOPE.');
  });

  it('is offered with the shipping options of its account, and not at all without one', async () => {
    const { deps } = await setup();
    const list = listCarriers(deps.carriers);
    expect(list.carriers.find((c) => c.code === 'sendcloud')).toEqual({
      code: 'sendcloud',
      name: 'Sendcloud',
      services: [
        { code: 'postnl:standard', name: 'postnl:standard' },
        { code: 'dhl:paket', name: 'dhl:paket' },
      ],
      defaultService: 'postnl:standard',
    });

    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
    dbs.push(db);
    const none = carrierRegistry(db, testBox, createLocalCarrier({ nextSerial: () => 1 }));
    expect(none.sendcloud).toBeUndefined();
    expect(listCarriers(none).carriers.map((c) => c.code)).toEqual(['local']);
  });
});
