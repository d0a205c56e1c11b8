/**
 * Fills a database with many realistic orders for benchmarks, through the same import path a
 * pull uses (so search text, items and logs are as real as they get), in one transaction.
 */
import type { NormalizedOrder } from '../src/main/core/channels/channel-adapter';
import { addCredential } from '../src/main/core/credentials/credential-repo';
import type { Db } from '../src/main/core/db/open';
import { importOrder } from '../src/main/core/orders/order-import';
import type { SecretBox } from '../src/main/core/secrets/secret-box';
import type { OrderStatus } from '../src/shared/statuses';

const NAMES = [
  '陈尧',
  '王芳',
  '李娜',
  'Jürgen Müller',
  'Anna Schmidt',
  'Zofia Łukasiewicz',
  'Emily Carter',
  'James Smith',
  '佐藤 花子',
  'Lukas Becker',
];
/** city, postcode, country, street, and the province where the address check asks for one. */
const CITIES: [string, string, string, string, string][] = [
  ['北京', '100020', 'CN', '建国路88号', '北京市'],
  ['München', '80331', 'DE', 'Müllerstraße 12', ''],
  ['Łódź', '90-001', 'PL', 'ul. Piotrkowska 104', ''],
  ['London', 'SW1A 1AA', 'GB', '10 Downing Street', ''],
  ['上海', '200000', 'CN', '南京东路1号', '上海市'],
  ['Wien', '1010', 'AT', 'Kärntner Straße 5', ''],
];
const SKUS = ['TEE-BLK-M', 'TEE-WHT-L', 'MUG-WHT', 'CAP-RED', 'SOCK-GRY-42', 'BAG-CANVAS', 'PEN-BLUE', 'NOTE-A5'];
/** Roughly a busy shop's spread: most orders are done, a working set is in flight. */
const STATUS_MIX: [OrderStatus, number][] = [
  ['shipped', 0.6],
  ['new', 0.12],
  ['label_created', 0.08],
  ['batched', 0.06],
  ['synced', 0.05],
  ['label_failed', 0.03],
  ['on_hold', 0.02],
  ['exception', 0.02],
  ['cancelled', 0.02],
];

function statusFor(n: number): OrderStatus {
  let x = ((n * 2654435761) % 1000) / 1000;
  for (const [status, share] of STATUS_MIX) {
    if (x < share) return status;
    x -= share;
  }
  return 'shipped';
}

function order(n: number, firstPlacedAt: number): NormalizedOrder {
  const [city, postcode, country, line1, state] = CITIES[n % CITIES.length]!;
  const placed = new Date(firstPlacedAt + n * 60_000).toISOString();
  return {
    externalId: String(100000 + n),
    orderNumber: String(100000 + n),
    channelStatus: 'processing',
    cancelled: false,
    placedAt: placed,
    modifiedAt: placed,
    currency: 'EUR',
    total: '29.90',
    customerNote: '',
    shipping: {
      name: NAMES[n % NAMES.length]!,
      company: '',
      line1,
      line2: '',
      city,
      state,
      postcode,
      country,
      phone: '',
      email: `buyer${n}@example.com`,
    },
    items: [
      { sku: SKUS[n % SKUS.length]!, name: 'Item', quantity: 1 + (n % 3), price: '9.95', attributes: [] },
      { sku: SKUS[(n * 7) % SKUS.length]!, name: 'Item', quantity: 1, price: '9.95', attributes: [] },
    ],
    problems: [],
    raw: { id: 100000 + n },
  };
}

/** A store orders are spread over; `share` of every ten orders go to it. */
export interface BenchStore {
  providerCode: string;
  externalId: string;
  displayName: string;
  share: number;
}

const ONE_SHOP: readonly BenchStore[] = [
  { providerCode: 'woocommerce', externalId: 'bench-shop', displayName: 'Bench shop', share: 10 },
];

/**
 * One order a minute from `firstPlacedAt` (ms since the epoch); the dashboard bench ends them now.
 * Order n goes to the store whose share of ten holds n % 10 (one WooCommerce shop unless told).
 */
export function seedOrders(
  db: Db,
  box: SecretBox,
  count: number,
  firstPlacedAt = Date.UTC(2026, 0, 1),
  stores: readonly BenchStore[] = ONE_SHOP,
): void {
  const at = '2026-11-24T08:00:00.000Z';
  const sources = stores.flatMap((store) => {
    const credentialId = addCredential(
      db,
      box,
      {
        type: 'order_channel',
        providerCode: store.providerCode,
        externalId: store.externalId,
        displayName: store.displayName,
        baseUrl: 'http://127.0.0.1:9',
        settings: {},
        secrets: { apiKey: 'ck_bench', apiSecret: 'cs_bench' },
      },
      at,
    );
    const src = { credentialId, channel: store.providerCode, sellerId: store.externalId };
    return Array.from({ length: store.share }, () => src);
  });
  if (sources.length !== 10) throw new Error('The shares of the bench stores must add up to 10.');
  const sqlite = db.$client;
  const setStatus = sqlite.prepare('UPDATE orders SET status = ?, tracking_number = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (let n = 0; n < count; n++) {
      importOrder(db, sources[n % 10]!, order(n, firstPlacedAt), at);
      const status = statusFor(n);
      // Benchmarks need the spread, not the history: statuses are set directly.
      if (status !== 'new') setStatus.run(status, `LP${String(n).padStart(8, '0')}5DE`, n + 1);
    }
  })();
}
