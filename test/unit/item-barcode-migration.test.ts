import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migration008 } from '../../src/main/core/db/migrations/008-item-barcode';
import { importOrder } from '../../src/main/core/orders/order-import';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('migration 008 (item barcode)', () => {
  it('upgrades a database with items stored before it; the next pull stores their barcodes', () => {
    const file = join(tempDir(), 'old.sqlite');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration008));
    const old = openDatabase(file, { migrations: before });
    const source = { credentialId: addShop(old), channel: 'woocommerce', sellerId: 'store_abc' };
    importOrder(old, source, makeOrder(1), AT);
    closeDatabase(old);

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, before.length + 1) });
    expect(db.$client.pragma('user_version', { simple: true })).toBe(migration008.version);
    const barcodes = () =>
      db.$client.prepare('SELECT sku, barcode FROM order_items ORDER BY position').all() as {
        sku: string;
        barcode: string;
      }[];
    expect(barcodes()).toEqual([
      { sku: 'TEE-BLK-M', barcode: '' },
      { sku: 'MUG-1', barcode: '' },
    ]);
    const pulledAgain = makeOrder(1, { modifiedAt: '2026-11-24T10:00:00.000Z' });
    pulledAgain.items[0]!.barcode = '4006381333931';
    importOrder(db, source, pulledAgain, AT);
    expect(barcodes()).toEqual([
      { sku: 'TEE-BLK-M', barcode: '4006381333931' },
      { sku: 'MUG-1', barcode: '' },
    ]);
    closeDatabase(db);
  });
});
