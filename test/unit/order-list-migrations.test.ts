import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migration012 } from '../../src/main/core/db/migrations/012-batch-order-index';
import { migration013 } from '../../src/main/core/db/migrations/013-order-summaries';
import { findOrders } from '../../src/main/core/orders/order-find';
import { importOrder } from '../../src/main/core/orders/order-import';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** The REST order list (order-find.ts) as the migrations since version 11 shaped it. */
describe('order list migrations', () => {
  it("012 upgrades a database with batches; a batch's orders list by status in display order from the index alone", () => {
    const file = join(tempDir(), 'old.sqlite');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration012));
    const old = openDatabase(file, { migrations: before });
    const shop = addShop(old);
    old.$client.transaction(() => {
      for (let n = 1; n <= 12; n++) {
        const placedAt = new Date(Date.UTC(2026, 10, 1, n)).toISOString();
        importOrder(
          old,
          { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' },
          makeOrder(n, { placedAt }),
          AT,
        );
      }
      const addBatch = old.$client.prepare(
        "INSERT INTO batches (id, credential_id, channel, seller_id, day, seq, status, order_count, created_at, updated_at) VALUES (?, ?, 'woocommerce', 'store_abc', '20261101', ?, 'created', ?, ?, ?)",
      );
      addBatch.run('BATCH_A', shop, 1, 8, AT, AT);
      addBatch.run('BATCH_B', shop, 2, 4, AT, AT);
      old.$client.exec(`UPDATE orders SET batch_id = iif(id <= 8, 'BATCH_A', 'BATCH_B'),
        status = iif(id % 3 = 0, 'shipped', 'batched')`);
    })();
    closeDatabase(old);

    const db = openDatabase(file);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const ids = (filter: Parameters<typeof findOrders>[1], offset: number, limit: number) => {
      const found = findOrders(db, filter, offset, limit);
      const answer = JSON.parse(Buffer.from(found.json).toString()) as {
        total: number;
        orders: { internal_id: number }[];
      };
      return { total: answer.total, ids: answer.orders.map((o) => o.internal_id) };
    };
    // Newest first, a page at a time, the total of the whole batch.
    expect(ids({ batchId: 'BATCH_A' }, 0, 5)).toEqual({ total: 8, ids: [8, 7, 6, 5, 4] });
    expect(ids({ batchId: 'BATCH_A' }, 5, 5)).toEqual({ total: 8, ids: [3, 2, 1] });
    expect(ids({ batchId: 'BATCH_A', statuses: ['shipped'] }, 0, 50)).toEqual({ total: 2, ids: [6, 3] });
    expect(ids({ batchId: 'BATCH_B', statuses: ['batched', 'shipped'] }, 0, 50)).toEqual({
      total: 4,
      ids: [12, 11, 10, 9],
    });

    // A batch and one status: the index walks the page in order and never reads the table to sort.
    const plan = (
      db.$client
        .prepare(
          'EXPLAIN QUERY PLAN SELECT o.id FROM orders o WHERE o.status IN (?) AND o.batch_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT 5',
        )
        .all('shipped', 'BATCH_A') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH o USING COVERING INDEX orders_batch_status_placed (batch_id=? AND status=?)']);
    closeDatabase(db);
  });

  it("013 keeps each order's list entry as it was and as it changes after the upgrade", () => {
    const file = join(tempDir(), 'v12.sqlite');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration013));
    const old = openDatabase(file, { migrations: before });
    const source = { credentialId: addShop(old), channel: 'woocommerce', sellerId: 'store_abc' };
    for (let n = 1; n <= 3; n++) importOrder(old, source, makeOrder(n), AT);
    old.$client.exec(`UPDATE orders SET status = 'label_created', tracking_number = 'LP000000019DE' WHERE id = 1;
      UPDATE orders SET open_error_count = 2, status = 'label_failed' WHERE id = 2`);
    closeDatabase(old);

    const db = openDatabase(file);
    type Entry = { order_id: string; status: string; tracking_number: string | null; has_errors: boolean };
    const entries = () =>
      (JSON.parse(Buffer.from(findOrders(db, {}, 0, 10).json).toString()) as { orders: Entry[] }).orders
        .map(({ order_id, status, tracking_number, has_errors }) => ({
          order_id,
          status,
          tracking_number,
          has_errors,
        }))
        .sort((a, b) => a.order_id.localeCompare(b.order_id));
    expect(entries()).toEqual([
      { order_id: '1001', status: 'label_created', tracking_number: 'LP000000019DE', has_errors: false },
      { order_id: '1002', status: 'label_failed', tracking_number: null, has_errors: true },
      { order_id: '1003', status: 'new', tracking_number: null, has_errors: false },
    ]);
    // Changed, added and removed after the upgrade: the entries follow.
    db.$client
      .exec(`UPDATE orders SET open_error_count = 0, status = 'new' WHERE id = 2; DELETE FROM order_items WHERE order_id = 3;
      DELETE FROM order_logs WHERE order_id = 3; DELETE FROM orders WHERE id = 3`);
    importOrder(db, source, makeOrder(4), AT);
    expect(entries()).toEqual([
      { order_id: '1001', status: 'label_created', tracking_number: 'LP000000019DE', has_errors: false },
      { order_id: '1002', status: 'new', tracking_number: null, has_errors: false },
      { order_id: '1004', status: 'new', tracking_number: null, has_errors: false },
    ]);
    expect(db.$client.prepare('SELECT count(*) FROM order_summaries').pluck().get()).toBe(3);
    closeDatabase(db);
  });
});
