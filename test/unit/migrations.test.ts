import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import * as schema from '../../src/main/core/db/schema';
import { importOrder } from '../../src/main/core/orders/order-import';
import { listOrders } from '../../src/main/core/orders/order-queue';
import { countOf } from '../support/orders';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('database migrations', () => {
  it('creates a new database at the latest version with the pragmas that keep labels safe', () => {
    const db = openDatabase(join(tempDir(), 'new.sqlite'));
    const sqlite = db.$client;
    expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    closeDatabase(db);
  });

  it('002 upgrades a real version-1 database and makes its existing orders searchable', () => {
    const file = join(tempDir(), 'old.sqlite');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    const shop = addShop(v1);
    for (let n = 1; n <= 6; n++) {
      importOrder(v1, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(n), AT);
    }
    expect(v1.$client.pragma('user_version', { simple: true })).toBe(1);
    closeDatabase(v1);

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(db.$client.pragma('user_version', { simple: true })).toBe(2);
    expect(countOf(db, { search: 'Muller' })).toBe(3); // diacritics folded
    expect(listOrders(db, { search: 'MUG-4' }, 0, 50).map((r) => r.orderNumber)).toEqual(['1004']);
    expect(countOf(db, { search: '陈尧' })).toBe(3); // two characters: the name-prefix path
    // New orders after the upgrade are indexed by the triggers.
    importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(7), AT);
    expect(countOf(db, { search: 'Jürgen' })).toBe(4);
    closeDatabase(db);
  });

  it('003 folds the search text of a real version-2 database, and both search plans find its orders', () => {
    const file = join(tempDir(), 'v2.sqlite');
    const v2 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    const src = { credentialId: addShop(v2), channel: 'woocommerce', sellerId: 'store_abc' };
    // 2,100 orders so that "München" (every other order) is a common term and walks the index.
    v2.$client.transaction(() => {
      for (let n = 1; n <= 2100; n++) importOrder(v2, src, makeOrder(n), AT);
      // Version 2 stored the text as typed; the triggers of 002 index it as it is.
      v2.$client
        .prepare(
          "UPDATE orders SET search_text = ship_name || ' | ' || ship_city || ' | MUG-' || (CAST(order_number AS INTEGER) - 1000)",
        )
        .run();
    })();
    closeDatabase(v2);

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    expect(db.$client.pragma('user_version', { simple: true })).toBe(3);
    const stored = db.$client.prepare("SELECT search_text FROM orders WHERE order_number = '1001'").get();
    expect(stored).toEqual({ search_text: 'jurgen muller | munchen | mug-1' });
    expect(countOf(db, { search: 'MÜNCHEN' })).toBe(1050);
    expect(listOrders(db, { search: 'MÜNCHEN' }, 0, 2).map((r) => r.orderNumber)).toEqual(['3099', '3097']);
    expect(listOrders(db, { search: 'Munchen mug-209' }, 0, 50).map((r) => r.orderNumber)).toEqual([
      '3099',
      '3097',
      '3095',
      '3093',
      '3091',
      '1209',
    ]);
    closeDatabase(db);
  });

  it('refuses a database written by a newer PackDesk, in words, and leaves it alone', () => {
    const file = join(tempDir(), 'future.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(
      new RegExp(`written by a newer PackDesk \\(schema 99; this version knows up to ${MIGRATIONS.length}\\)`),
    );
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const file = join(tempDir(), 'broken.sqlite');
    closeDatabase(openDatabase(file));
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM nowhere;' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/no such table: nowhere/);
    const db = openDatabase(file);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    closeDatabase(db);
  });

  it("keeps drizzle's schema.ts in step with the tables the migrations create", () => {
    const db = openDatabase(join(tempDir(), 'schema.sqlite'));
    const tables = Object.values(schema) as SQLiteTable[];
    for (const table of tables) {
      const name = getTableConfig(table).name;
      const actual = (db.$client.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
      const declared = Object.values(getTableColumns(table)).map((c) => c.name);
      expect(declared.sort(), name).toEqual(actual.sort());
    }
    closeDatabase(db);
  });
});
