/**
 * The order queue by channel and store: each row names its channel and store, and a page, its
 * tab counts and both search plans (a rare term sorted from its matches, a common one walked in
 * display order) keep to the chosen channel or store, through the indexes of migration 007.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { countByStatus, listOrders } from '../../src/main/core/orders/order-queue';
import { transition } from '../../src/main/core/orders/state-machine';
import { addShop, addTeaShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let db: Db;
afterEach(() => closeDatabase(db));

/** Two WooCommerce stores and a Telegram shop; order n goes to store n % 3 (A, B, tea). */
function setup(count: number) {
  db = openDatabase(join(tempDir(), 'db.sqlite'));
  const a = addShop(db, 'store_a');
  const b = addShop(db, 'store_b');
  const tea = addTeaShop(db);
  const sources = [
    { credentialId: a, channel: 'woocommerce', sellerId: 'store_a' },
    { credentialId: b, channel: 'woocommerce', sellerId: 'store_b' },
    { credentialId: tea, channel: 'tgshop', sellerId: 'tea_hk' },
  ];
  db.$client.transaction(() => {
    for (let n = 1; n <= count; n++) importOrder(db, sources[n % 3]!, makeOrder(n), AT);
  })();
  return { a, b, tea };
}

const numbers = (rows: { orderNumber: string }[]) => rows.map((r) => r.orderNumber);

describe('the queue by channel and store', () => {
  it('names each row’s channel and store, and pages, filters and counts within one', () => {
    const { a, tea } = setup(30);
    const id = (n: number) =>
      (db.$client.prepare('SELECT id FROM orders WHERE order_number = ?').get(String(1000 + n)) as { id: number }).id;
    transition(db, id(27), 'on_hold', { actor: 't', at: AT });
    transition(db, id(28), 'on_hold', { actor: 't', at: AT });

    expect(listOrders(db, {}, 0, 3).map((r) => [r.orderNumber, r.channel, r.storeName])).toEqual([
      ['1030', 'woocommerce', 'Shop store_a'],
      ['1029', 'tgshop', '港式茶饮'],
      ['1028', 'woocommerce', 'Shop store_b'],
    ]);
    expect(numbers(listOrders(db, { credentialId: tea }, 0, 3))).toEqual(['1029', '1026', '1023']);
    expect(numbers(listOrders(db, { channel: 'woocommerce' }, 0, 4))).toEqual(['1030', '1028', '1027', '1025']);
    expect(numbers(listOrders(db, { channel: 'woocommerce', status: 'on_hold' }, 0, 10))).toEqual(['1028', '1027']);
    expect(numbers(listOrders(db, { credentialId: a, status: 'on_hold' }, 0, 10))).toEqual(['1027']);
    // A store's rows are its own even when the channel says otherwise: the store decides.
    expect(numbers(listOrders(db, { credentialId: tea, channel: 'woocommerce' }, 0, 1))).toEqual(['1029']);
    expect(listOrders(db, { channel: 'shopify' }, 0, 10)).toEqual([]);

    expect(countByStatus(db, undefined, { credentialId: tea })).toMatchObject({ all: 10, new: 10, on_hold: 0 });
    expect(countByStatus(db, undefined, { channel: 'woocommerce' })).toMatchObject({ all: 20, new: 18, on_hold: 2 });
    expect(countByStatus(db, undefined, { credentialId: a })).toMatchObject({ all: 10, new: 9, on_hold: 1 });
    // 陈尧 is every even order: 15 in all, 5 of them in the Telegram shop.
    expect(countByStatus(db, '陈尧', { credentialId: tea })).toMatchObject({ all: 5, new: 5 });
    expect(numbers(listOrders(db, { credentialId: tea, search: '陈尧' }, 0, 10))).toEqual([
      '1026',
      '1020',
      '1014',
      '1008',
      '1002',
    ]);
  });

  it('keeps to the store in both search plans, and walks the store’s own index', () => {
    const { b } = setup(2400);
    // TEE-BLK is on every order (walked in display order); MUG-2399 on one (sorted from its match).
    expect(numbers(listOrders(db, { credentialId: b, search: 'TEE-BLK' }, 0, 3))).toEqual(['3398', '3395', '3392']);
    expect(numbers(listOrders(db, { credentialId: b, search: 'MUG-2398' }, 0, 3))).toEqual(['3398']);
    expect(listOrders(db, { credentialId: b, search: 'MUG-2399' }, 0, 3)).toEqual([]);
    expect(countByStatus(db, 'TEE-BLK', { credentialId: b }).all).toBe(800);

    const plan = (sql: string, ...params: unknown[]) =>
      (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const page =
      'SELECT id FROM orders o WHERE o.credential_id = ? AND o.status = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT 50';
    expect(plan(page, b, 'new')).toContain('orders_credential_status_placed');
    expect(plan(page, b, 'new')).not.toContain('TEMP B-TREE');
    const all = 'SELECT id FROM orders o WHERE o.channel = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT 50';
    expect(plan(all, 'tgshop')).toContain('orders_channel_placed');
    expect(plan(all, 'tgshop')).not.toContain('TEMP B-TREE');
  });
});
