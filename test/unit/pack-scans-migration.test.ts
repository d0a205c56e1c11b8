import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBatch } from '../../src/main/core/batches/batch-service';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migration004 } from '../../src/main/core/db/migrations/004-pack-scans';
import { importOrder } from '../../src/main/core/orders/order-import';
import { transition } from '../../src/main/core/orders/state-machine';
import { findPackOrder, scanItem } from '../../src/main/core/packing/pack-service';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('migration 004 (pack scans)', () => {
  it('upgrades a database with a batch made before it, whose orders can then be packed by scan', () => {
    const file = join(tempDir(), 'old.sqlite');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration004));
    const old = openDatabase(file, { migrations: before });
    const shop = addShop(old);
    importOrder(old, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(1), AT);
    transition(old, 1, 'waiting_labels', { actor: 'test', at: AT });
    transition(old, 1, 'label_created', { actor: 'test', at: AT });
    // createBatch reads no pack_scans: it runs on the old schema as the old app did.
    const { batch_id } = createBatch(old, () => new Date(2026, 10, 24), shop);
    expect(old.$client.pragma('user_version', { simple: true })).toBe(before.length);
    closeDatabase(old);

    // Up to today's schema: packing reads what later migrations added (the items' barcodes, 008).
    const db = openDatabase(file);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(findPackOrder(db, '1001')).toMatchObject({ batchId: batch_id, complete: false });
    const scan = scanItem(db, () => new Date(), { orderId: 1, code: 'MUG-1', packer: 'Mei' });
    expect(scan.outcome).toBe('right');
    expect(db.$client.prepare('SELECT method, packer, quantity FROM pack_scans').all()).toEqual([
      { method: 'scan', packer: 'Mei', quantity: 1 },
    ]);
    closeDatabase(db);
  });
});
