/**
 * The REST order list's page plans (one status walks an index; several merge one index range
 * each; a seller walks its store's index, testing each row only when the store holds other
 * sellers' orders too) against the plainest query that can answer: the same rows in the same
 * order for every filter and page, and the same total.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { findOrders, type OrderFilter } from '../../src/main/core/orders/order-find';
import { importOrder } from '../../src/main/core/orders/order-import';
import type { OrderStatus } from '../../src/shared/statuses';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let db: Db;
afterEach(() => closeDatabase(db));

const STATUSES: OrderStatus[] = ['new', 'label_created', 'label_failed', 'on_hold', 'batched', 'shipped'];

/** Two WooCommerce shops and a Shopify one; statuses spread, some orders placed at the same minute. */
function setup() {
  db = openDatabase(join(tempDir(), 'db.sqlite'));
  const shopify = addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'shopify',
      externalId: 'shop_c',
      displayName: 'Shop C',
      baseUrl: 'http://127.0.0.1:1',
      settings: {},
      secrets: { apiKey: 'shpat_test', apiSecret: '' },
    },
    AT,
  );
  const sources = [
    { credentialId: addShop(db, 'shop_a'), channel: 'woocommerce', sellerId: 'shop_a' },
    { credentialId: addShop(db, 'shop_b'), channel: 'woocommerce', sellerId: 'shop_b' },
    { credentialId: shopify, channel: 'shopify', sellerId: 'shop_c' },
  ];
  db.$client.transaction(() => {
    for (let n = 1; n <= 240; n++) {
      importOrder(
        db,
        sources[n % 3]!,
        makeOrder(n, { placedAt: new Date(Date.UTC(2026, 10, 1, 0, n % 90)).toISOString() }),
        AT,
      );
    }
    db.$client.exec(
      "INSERT INTO batches VALUES ('B1', 1, 'woocommerce', 'shop_a', '20261101', 1, 'created', 0, 'x', 'x')",
    );
    const rows = db.$client.prepare('SELECT id FROM orders').all() as { id: number }[];
    const set = db.$client.prepare("UPDATE orders SET status = ?, batch_id = CASE WHEN ? THEN 'B1' END WHERE id = ?");
    for (const { id } of rows) set.run(STATUSES[(id * 7) % STATUSES.length], id % 5 === 0 && id % 3 === 1 ? 1 : 0, id);
    // A store that also holds orders of another seller: its orders must then be told apart row by row.
    db.$client.exec("UPDATE orders SET seller_id = 'shop_x' WHERE credential_id = 1 AND id % 4 = 0");
  })();
}

function plainly(filter: OrderFilter, offset: number, limit: number) {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.statuses) {
    parts.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  }
  for (const [column, value] of [
    ['channel', filter.channel],
    ['seller_id', filter.sellerId],
    ['batch_id', filter.batchId],
  ] as const) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const all = db.$client.prepare(`SELECT id FROM orders ${where} ORDER BY placed_at DESC, id DESC`).all(...params) as {
    id: number;
  }[];
  return { total: all.length, ids: all.slice(offset, offset + limit).map((r) => r.id) };
}

describe('the REST order list', () => {
  it('answers every filter and page exactly as a plain query over the orders does', () => {
    setup();
    const statusSets: (OrderStatus[] | undefined)[] = [
      undefined,
      ['new'],
      ['label_failed', 'on_hold'],
      ['new', 'batched', 'shipped'],
      ['label_created', 'label_created', 'cancelled'],
    ];
    const sources: OrderFilter[] = [
      {},
      { channel: 'woocommerce' },
      { channel: 'shopify', sellerId: 'shop_c' },
      { sellerId: 'shop_b' },
      { channel: 'shopify', sellerId: 'shop_a' },
      { sellerId: 'nobody' },
      { sellerId: 'shop_x' },
      { channel: 'woocommerce', sellerId: 'shop_a' },
      { batchId: 'B1' },
      { channel: 'woocommerce', sellerId: 'shop_a', batchId: 'B1' },
    ];
    let compared = 0;
    for (const statuses of statusSets) {
      for (const source of sources) {
        for (const [offset, limit] of [
          [0, 7],
          [7, 7],
          [30, 25],
          [0, 500],
        ] as const) {
          const filter = { ...source, ...(statuses ? { statuses } : {}) };
          const found = findOrders(db, filter, offset, limit);
          const expected = plainly(filter, offset, limit);
          const what = JSON.stringify({ filter, offset, limit });
          expect(found.total, what).toBe(expected.total);
          const rows = (JSON.parse(Buffer.from(found.json).toString()) as { orders: { internal_id: number }[] }).orders;
          expect(
            rows.map((r) => r.internal_id),
            what,
          ).toEqual(expected.ids);
          compared += expected.ids.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
