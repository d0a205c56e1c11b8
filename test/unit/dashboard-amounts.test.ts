/**
 * The dashboard's amount by currency over every order (seed 002's totalAmount), cancelled ones
 * left out: migration 011's per-currency sums of a real version-10 database, and the triggers that
 * keep them as orders arrive, are cancelled, change their total or currency and are removed.
 * Every figure is compared with a sum of the orders' own totals, made here in JavaScript.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardSummary } from '../../src/main/core/dashboard/summary';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migration011 } from '../../src/main/core/db/migrations/011-order-amounts';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { transition } from '../../src/main/core/orders/state-machine';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const NOW = new Date(Date.UTC(2026, 10, 20, 12, 0));

/** What the orders hold: per currency, the orders not cancelled and their totals, biggest count first. */
function summedFromOrders(db: Db) {
  const rows = db.$client.prepare('SELECT currency, total, status FROM orders').all() as {
    currency: string;
    total: string;
    status: string;
  }[];
  const sums = new Map<string, { orders: number; cents: number }>();
  for (const r of rows.filter((o) => o.status !== 'cancelled')) {
    const sum = sums.get(r.currency) ?? { orders: 0, cents: 0 };
    sum.orders++;
    sum.cents += Math.round(Number(r.total) * 100);
    sums.set(r.currency, sum);
  }
  return [...sums]
    .sort(([a, x], [b, y]) => y.orders - x.orders || a.localeCompare(b))
    .map(([currency, s]) => ({
      currency,
      amount: `${Math.floor(s.cents / 100)}.${String(s.cents % 100).padStart(2, '0')}`,
      orders: s.orders,
    }));
}

function expectAmountsTrue(db: Db) {
  expect(dashboardSummary(db, () => NOW).amountAllTime).toEqual(summedFromOrders(db));
}

const idOf = (db: Db, n: number) =>
  (db.$client.prepare('SELECT id FROM orders WHERE external_id = ?').get(String(1000 + n)) as { id: number }).id;

describe('dashboard: amount by currency over every order', () => {
  it('sums a real version-10 database and keeps summing through imports, cancels, changed totals and removals', () => {
    const file = join(tempDir(), 'v10.sqlite');
    const v10 = openDatabase(file, { migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration011)) });
    const source = { credentialId: addShop(v10), channel: 'woocommerce', sellerId: 'store_abc' };
    // Tenths that float arithmetic would get wrong (0.1 + 0.2), in two currencies.
    const totals: [string, string][] = [
      ['EUR', '0.10'],
      ['EUR', '0.20'],
      ['EUR', '19.99'],
      ['CNY', '128.00'],
      ['CNY', '66.60'],
      ['EUR', '45.50'],
    ];
    totals.forEach(([currency, total], i) => importOrder(v10, source, makeOrder(i + 1, { currency, total }), AT));
    transition(v10, idOf(v10, 6), 'cancelled', { actor: 't', at: AT });
    closeDatabase(v10);

    const db = openDatabase(file, { migrations: MIGRATIONS });
    expect(dashboardSummary(db, () => NOW).amountAllTime).toEqual([
      { currency: 'EUR', amount: '20.29', orders: 3 },
      { currency: 'CNY', amount: '194.60', orders: 2 },
    ]);
    expectAmountsTrue(db);

    // A new order, one cancelled, a total and a currency changed by the shop, one removed.
    importOrder(db, source, makeOrder(7, { currency: 'USD', total: '10.05' }), AT);
    transition(db, idOf(db, 4), 'cancelled', { actor: 't', at: AT });
    importOrder(db, source, makeOrder(2, { total: '0.25', modifiedAt: '2026-11-21T08:00:00.000Z' }), AT);
    db.$client.prepare("UPDATE orders SET currency = 'CNY' WHERE id = ?").run(idOf(db, 3));
    db.$client.prepare('DELETE FROM orders WHERE id = ?').run(idOf(db, 5));
    expect(dashboardSummary(db, () => NOW).amountAllTime).toEqual([
      { currency: 'EUR', amount: '0.35', orders: 2 },
      { currency: 'CNY', amount: '19.99', orders: 1 },
      { currency: 'USD', amount: '10.05', orders: 1 },
    ]);
    expectAmountsTrue(db);
    // Beside it, the totals by status count the cancelled orders the amount leaves out.
    expect(dashboardSummary(db, () => NOW).byStatus).toMatchObject({ all: 6, cancelled: 2 });
    closeDatabase(db);
  });
});
