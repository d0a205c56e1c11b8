/**
 * GET /api/orders answers are kept serialized per URL until the database changes: asked again,
 * the same bytes; after any write (through PackDesk, or another connection to the file, as a
 * second process would make) the answer is read again, never stale.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/core/data-dir';
import { importOrder } from '../../src/main/core/orders/order-import';
import { addShop, AT, makeOrder } from '../support/orders';
import { useRestServer } from '../support/rest-server';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const serve = useRestServer(tempDir);

const totalOf = (body: unknown) => (body as { total: number }).total;

describe('REST answers reused until the database changes', () => {
  it('answers a repeated list from the cache, and freshly after a write from here or elsewhere', async () => {
    const { core, request } = await serve();
    const shop = addShop(core.db, 'store_abc');
    const from = { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' } as const;
    for (let n = 1; n <= 3; n++) importOrder(core.db, from, makeOrder(n), AT);

    const first = await request('GET', '/api/orders?status=new');
    const again = await request('GET', '/api/orders?status=new');
    expect(totalOf(first.body)).toBe(3);
    expect(again.bytes).toEqual(first.bytes);
    expect(again.type).toBe('application/json; charset=utf-8');

    // A write through PackDesk: a labelled order leaves the "new" list at once.
    await request('POST', '/api/orders/generate_labels', { json: { order_ids: ['1001'] } });
    expect(totalOf((await request('GET', '/api/orders?status=new')).body)).toBe(2);

    // A write by another connection to the same file.
    const other = new Database(join(core.dataDir, DATABASE_FILE));
    try {
      other.prepare("UPDATE orders SET status = 'on_hold' WHERE external_id = '1002'").run();
    } finally {
      other.close();
    }
    const afterOther = await request('GET', '/api/orders?status=new');
    expect(totalOf(afterOther.body)).toBe(1);
    expect((afterOther.body as { orders: { order_id: string }[] }).orders.map((o) => o.order_id)).toEqual(['1003']);

    // A refused request is never kept: asked again it is refused again, in words.
    for (let i = 0; i < 2; i++) {
      expect(await request('GET', '/api/orders?status=lunch')).toMatchObject({ status: 400, body: { code: 400 } });
    }
  });
});
