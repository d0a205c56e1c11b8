/**
 * Which carrier and service a label is bought with: the run's pick > the order's own > its shop's
 * default > local delivery. Checked where it counts, at the DHL simulator (the product it sold).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migration006 } from '../../src/main/core/db/migrations/006-label-choices';
import {
  storedChoice,
  checkedChoice,
  orderLabelChoice,
  resolveChoices,
  setChannelDefault,
  setOrderChoice,
} from '../../src/main/core/labels/label-choice';
import { generateLabels, type LabelDeps } from '../../src/main/core/labels/label-service';
import { getCredential } from '../../src/main/core/credentials/credential-repo';
import { getOrderDetail } from '../../src/main/core/orders/order-detail';
import { importOrder } from '../../src/main/core/orders/order-import';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, addDhlAccount, importGermanOrders } from '../support/dhl';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { CARRIER_OFFERS, type CarrierList } from '../../src/shared/carriers';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const sims: DhlSim[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const db of dbs.splice(0)) closeDatabase(db);
});

async function setup(withDhl = true) {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  sims.push(sim);
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  dbs.push(db);
  if (withDhl) addDhlAccount(db, sim.url);
  const deps: LabelDeps = {
    db,
    clock: () => new Date('2026-11-25T10:00:00Z'),
    dataDir,
    carriers: testCarriers(db),
  };
  return { sim, db, deps };
}

const shopOf = (db: Db, orderId: number) =>
  (db.$client.prepare('SELECT credential_id FROM orders WHERE id = ?').get(orderId) as { credential_id: number })
    .credential_id;

function carriersOf(db: Db): Record<number, string> {
  const rows = db.$client.prepare('SELECT order_id, carrier, service FROM labels ORDER BY order_id').all() as {
    order_id: number;
    carrier: string;
    service: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.order_id, `${r.carrier}/${r.service}`]));
}

/** carriers.list with no account: each carrier's fixed offer, Sendcloud's empty. */
const NONE_SET_UP: CarrierList = { carriers: [], defaultCarrier: 'local' };

