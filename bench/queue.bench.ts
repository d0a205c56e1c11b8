/**
 * Issue 2 targets, with 200,000 orders: open and migrate <= 300 ms; a queue page (status filter
 * plus a search term, 50 rows) <= 15 ms at p95; the per-status tab counts <= 30 ms at p95. The
 * orders come from three stores (70% one WooCommerce shop, 20% a Shopify store, 10% a Telegram
 * shop), and the same pages and counts are measured again within one store and one channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { MIGRATIONS } from '../src/main/core/db/migrations';
import { countByStatus, listOrders } from '../src/main/core/orders/order-queue';
import { aesGcmSecretBox } from '../src/main/core/secrets/secret-box';
import type { OrderStatus } from '../src/shared/statuses';
import { seedOrders, type BenchStore } from './seed-orders';
import { measure, report } from './stats';

const ORDERS = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-'));
const file = join(dir, 'packdesk.sqlite');
const box = aesGcmSecretBox(Buffer.alloc(32, 1));
const results: boolean[] = [];
const STORES: BenchStore[] = [
  { providerCode: 'woocommerce', externalId: 'bench-shop', displayName: 'Bench shop', share: 7 },
  { providerCode: 'shopify', externalId: 'bench-store', displayName: 'Bench store', share: 2 },
  { providerCode: 'tgshop', externalId: 'bench-tea', displayName: 'Bench tea', share: 1 },
];

try {
  // Seed at schema 1, then time the upgrade that builds the search index over every order.
  let started = Date.now();
  const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
  seedOrders(v1, box, ORDERS, undefined, STORES);
  closeDatabase(v1);
  console.log(`seeded ${ORDERS} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  closeDatabase(openDatabase(file));
  console.log(
    `info  upgrade 1 -> ${MIGRATIONS.length} (search index over ${ORDERS} orders): ${Date.now() - started} ms (once per install)`,
  );

  const opens = measure(10, () => closeDatabase(openDatabase(file)));
  results.push(report(`open and migrate (${ORDERS} orders), p95`, opens.p95, 300));

  const db = openDatabase(file);
  // Common terms (a name on one order in ten, a SKU on one in four) are the hard case; an order
  // number or a two-character Chinese name the everyday one.
  const cases: [OrderStatus, string][] = [
    ['new', 'Müller'],
    ['shipped', 'TEE-BLK'],
    ['label_created', '陈尧'],
    ['shipped', 'London'],
    ['batched', 'buyer12'],
    ['new', 'Łódź'],
    ['shipped', '1234'],
    ['new', 'LP0001'],
  ];
  const page = measure(300, (i) => {
    const [status, search] = cases[i % cases.length]!;
    listOrders(db, { status, search }, (i % 3) * 50, 50);
  });
  results.push(report('queue page (status + search, 50 rows), p95', page.p95, 15));
  const plain = measure(300, (i) => listOrders(db, { status: cases[i % cases.length]![0] }, (i % 5) * 50, 50));
  results.push(report('queue page (status only, 50 rows), p95', plain.p95, 15));

  const counts = measure(100, () => countByStatus(db, undefined));
  results.push(report('status tab counts, p95', counts.p95, 30));
  const searchCounts = measure(100, (i) => countByStatus(db, cases[i % cases.length]![1]));
  results.push(report('status tab counts with a search term, p95', searchCounts.p95, 30));

  // Within one store (credentials 1-3: the big shop, the middle one, the small one) or one channel.
  const sources = [{ credentialId: 3 }, { channel: 'shopify' }, { credentialId: 1 }, { channel: 'tgshop' }];
  const source = (i: number) => sources[i % sources.length]!;
  const sourcePage = measure(300, (i) => {
    const [status, search] = cases[i % cases.length]!;
    listOrders(db, { status, search, ...source(i) }, (i % 3) * 50, 50);
  });
  results.push(report('queue page in one store or channel (status + search, 50 rows), p95', sourcePage.p95, 15));
  const sourcePlain = measure(300, (i) =>
    listOrders(db, { status: cases[i % cases.length]![0], ...source(i) }, (i % 5) * 50, 50),
  );
  results.push(report('queue page in one store or channel (status only, 50 rows), p95', sourcePlain.p95, 15));
  const sourceAll = measure(300, (i) => listOrders(db, source(i), (i % 5) * 50, 50));
  results.push(report('queue page in one store or channel (all statuses, 50 rows), p95', sourceAll.p95, 15));
  const sourceCounts = measure(100, (i) => countByStatus(db, undefined, source(i)));
  results.push(report('status tab counts in one store or channel, p95', sourceCounts.p95, 30));
  const sourceSearchCounts = measure(100, (i) => countByStatus(db, cases[i % cases.length]![1], source(i)));
  results.push(report('status tab counts with a search term in one store or channel, p95', sourceSearchCounts.p95, 30));
  closeDatabase(db);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
