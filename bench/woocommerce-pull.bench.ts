/**
 * Issue 3's pull target as the issue states it: 20,000 orders from the WooCommerce simulator (100
 * a page, OAuth 1.0a over plain http as a real shop demands) into an empty database at >= 2,000
 * orders/s end to end and no slower than twice a baseline measured in the same run (the same pages
 * fetched and parsed, the same rows inserted with plain prepared statements in one transaction);
 * an incremental pull with nothing changed < 1 s; peak memory of the process < 400 MB. The shop
 * runs in a process of its own (woo-sim-process.ts), and the pull is measured before the baseline,
 * whose all-pages-in-memory would otherwise set the peak.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelConnection } from '../src/main/core/channels/channel-adapter';
import { pullChannel } from '../src/main/core/channels/pull';
import { DEFAULT_HTTP_RETRY } from '../src/main/core/channels/provider-http';
import { createWooCommerceAdapter } from '../src/main/core/channels/woocommerce';
import { wooGet } from '../src/main/core/channels/woocommerce-http';
import { systemClock } from '../src/main/core/clock';
import { addChannelCredential } from '../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase, type Db } from '../src/main/core/db/open';
import { aesGcmSecretBox } from '../src/main/core/secrets/secret-box';
import { SANDBOX_CONSUMER_KEY as KEY, SANDBOX_CONSUMER_SECRET as SECRET } from '../sim/woocommerce/sample-orders';
import type { WooOrder } from '../sim/woocommerce/types';
import { report } from './stats';

const ORDERS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-woo-pull-'));
const box = aesGcmSecretBox(Buffer.alloc(32, 4));
const results: boolean[] = [];
const shop = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'woo-sim-process.ts'), String(ORDERS)],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: shop.stdout })[Symbol.asyncIterator]();
const ready = (await lines.next()).value as string;
const sim = JSON.parse(ready) as { url: string; pulled: number };
const expected = sim.pulled;

function connect(db: Db): number {
  return addChannelCredential(
    { db, box, clock: systemClock, adapters: { woocommerce: createWooCommerceAdapter() } },
    {
      providerCode: 'woocommerce',
      externalId: 'bench',
      displayName: 'Bench',
      baseUrl: sim.url,
      settings: {},
      apiKey: KEY,
      apiSecret: SECRET,
    },
  ).id;
}

/** The same signed page requests, parsed, and the same rows with plain statements in one transaction. */
async function baseline(db: Db): Promise<number> {
  const started = performance.now();
  const conn: ChannelConnection = { baseUrl: sim.url, apiKey: KEY, apiSecret: SECRET, settings: {} };
  const pages: WooOrder[][] = [];
  for (let page = 1, more = true; more; page++) {
    const query = { per_page: '100', page: String(page), orderby: 'modified', order: 'asc' };
    const { body, headers } = await wooGet(
      conn,
      '/orders',
      { ...query, status: 'processing,on-hold', dates_are_gmt: 'true' },
      DEFAULT_HTTP_RETRY,
    );
    pages.push(body as WooOrder[]);
    more = page < Number(headers.get('x-wp-totalpages'));
  }
  const credentialId = connect(db);
  const insertOrder = db.$client.prepare(
    `INSERT INTO orders (credential_id, channel, seller_id, external_id, order_number, status, channel_status, placed_at,
       channel_modified_at, currency, total, ship_name, ship_line1, ship_city, ship_postcode, ship_country, item_count, search_text, raw, created_at, updated_at)
     VALUES (?, 'woocommerce', 'bench', ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.$client.prepare(
    'INSERT INTO order_items (order_id, position, sku, name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  db.$client.transaction(() => {
    for (const o of pages.flat()) {
      const s = o.shipping;
      const name = `${s.first_name} ${s.last_name}`.trim();
      const id = insertOrder.run(
        credentialId,
        String(o.id),
        o.number,
        o.status,
        `${o.date_created_gmt}Z`,
        `${o.date_modified_gmt}Z`,
        o.currency,
        o.total,
        name,
        s.address_1,
        s.city,
        s.postcode,
        s.country,
        o.line_items.reduce((n, i) => n + i.quantity, 0),
        // The same text the search index gets from a real import, so both pay for the index.
        [o.number, name, o.billing.email, s.city, s.postcode, ...o.line_items.map((i) => i.sku)]
          .join(' ')
          .toLowerCase(),
        JSON.stringify(o),
        at,
        at,
      ).lastInsertRowid;
      o.line_items.forEach((i, p) => insertItem.run(id, p, i.sku, i.name, i.quantity, String(i.price)));
    }
  })();
  return performance.now() - started;
}

try {
  const db = openDatabase(join(dir, 'packdesk.sqlite'));
  const deps = { db, box, clock: systemClock, adapters: { woocommerce: createWooCommerceAdapter() } };
  const id = connect(db);
  let started = performance.now();
  const full = await pullChannel(deps, id);
  const fullMs = performance.now() - started;
  if (full.new_orders !== expected) throw new Error(`pulled ${full.new_orders} new orders, expected ${expected}`);
  console.log(`info  full pull of ${expected} orders (${ORDERS} in the shop, 100 a page): ${fullMs.toFixed(0)} ms`);
  console.log(`info  = ${(expected / (fullMs / 1000)).toFixed(0)} orders/s end to end`);

  started = performance.now();
  const again = await pullChannel(deps, id);
  const incrementalMs = performance.now() - started;
  // The pull looks back five minutes before the last one; every order here changed earlier.
  if (again.new_orders !== 0) throw new Error(`an unchanged shop gave ${again.new_orders} new orders`);
  closeDatabase(db);
  const pullPeakMb = process.resourceUsage().maxRSS / 1024;

  const baseDb = openDatabase(join(dir, 'baseline.sqlite'));
  const baseMs = await baseline(baseDb);
  closeDatabase(baseDb);
  console.log(`info  baseline (signed fetch + one-transaction inserts) of ${expected} orders: ${baseMs.toFixed(0)} ms`);

  // 2,000 orders/s is 500 ms per 1,000 orders.
  results.push(report('full pull, per 1,000 orders', (fullMs / expected) * 1000, 500));
  results.push(report('full pull / baseline', fullMs / baseMs, 2, 'x'));
  results.push(report('incremental pull, nothing changed', incrementalMs, 1000));
  results.push(report('peak memory of the pull (max RSS)', pullPeakMb, 400, 'MB'));
} finally {
  shop.stdin.end();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
