/**
 * A WooCommerce pull while the shop's staff keep working: an order already read is saved again
 * between two pages (it moves to the end of the list sorted by change time), and a bulk edit gives
 * hundreds of orders the same change second. Through the pull the app runs, a real database file
 * and the simulated shop: every order lands exactly once, each with all its items.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pullChannel, type PullDeps } from '../../src/main/core/channels/pull';
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';
import { systemClock } from '../../src/main/core/clock';
import { addChannelCredential } from '../../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import type { WooOrder } from '../../sim/woocommerce/types';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: WooSim;
let deps: PullDeps;

beforeEach(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: [] });
  deps = {
    db: openDatabase(`${tempDir()}/packdesk.sqlite`),
    box: testBox,
    clock: systemClock,
    adapters: { woocommerce: createWooCommerceAdapter({ backoffMs: 1, timeoutMs: 2_000 }) },
  };
});
afterEach(async () => {
  await sim.close();
  closeDatabase(deps.db);
});

function addShop(): number {
  return addChannelCredential(deps, {
    providerCode: 'woocommerce',
    externalId: 'busy',
    displayName: 'Busy shop',
    baseUrl: sim.url,
    settings: {},
    apiKey: KEY,
    apiSecret: SECRET,
  }).id;
}

const waitingToShip = (orders: WooOrder[]): WooOrder[] =>
  orders.filter((o) => o.status === 'processing' || o.status === 'on-hold');

/** Each order we hold, once, with as many item rows as the shop has line items. */
function expectEachOnceWithItems(expected: WooOrder[]): void {
  const rows = deps.db.$client
    .prepare(
      `SELECT o.external_id AS id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) AS items
       FROM orders o ORDER BY o.external_id`,
    )
    .all() as { id: string; items: number }[];
  expect(rows).toEqual(
    expected.map((o) => ({ id: String(o.id), items: o.line_items.length })).sort((a, b) => a.id.localeCompare(b.id)),
  );
}

it('pulls the order that a page-numbered walk would skip when an order already read is saved again', async () => {
  const orders = sampleWooOrders({ count: 300, now: new Date(Date.now() - 60_000) });
  sim.setOrders(orders);
  const shipping = waitingToShip(orders);
  const earliest = [...shipping].sort((a, b) => a.date_modified_gmt.localeCompare(b.date_modified_gmt))[0]!;
  // Read on page 1, then saved: it moves to the end, and every order behind it one place up.
  sim.afterListAnswer(1, () => sim.upsertOrder({ ...earliest, customer_note: 'Ring twice, please.' }));

  const result = await pullChannel(deps, addShop());

  expect(result.new_orders).toBe(shipping.length);
  // The saved order came twice, once as it was and once changed: an update, not a new order.
  expect(result.pulled).toBe(shipping.length + 1);
  expectEachOnceWithItems(shipping);
  const note = deps.db.$client
    .prepare('SELECT customer_note AS note FROM orders WHERE external_id = ?')
    .get(String(earliest.id)) as { note: string };
  expect(note.note).toBe('Ring twice, please.');
});

it('walks a bulk edit of 250 orders saved in the same second, and one of them saved again during the walk, to the end', async () => {
  const orders = sampleWooOrders({ count: 260, now: new Date(Date.now() - 60_000) }).map((o) => ({
    ...o,
    date_modified: '2026-03-02T10:00:00',
    date_modified_gmt: '2026-03-02T09:00:00',
  }));
  sim.setOrders(orders);
  const shipping = waitingToShip(orders);
  expect(shipping.length).toBeGreaterThan(200);
  sim.afterListAnswer(2, () => sim.upsertOrder({ ...shipping[shipping.length - 1]!, customer_note: 'Gift wrap.' }));

  const result = await pullChannel(deps, addShop());

  expect(result.new_orders).toBe(shipping.length);
  expectEachOnceWithItems(shipping);
  // Nothing is left to resume: the walk ended instead of asking for the same second forever.
  const cursor = deps.db.$client.prepare('SELECT pull_cursor AS c FROM credentials').get() as { c: string | null };
  expect(cursor.c).toBeNull();
});
