/**
 * The read pool: the REST order list answered on worker threads, each with its own connection to
 * the real database file, exactly as the core's own thread answers it; a read sees every write
 * committed before it was asked; a thread that dies fails only its own reads, in words.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { inThreadReader } from '../../src/main/core/read-pool/in-thread';
import type { ReadWorkerData } from '../../src/main/core/read-pool/read-protocol';
import { createReadPool } from '../../src/main/core/read-pool/read-pool';
import type { Reader } from '../../src/main/core/read-pool/reads';
import { addShop, AT, makeOrder } from '../support/orders';
import { sourceReadWorker } from '../support/read-worker';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const opened: { db: Db; pool: Reader }[] = [];
afterEach(async () => {
  for (const { db, pool } of opened.splice(0)) {
    await pool.close();
    closeDatabase(db);
  }
});

/** Two shops, 60 orders, three statuses; the pool is given its threads by `spawn`. */
function setup(spawn: (data: ReadWorkerData) => Worker = sourceReadWorker) {
  const file = join(tempDir(), 'db.sqlite');
  const db = openDatabase(file);
  const shops = ['shop_a', 'shop_b'].map((s) => ({
    credentialId: addShop(db, s),
    channel: 'woocommerce',
    sellerId: s,
  }));
  db.$client.transaction(() => {
    for (let n = 1; n <= 60; n++) {
      const name = n % 4 === 0 ? '陈尧' : 'Jörg Müller';
      const order = makeOrder(n, { placedAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString() });
      importOrder(db, shops[n % 2]!, { ...order, shipping: { ...order.shipping, name } }, AT);
    }
    db.$client.exec("UPDATE orders SET status = 'on_hold' WHERE id % 3 = 0");
    db.$client.exec("UPDATE orders SET status = 'label_created', tracking_number = 'T' || id WHERE id % 5 = 0");
  })();
  const pool = createReadPool({ data: { file }, spawn, size: 2 });
  opened.push({ db, pool });
  return { db, pool };
}

const text = (json: Uint8Array) => Buffer.from(json).toString();

describe('the read pool', () => {
  it('answers the REST order list on its threads exactly as the core thread does, many at once', async () => {
    const { db, pool } = setup();
    const here = inThreadReader(db);
    const asks = [
      { offset: 0, limit: 50 },
      { statuses: ['new' as const], offset: 0, limit: 7 },
      { statuses: ['on_hold' as const, 'label_created' as const], offset: 5, limit: 10 },
      { channel: 'woocommerce', sellerId: 'shop_b', offset: 10, limit: 10 },
      { sellerId: 'nobody', offset: 0, limit: 10 },
      { statuses: ['new' as const], offset: 500, limit: 10 },
    ];
    // Twenty at once over two threads: each answer still belongs to its own ask.
    const many = [...asks, ...asks, ...asks].slice(0, 20);
    const answers = await Promise.all(many.map((ask) => pool.run('orders.find', ask)));
    for (const [i, ask] of many.entries()) {
      const expected = await here.run('orders.find', ask);
      expect(answers[i]!.total).toBe(expected.total);
      expect(text(answers[i]!.json)).toBe(text(expected.json));
    }
    const listed = JSON.parse(text(answers[0]!.json)) as { total: number; orders: unknown[] };
    expect(listed.total).toBe(60);
    expect(listed.orders).toHaveLength(50);
  });

  it('sees every write committed before a read was asked', async () => {
    const { db, pool } = setup();
    const before = await pool.run('orders.find', { statuses: ['new'], offset: 0, limit: 100 });
    db.$client.exec("UPDATE orders SET status = 'cancelled' WHERE id IN (1, 2)");
    const after = await pool.run('orders.find', { statuses: ['new'], offset: 0, limit: 100 });
    expect(after.total).toBe(before.total - 2);
    const ids = (JSON.parse(text(after.json)) as { orders: { internal_id: number }[] }).orders.map(
      (o) => o.internal_id,
    );
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(2);
  });

  it('fails only the reads of a thread that dies, in words, and answers the next read on a new thread', async () => {
    let spawned = 0;
    const { pool } = setup((data) =>
      // The first thread dies before it answers anything; the ones after it work.
      spawned++ === 0 ? new Worker('process.exit(3)', { eval: true }) : sourceReadWorker(data),
    );
    await expect(pool.run('orders.find', { offset: 0, limit: 5 })).rejects.toThrow(
      'The reading thread stopped (exit code 3); ask again.',
    );
    const next = await pool.run('orders.find', { offset: 0, limit: 5 });
    expect(next.total).toBe(60);
    expect(spawned).toBe(2);
  });

  it('refuses reads once closed, in words', async () => {
    const { pool } = setup();
    await pool.run('orders.find', { offset: 0, limit: 5 });
    await pool.close();
    await expect(pool.run('orders.find', { offset: 0, limit: 5 })).rejects.toThrow('PackDesk is closing');
  });
});
