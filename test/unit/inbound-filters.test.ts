/**
 * The Inbound queue's field filters (seed 004's payment method, official account, creation source,
 * batch encoding and levels, order and tracking number) over purchase orders pulled from the
 * purchasing simulator into a real SQLite file. The simulated server answers the same filters
 * itself, so each local answer is checked against the server's; and the values the screen offers
 * are the ones the held orders have, deleted ones aside.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pullChannel } from '../../src/main/core/channels/pull';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { inboundFilterChoices, listInbound, type InboundFilter } from '../../src/main/core/inbound/inbound-queue';
import { createPurchasingClient } from '../../src/main/core/inbound/purchasing-http';
import { samplePurchaseOrders } from '../../sim/purchasing/sample-orders';
import { startPurchasingSim, type PurchasingSim } from '../../sim/purchasing/server';
import { addWarehouse, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const TOKEN = 'batch-stats-token-filters';
const tempDir = useTempDir();
const client = createPurchasingClient({ backoffMs: 1, timeoutMs: 2_000 });
let sim: PurchasingSim;
let db: Db;

beforeEach(async () => {
  // Vary what the sample leaves alike: creation source and batch levels.
  const orders = samplePurchaseOrders({ count: 60 }).map((o) => ({
    ...o,
    batch_level_1: o.id <= 20 ? 'LEVEL-A' : 'LEVEL-B',
    creation_source: o.id % 5 === 0 ? 'manual' : 'api',
    batch_level_2: o.id % 2 === 0 ? 'L2-EVEN' : 'L2-ODD',
    batch_level_3: o.id % 7 === 0 ? 'L3-SEVEN' : '',
  }));
  sim = await startPurchasingSim({ token: TOKEN, orders });
  sim.softDelete(7);
  db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
  const credentialId = addWarehouse(db, sim.url, TOKEN);
  const deps = { db, box: testBox, clock: () => new Date(), adapters: {}, purchasing: client };
  expect((await pullChannel(deps, credentialId)).pulled).toBe(60);
});
afterEach(async () => {
  closeDatabase(db);
  await sim.close();
});

const local = (filter: Partial<InboundFilter>): string[] =>
  listInbound(db, { includeDeleted: false, ...filter }, 0, 500)
    .rows.map((r) => r.externalId)
    .sort();

/** The server's own answer to the seed filter, deleted ones left out as the queue does by default. */
async function remote(param: string, value: string): Promise<string[]> {
  const conn = { baseUrl: sim.url, apiKey: TOKEN, apiSecret: '', settings: {} };
  const page = await client.listPage(conn, { query: { [param]: value, is_deleted: 'false', page_size: '100' } });
  return page.results.map((r) => String((r as { id: number }).id)).sort();
}

it.each([
  ['paymentMethod', 'payment_method', 'gift_card'],
  ['creationSource', 'creation_source', 'manual'],
  ['batchEncoding', 'batch_encoding', 'BATCH-2025-02'],
  ['batchLevel1', 'batch_level_1', 'LEVEL-A'],
  ['batchLevel2', 'batch_level_2', 'L2-EVEN'],
  ['batchLevel3', 'batch_level_3', 'L3-SEVEN'],
  ['orderNumber', 'order_number', 'ORD20250100012'],
  ['trackingNumber', 'tracking_number', 'TRACK100006'],
] as const)('%s keeps the orders the server answers for ?%s=%s', async (field, param, value) => {
  const mine = local({ [field]: value });
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.length).toBeLessThan(59);
  expect(mine).toEqual(await remote(param, value));
});

it('filters by the official account as shown (name · account id), and combines filters', () => {
  const zhang = local({ officialAccount: '张三 · ACC001' });
  expect(zhang).toEqual(local({}).filter((id) => Number(id) % 2 === 1));
  // Exact, as the server's filters: part of a value finds nothing.
  expect(local({ paymentMethod: 'card' })).toEqual([]);
  const both = local({ officialAccount: '张三 · ACC001', creationSource: 'manual', deliveryStatus: 'in_delivery' });
  expect(both).toEqual(['15', '35', '55']);
});

it('offers the values the held orders have, sorted (by code point), a value only deleted orders have left out', () => {
  expect(inboundFilterChoices(db)).toEqual({
    paymentMethod: ['credit_card', 'debit_card', 'gift_card'],
    officialAccount: ['张三 · ACC001', '李四 · ACC002'],
    creationSource: ['api', 'manual'],
    batchEncoding: ['BATCH-2025-01', 'BATCH-2025-02', 'BATCH-2025-03'],
    batchLevel1: ['LEVEL-A', 'LEVEL-B'],
    batchLevel2: ['L2-EVEN', 'L2-ODD'],
    batchLevel3: ['L3-SEVEN'],
  });
  // Order 7, deleted on the server, is left out already; delete the others with L3-SEVEN and it goes.
  for (const id of [14, 21, 28, 35, 42, 49, 56]) {
    db.$client.prepare('UPDATE purchase_orders SET is_deleted = 1 WHERE external_id = ?').run(String(id));
  }
  expect(inboundFilterChoices(db).batchLevel3).toEqual([]);
});
