/**
 * Buying DHL labels through the label service: a real SQLite file, real loopback HTTP to the DHL
 * simulator, labels read back from the data directory. The simulator counts purchases per refNo,
 * so "exactly one" is checked at the carrier, not in our own bookkeeping.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim, type DhlSimOptions } from '../../sim/dhl/server';
import type { Shipment } from '../../src/main/core/carriers/carrier-adapter';
import { createDhlCarrier } from '../../src/main/core/carriers/dhl';
import { dhlAccountOf } from '../../src/main/core/carriers/dhl-account';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { carrierRegistry } from '../../src/main/core/carriers/registry';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const sims: DhlSim[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const db of dbs.splice(0)) closeDatabase(db);
});

async function setup(simOpts: Partial<DhlSimOptions> = {}, account: Parameters<typeof addDhlAccount>[2] = {}) {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD, ...simOpts });
  sims.push(sim);
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  dbs.push(db);
  addDhlAccount(db, sim.url, account);
  const deps: LabelDeps = {
    db,
    clock: () => new Date('2026-11-25T10:00:00Z'),
    dataDir,
    carriers: testCarriers(db),
  };
  return { sim, db, deps, dataDir };
}

interface LabelRow {
  order_id: number;
  state: string;
  idempotency_key: string;
  tracking_number: string | null;
  file_path: string | null;
  format: string | null;
}

function labelsOf(db: Db): LabelRow[] {
  return db.$client.prepare('SELECT * FROM labels ORDER BY order_id, id').all() as LabelRow[];
}

function statusOf(db: Db, orderId: number): string {
  return (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(orderId) as { status: string }).status;
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

describe('DHL labels through the label service', () => {
  it('buys 65 labels in requests of at most 30, exactly one shipment per order, each label on disk', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 65);
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result).toEqual({ success: ids, failed: [] });
    expect(sim.requests.shipmentsPerPost).toEqual([30, 30, 5]);

    const labels = labelsOf(db);
    expect(labels).toHaveLength(65);
    for (const label of labels) {
      expect(label.state).toBe('bought');
      expect(sim.createdFor(label.idempotency_key)).toBe(1);
      expect(statusOf(db, label.order_id)).toBe('label_created');
    }
    const first = labels[0]!;
    expect(sim.shipments().map((s) => s.shipmentNo)).toContain(first.tracking_number);
    expect(pdfText(first.file_path!)).toContain(first.tracking_number!);
  });

  it('fails only the orders DHL refuses, in words, and buys the rest of the same request (207)', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 6);
    sim.misbehave.rejectStreet('Müllerstraße');
    db.$client.prepare("UPDATE orders SET ship_postcode = '01067', ship_city = 'Dresden' WHERE id = ?").run(ids[1]);
    sim.misbehave.rejectPostcode('01067');
    // Only orders 1, 3 and 5 keep a street the sim knows.
    for (const id of [ids[0], ids[2], ids[4]]) {
      db.$client.prepare("UPDATE orders SET ship_line1 = 'Hauptstraße 5' WHERE id = ?").run(id);
    }
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result.success).toEqual([ids[0], ids[2], ids[4]]);
    const errors = Object.fromEntries(result.failed.map((f) => [f.order_id, f.error]));
    expect(errors[ids[1]!]).toBe(
      'Order 1002: DHL refused the label: recipient postcode: The postal code could not be found for this city. Please check the address.; recipient street: The street could not be found at this postal code. Please check the address.',
    );
    expect(errors[ids[3]!]).toMatch(
      /^Order 1004: DHL refused the label: recipient street: The street could not be found/,
    );
    expect(statusOf(db, ids[3]!)).toBe('label_failed');
    expect(sim.requests.shipmentsPerPost).toEqual([6]);
    expect(sim.shipments()).toHaveLength(3);
  });

  it('checks the address before DHL is called: a bad postcode or a missing house number costs nothing', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 2);
    db.$client.prepare("UPDATE orders SET ship_postcode = '1011' WHERE id = ?").run(ids[0]);
    db.$client.prepare("UPDATE orders SET ship_line1 = 'Müllerstraße' WHERE id = ?").run(ids[1]);
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result).toEqual({
      success: [],
      failed: [
        { order_id: ids[0], error: 'Order 1001: Postcode 1011 is not a German postcode: 5 digits expected.' },
        { order_id: ids[1], error: 'Order 1002: Street address "Müllerstraße" has no house number.' },
      ],
    });
    expect(sim.requests.total).toBe(0);
    expect(statusOf(db, ids[0]!)).toBe('label_failed');
  });

  it('waits out a 429 and buys each label once', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 3);
    sim.misbehave.rateLimitNext(2, 1);
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result.success).toEqual(ids);
    for (const label of labelsOf(db)) expect(sim.createdFor(label.idempotency_key)).toBe(1);
  });

  it('after a timeout that bought the labels, finds them by reference instead of buying again', async () => {
    const { sim, db, deps } = await setup({ lookupByRefNo: true });
    const ids = importGermanOrders(db, 4);
    sim.misbehave.hangAfterCreateNext(1);
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result).toEqual({ success: ids, failed: [] });
    expect(sim.requests.byMethod.POST).toBe(1);
    for (const label of labelsOf(db)) {
      expect(label.state).toBe('bought');
      expect(sim.createdFor(label.idempotency_key)).toBe(1);
    }
  });

  it('when DHL cannot be asked by reference, keeps the purchase open and never buys it again', async () => {
    const { sim, db, deps } = await setup();
    const [id] = importGermanOrders(db, 1);
    sim.misbehave.hangAfterCreateNext(1);
    const first = await generateLabels(deps, [id!], 'dhl');
    expect(first.failed[0]?.error).toMatch(
      /^Order 1001: DHL did not answer within 2 seconds\. PackDesk will check with DHL whether the label was made before buying again; retry later\. \(DHL cannot say whether it made the label with reference PD-\d+-[0-9a-f]{12}; look the reference up in the DHL business portal/,
    );
    const [pending] = labelsOf(db);
    expect(pending!.state).toBe('pending');
    expect(statusOf(db, id!)).toBe('label_failed');

    const again = await generateLabels(deps, [id!], 'dhl');
    expect(again.failed[0]?.error).toMatch(/^DHL cannot say whether it made the label with reference/);
    expect(sim.requests.byMethod.POST).toBe(1);
    expect(sim.createdFor(pending!.idempotency_key)).toBe(1);
    expect(labelsOf(db)).toHaveLength(1);
  });

  it('says so in words when DHL is gone or the password is wrong, and buys once it is back', async () => {
    const { sim, db, deps } = await setup();
    const ids = importGermanOrders(db, 2);
    await sim.misbehave.goAway();
    const gone = await generateLabels(deps, ids, 'dhl');
    expect(gone.failed.map((f) => f.error)).toEqual([
      `Order 1001: DHL could not be reached at 127.0.0.1:${sim.port} (connection refused); check the internet connection and try again.`,
      `Order 1002: DHL could not be reached at 127.0.0.1:${sim.port} (connection refused); check the internet connection and try again.`,
    ]);
    expect(statusOf(db, ids[0]!)).toBe('label_failed');
    await sim.misbehave.comeBack();
    expect((await generateLabels(deps, ids, 'dhl')).success).toEqual(ids);

    const wrong = await setup({}, { password: 'wrong' });
    const [other] = importGermanOrders(wrong.db, 1);
    const refused = await generateLabels(wrong.deps, [other!], 'dhl');
    expect(refused.failed[0]?.error).toBe(
      'Order 1001: DHL refused the account (401: Unauthorized: the user name or password is wrong.); check the API key, user name and password of the DHL account.',
    );
  });

  it('asks for ZPL2 when the account wants it and stores the ZPL', async () => {
    const { db, deps } = await setup({}, { docFormat: 'ZPL2' });
    const [id] = importGermanOrders(db, 1);
    await generateLabels(deps, [id!], 'dhl');
    const [label] = labelsOf(db);
    expect(label!.format).toBe('zpl');
    expect(readFileSync(label!.file_path!, 'utf8')).toContain(`^FD${label!.tracking_number}^FS`);
  });

  it('validates a request first when the account asks, and buys only what DHL accepted', async () => {
    const { sim, db, deps } = await setup({}, { validateFirst: true });
    const ids = importGermanOrders(db, 3);
    db.$client.prepare("UPDATE orders SET ship_line1 = 'Nirgendwo 1' WHERE id = ?").run(ids[1]);
    sim.misbehave.rejectStreet('Nirgendwo');
    const result = await generateLabels(deps, ids, 'dhl');
    expect(result.success).toEqual([ids[0], ids[2]]);
    expect(result.failed).toEqual([
      {
        order_id: ids[1],
        error:
          'Order 1002: DHL refused the label: recipient street: The street could not be found at this postal code. Please check the address.',
      },
    ]);
    // One validation of all three, one purchase of the two it passed.
    expect(sim.requests.shipmentsPerPost).toEqual([3, 2]);
    expect(sim.shipments()).toHaveLength(2);
  });

  it('is not offered without an account', async () => {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
    dbs.push(db);
    const carriers = carrierRegistry(db, testBox, createLocalCarrier({ nextSerial: () => 1 }));
    expect(carriers.dhl).toBeUndefined();
    const ids = importGermanOrders(db, 1);
    await expect(generateLabels({ db, clock: () => new Date(), dataDir, carriers }, ids, 'dhl')).rejects.toThrow(
      'The carrier dhl is not set up on this workstation; add its account first.',
    );
  });
});

describe('the DHL adapter', () => {
  const shipment = (key: string): Shipment => ({
    idempotencyKey: key,
    orderNumber: '1001',
    sender: {
      name: 'Lager',
      company: 'PackDesk',
      line1: 'Lagerstraße 1',
      line2: '',
      city: 'Berlin',
      state: '',
      postcode: '10115',
      country: 'DE',
      phone: '',
      email: '',
    },
    recipient: {
      name: 'Jürgen Müller',
      company: '',
      line1: 'Müllerstraße 12',
      line2: '',
      city: 'München',
      state: '',
      postcode: '80331',
      country: 'DE',
      phone: '',
      email: '',
    },
    items: [{ sku: 'TEE', name: 'Tee', quantity: 1, price: '9.95', attributes: [] }],
    weightGrams: 250,
    service: 'standard',
  });

  it('takes a repeated reference answered with the existing shipment, or refused naming it, as that shipment', async () => {
    for (const duplicateRefNo of ['replay', 'refuse'] as const) {
      const { sim, db } = await setup({ duplicateRefNo });
      const dhl = createDhlCarrier(dhlAccountOf(db, testBox)!, FAST_DHL_HTTP);
      const first = await dhl.create(shipment('PD-1-abcdefabcdef'));
      const second = await dhl.create(shipment('PD-1-abcdefabcdef'));
      expect(second.trackingNumber).toBe(first.trackingNumber);
      expect(sim.createdFor('PD-1-abcdefabcdef')).toBe(1);
    }
  });

  it('sends customs for parcels leaving the EU, Weltpaket abroad, and voids a shipment', async () => {
    const { sim, db } = await setup();
    const dhl = createDhlCarrier(dhlAccountOf(db, testBox)!, FAST_DHL_HTTP);
    const abroad = shipment('PD-2-abcdefabcdef');
    abroad.recipient = {
      ...abroad.recipient,
      line1: '10 Downing Street',
      city: 'London',
      postcode: 'SW1A 2AA',
      country: 'GB',
    };
    const label = await dhl.create(abroad);
    expect(sim.shipments()[0]!.product).toBe('V53WPAK');
    await dhl.void!(label.trackingNumber);
    expect(sim.shipments()[0]!.voided).toBe(true);
    await expect(dhl.void!(label.trackingNumber)).rejects.toThrow(
      /DHL did not cancel shipment \d+: The shipment number is unknown or was already cancelled/,
    );
    await expect(dhl.create({ ...shipment('PD-3-abcdefabcdef'), service: 'V99XXX' })).rejects.toThrow(
      'DHL has no service "V99XXX"; choose standard or one of V01PAK, V53WPAK, V54EPAK, V62KP, V66WPI.',
    );
  });
});
