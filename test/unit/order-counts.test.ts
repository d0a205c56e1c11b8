/**
 * Migration 009: the per-store counts of a real version-8 database, and the triggers that keep
 * them as orders arrive, move through the state machine and are removed. The REST totals and the
 * queue tabs read them, so every figure is compared with a count of the orders themselves.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { findOrders } from '../../src/main/core/orders/order-find';
import { importOrder } from '../../src/main/core/orders/order-import';
import { countByStatus } from '../../src/main/core/orders/order-queue';
import { transition } from '../../src/main/core/orders/state-machine';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** The counts table and a GROUP BY over the orders, zero rows left out. */
function expectCountsTrue(db: Db) {
  const kept = db.$client
    .prepare('SELECT credential_id, channel, seller_id, status, n FROM order_counts WHERE n > 0 ORDER BY 1, 2, 3, 4')
    .all();
  const counted = db.$client
    .prepare(
      'SELECT credential_id, channel, seller_id, status, count(*) AS n FROM orders GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
    )
    .all();
  expect(kept).toEqual(counted);
}

const idOf = (db: Db, seller: string, n: number) =>
  (
    db.$client
      .prepare('SELECT id FROM orders WHERE seller_id = ? AND external_id = ?')
      .get(seller, String(1000 + n)) as { id: number }
  ).id;

describe('migration 009: order counts per store and status', () => {
  it('counts the orders of a real version-8 database and keeps counting through imports, moves and removals', () => {
    const file = join(tempDir(), 'v8.sqlite');
    const v8 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 8) });
    const a = addShop(v8, 'store_a');
    const b = addShop(v8, 'store_b');
    for (let n = 1; n <= 9; n++) {
      importOrder(v8, { credentialId: a, channel: 'woocommerce', sellerId: 'store_a' }, makeOrder(n), AT);
      if (n <= 4) importOrder(v8, { credentialId: b, channel: 'woocommerce', sellerId: 'store_b' }, makeOrder(n), AT);
    }
    transition(v8, idOf(v8, 'store_a', 2), 'on_hold', { actor: 't', at: AT });
    transition(v8, idOf(v8, 'store_b', 3), 'cancelled', { actor: 't', at: AT });
    expect(v8.$client.pragma('user_version', { simple: true })).toBe(8);
    closeDatabase(v8);

    // Upgraded to the latest version, as PackDesk opens it: the REST list's totals below need it.
    const db = openDatabase(file);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expectCountsTrue(db);
    expect(countByStatus(db, undefined)).toMatchObject({ all: 13, new: 11, on_hold: 1, cancelled: 1 });
    expect(countByStatus(db, undefined, { credentialId: b })).toMatchObject({ all: 4, new: 3, cancelled: 1 });

    // New orders, moves (there and back), an update that leaves the status alone, a removal.
    importOrder(db, { credentialId: b, channel: 'woocommerce', sellerId: 'store_b' }, makeOrder(5), AT);
    transition(db, idOf(db, 'store_a', 4), 'on_hold', { actor: 't', at: AT });
    transition(db, idOf(db, 'store_a', 2), 'new', { actor: 't', at: AT });
    db.$client.prepare("UPDATE orders SET customer_note = 'ring twice' WHERE seller_id = 'store_a'").run();
    db.$client.prepare('DELETE FROM orders WHERE id = ?').run(idOf(db, 'store_a', 9));
    expectCountsTrue(db);
    expect(countByStatus(db, undefined, { channel: 'woocommerce' })).toMatchObject({ all: 13, new: 11, on_hold: 1 });

    const total = (filter: Parameters<typeof findOrders>[1]) => findOrders(db, filter, 0, 1).total;
    expect(total({})).toBe(13);
    expect(total({ statuses: ['on_hold', 'cancelled'] })).toBe(2);
    expect(total({ channel: 'woocommerce', sellerId: 'store_b' })).toBe(5);
    expect(total({ sellerId: 'store_b', statuses: ['new'] })).toBe(4);
    expect(total({ channel: 'shopify' })).toBe(0);
    closeDatabase(db);
  });
});
