/**
 * Issue 3 targets for pulling, here from the Shopify simulator (5,000 orders, 250 a page, a
 * Shopify Plus bucket of 20,000 points refilling 1,000 a second): a full pull into an empty
 * database at >= 2,000 orders/s end to end and no slower than twice a baseline measured in the
 * same run (the same pages fetched raw, the same rows inserted with plain prepared statements in
 * one transaction); an incremental pull with nothing changed < 1 s; peak memory < 400 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullChannel } from '../src/main/core/channels/pull';
import { createShopifyAdapter, ORDERS_QUERY } from '../src/main/core/channels/shopify';
import { SHOPIFY_API_VERSION } from '../src/main/core/channels/shopify-http';
import { systemClock } from '../src/main/core/clock';
import { addChannelCredential } from '../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase, type Db } from '../src/main/core/db/open';
import { aesGcmSecretBox } from '../src/main/core/secrets/secret-box';
import { SANDBOX_ACCESS_TOKEN as TOKEN, sampleShopifyOrders } from '../sim/shopify/sample-orders';
import { startShopifySim } from '../sim/shopify/server';
import type { ShopifyOrder } from '../sim/shopify/types';
import { report } from './stats';

const ORDERS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-pull-'));
const box = aesGcmSecretBox(Buffer.alloc(32, 3));
const results: boolean[] = [];
const storeOptions = {
  accessToken: TOKEN,
  orders: sampleShopifyOrders({ count: ORDERS, now: new Date(Date.now() - 60_000) }),
  bucket: { maximumAvailable: 20_000, restoreRate: 1_000 },
};
// Two stores with the same orders, each with its own query-cost bucket: the baseline must not
// spend the bucket that the measured pull then has to wait for.
const sim = await startShopifySim(storeOptions);
const baselineSim = await startShopifySim(storeOptions);

function connect(db: Db): number {
  const adapters = { shopify: createShopifyAdapter() };
  return addChannelCredential(
    { db, box, clock: systemClock, adapters },
    {
      providerCode: 'shopify',
      externalId: 'bench',
      displayName: 'Bench',
      baseUrl: sim.url,
      settings: {},
      apiKey: TOKEN,
      apiSecret: '',
    },
  ).id;
}

/** The same pages over the same socket, parsed, and the same rows with plain statements in one transaction. */
async function baseline(db: Db): Promise<number> {
  const started = performance.now();
  const pages: ShopifyOrder[][] = [];
  for (let after: string | null = null, more = true; more;) {
    const res = await fetch(`${baselineSim.url}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
      body: JSON.stringify({ query: ORDERS_QUERY, variables: { first: 250, after, query: 'status:open' } }),
    });
    const json = (await res.json()) as {
      data: { orders: { nodes: ShopifyOrder[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    };
    pages.push(json.data.orders.nodes);
    more = json.data.orders.pageInfo.hasNextPage;
    after = json.data.orders.pageInfo.endCursor;
  }
  const credentialId = connect(db);
  const insertOrder = db.$client.prepare(
    `INSERT INTO orders (credential_id, channel, seller_id, external_id, order_number, status, channel_status, placed_at,
       channel_modified_at, currency, total, ship_name, ship_line1, ship_city, ship_postcode, ship_country, item_count, search_text, raw, created_at, updated_at)
     VALUES (?, 'shopify', 'bench', ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.$client.prepare(
    'INSERT INTO order_items (order_id, position, sku, name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  db.$client.transaction(() => {
    for (const o of pages.flat()) {
      const a = o.shippingAddress!;
      const id = insertOrder.run(
        credentialId,
        o.id.slice(o.id.lastIndexOf('/') + 1),
        o.name,
        o.displayFinancialStatus,
        o.createdAt,
        o.updatedAt,
        o.totalPriceSet.shopMoney.currencyCode,
        o.totalPriceSet.shopMoney.amount,
        a.name,
        a.address1,
        a.city,
        a.zip,
        a.countryCodeV2,
        o.lineItems.nodes.reduce((n, i) => n + i.quantity, 0),
        // The same text the search index gets from a real import, so both pay for the index.
        [o.name, o.id, a.name, o.email, a.city, a.zip, ...o.lineItems.nodes.map((i) => i.sku)].join(' ').toLowerCase(),
        JSON.stringify(o),
        at,
        at,
      ).lastInsertRowid;
      o.lineItems.nodes.forEach((i, p) =>
        insertItem.run(id, p, i.sku, i.name, i.quantity, i.originalUnitPriceSet.shopMoney.amount),
      );
    }
  })();
  return performance.now() - started;
}

try {
  const baseDb = openDatabase(join(dir, 'baseline.sqlite'));
  const baseMs = await baseline(baseDb);
  closeDatabase(baseDb);
  console.log(`info  baseline (raw fetch + one-transaction inserts) of ${ORDERS} orders: ${baseMs.toFixed(0)} ms`);

  const db = openDatabase(join(dir, 'packdesk.sqlite'));
  const deps = { db, box, clock: systemClock, adapters: { shopify: createShopifyAdapter() } };
  const id = connect(db);
  let started = performance.now();
  const full = await pullChannel(deps, id);
  const fullMs = performance.now() - started;
  if (full.new_orders !== ORDERS) throw new Error(`pulled ${full.new_orders} new orders, expected ${ORDERS}`);
  const perSecond = ORDERS / (fullMs / 1000);
  console.log(
    `info  full pull of ${ORDERS} orders: ${fullMs.toFixed(0)} ms, ${sim.requests.throttled} throttled answers`,
  );
  console.log(`info  = ${perSecond.toFixed(0)} orders/s end to end`);
  // 2,000 orders/s is 500 ms per 1,000 orders.
  results.push(report('full pull, per 1,000 orders', (fullMs / ORDERS) * 1000, 500));
  results.push(report('full pull / baseline', fullMs / baseMs, 2, 'x'));

  started = performance.now();
  const again = await pullChannel(deps, id);
  const incrementalMs = performance.now() - started;
  if (again.pulled !== 0) throw new Error(`an unchanged store gave ${again.pulled} orders`);
  results.push(report('incremental pull, nothing changed', incrementalMs, 1000));
  closeDatabase(db);

  results.push(report('peak memory (max RSS)', process.resourceUsage().maxRSS / 1024, 400, 'MB'));
} finally {
  await sim.close();
  await baselineSim.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