describe('label choice precedence', () => {
  it('order override > channel default > local, each saying where it came from', async () => {
    const { db } = await setup();
    const [a, b] = importGermanOrders(db, 2);
    const [c] = importGermanOrders(db, 1, 10); // another shop, no default
    setChannelDefault(db, shopOf(db, a!), { carrier: 'dhl', service: 'V54EPAK' }, AT);
    setOrderChoice(db, b!, { carrier: 'dhl', service: 'V62KP' }, AT);

    expect(Object.fromEntries(resolveChoices(db, [a!, b!, c!]))).toEqual({
      [a!]: { carrier: 'dhl', service: 'V54EPAK', source: 'channel' },
      [b!]: { carrier: 'dhl', service: 'V62KP', source: 'order' },
      [c!]: { carrier: 'local', service: 'standard', source: 'app' },
    });
    expect(getCredential(db, shopOf(db, a!)).labelDefault).toEqual({ carrier: 'dhl', service: 'V54EPAK' });
    expect(getOrderDetail(db, b!).labelChoice).toEqual({ carrier: 'dhl', service: 'V62KP', source: 'order' });

    // Clearing the order's own choice brings its shop's default back.
    setOrderChoice(db, b!, null, AT);
    expect(orderLabelChoice(db, b!)).toEqual({ carrier: 'dhl', service: 'V54EPAK', source: 'channel' });
    setChannelDefault(db, shopOf(db, a!), null, AT);
    expect(orderLabelChoice(db, b!).source).toBe('app');
  });

  it('a run without a carrier buys each order with its own choice; a run with one buys all with that', async () => {
    const { sim, db, deps } = await setup();
    const [a, b] = importGermanOrders(db, 2);
    const [c] = importGermanOrders(db, 1, 10);
    setChannelDefault(db, shopOf(db, a!), { carrier: 'dhl', service: 'V62KP' }, AT);
    setOrderChoice(db, b!, { carrier: 'local', service: 'standard' }, AT);

    const result = await generateLabels(deps, [a!, b!, c!]);
    expect(result.failed).toEqual([]);
    expect(carriersOf(db)).toEqual({ [a!]: 'dhl/V62KP', [b!]: 'local/standard', [c!]: 'local/standard' });
    expect(sim.shipments().map((s) => s.product)).toEqual(['V62KP']);

    // The run's explicit pick beats the order's own choice and the shop's default.
    const [d, e] = importGermanOrders(db, 2, 20);
    setChannelDefault(db, shopOf(db, d!), { carrier: 'local', service: 'standard' }, AT);
    setOrderChoice(db, e!, { carrier: 'local', service: 'standard' }, AT);
    await generateLabels(deps, [d!, e!], 'dhl', 'V01PAK');
    expect(carriersOf(db)).toMatchObject({ [d!]: 'dhl/V01PAK', [e!]: 'dhl/V01PAK' });
  });

  it("fails in words only the orders whose shop's default carrier is not set up", async () => {
    const { db, deps } = await setup(false);
    const [a] = importGermanOrders(db, 1);
    const [b] = importGermanOrders(db, 1, 10);
    setChannelDefault(db, shopOf(db, a!), { carrier: 'dhl', service: 'V01PAK' }, AT);
    const result = await generateLabels(deps, [a!, b!]);
    expect(result).toEqual({
      success: [b],
      failed: [{ order_id: a, error: 'The carrier dhl is not set up on this workstation; add its account first.' }],
    });
  });

  it('refuses a service the carrier does not sell, in words, and defaults to its own', () => {
    expect(() => checkedChoice(NONE_SET_UP, 'dhl', 'standard')).toThrow(
      /DHL has no service standard; choose one of V01PAK/,
    );
    expect(checkedChoice(NONE_SET_UP, 'dhl', undefined)).toEqual({ carrier: 'dhl', service: 'V01PAK' });
    expect(checkedChoice(NONE_SET_UP, 'local', undefined)).toEqual({ carrier: 'local', service: 'standard' });
  });

  it("takes a Sendcloud account's own shipping options, and refuses Sendcloud without an account", () => {
    const sendcloud = { ...CARRIER_OFFERS.sendcloud, services: [{ code: 'dhl:paket', name: 'dhl:paket' }] };
    const offered: CarrierList = { carriers: [sendcloud], defaultCarrier: 'local' };
    expect(checkedChoice(offered, 'sendcloud', 'dhl:paket')).toEqual({ carrier: 'sendcloud', service: 'dhl:paket' });
    expect(() => checkedChoice(offered, 'sendcloud', 'postnl:standard')).toThrow(
      /Sendcloud has no service postnl:standard/,
    );
    expect(() => checkedChoice(NONE_SET_UP, 'sendcloud', 'dhl:paket')).toThrow(/Sendcloud is not set up/);
    expect(storedChoice('sendcloud', 'dhl:paket')).toEqual({ carrier: 'sendcloud', service: 'dhl:paket' });
  });

  it('a carrier account has no default to set, and an unknown order is refused', async () => {
    const { db } = await setup();
    const dhlId = (db.$client.prepare("SELECT id FROM credentials WHERE provider_code = 'dhl'").get() as { id: number })
      .id;
    expect(() => setChannelDefault(db, dhlId, { carrier: 'local', service: 'standard' }, AT)).toThrow(/no shop/);
    expect(() => setOrderChoice(db, 999, null, AT)).toThrow(/Order 999 does not exist/);
  });
});

describe('migration 006 (label choices)', () => {
  it('upgrades a database with orders in it: they go with PackDesk’s default until a choice is set', () => {
    const file = join(tempDir(), 'old.sqlite');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration006));
    const old = openDatabase(file, { migrations: before });
    const shop = addShop(old);
    importOrder(old, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(1), AT);
    closeDatabase(old);

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, before.length + 1) });
    dbs.push(db);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(migration006.version);
    expect(orderLabelChoice(db, 1)).toEqual({ carrier: 'local', service: 'standard', source: 'app' });
    setChannelDefault(db, shop, { carrier: 'dhl', service: 'V01PAK' }, AT);
    expect(orderLabelChoice(db, 1)).toEqual({ carrier: 'dhl', service: 'V01PAK', source: 'channel' });
  });
});
