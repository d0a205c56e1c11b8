import { countByStatus } from '../../src/main/core/orders/order-queue';
import type { OrderStatus } from '../../src/shared/statuses';
import type { NormalizedOrder } from '../../src/main/core/channels/channel-adapter';
import type { Db } from '../../src/main/core/db/open';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import { aesGcmSecretBox } from '../../src/main/core/secrets/secret-box';

export const AT = '2026-11-24T09:00:00.000Z';
export const testBox = aesGcmSecretBox(Buffer.alloc(32, 7));

export function addShop(db: Db, externalId = 'store_abc'): number {
  return addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'woocommerce',
      externalId,
      displayName: `Shop ${externalId}`,
      baseUrl: 'http://127.0.0.1:1',
      settings: {},
      secrets: { apiKey: 'ck_test', apiSecret: 'cs_test' },
    },
    AT,
  );
}

/** The Telegram tea shop of seed 002, with `baseUrl` where its API answers (nowhere unless told). */
export function addTeaShop(db: Db, baseUrl = 'http://127.0.0.1:1', apiKey = 'tg_test'): number {
  return addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'tgshop',
      externalId: 'tea_hk',
      displayName: '港式茶饮',
      baseUrl,
      settings: {},
      secrets: { apiKey, apiSecret: '' },
    },
    AT,
  );
}

/** The purchasing server of seed 004 (Inbound), at `baseUrl`, with its BATCH_STATS_API_TOKEN. */
export function addWarehouse(db: Db, baseUrl: string, token: string): number {
  return addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'purchasing',
      externalId: 'warehouse',
      displayName: 'Warehouse purchasing',
      baseUrl,
      settings: {},
      secrets: { apiKey: token, apiSecret: '' },
    },
    AT,
  );
}

export function makeOrder(n: number, overrides: Partial<NormalizedOrder> = {}): NormalizedOrder {
  return {
    externalId: String(1000 + n),
    orderNumber: String(1000 + n),
    channelStatus: 'processing',
    cancelled: false,
    placedAt: new Date(Date.UTC(2026, 10, 20, 8, n)).toISOString(),
    modifiedAt: new Date(Date.UTC(2026, 10, 20, 8, n)).toISOString(),
    currency: 'EUR',
    total: '29.90',
    customerNote: '',
    shipping: {
      name: n % 2 === 0 ? '陈尧' : 'Jürgen Müller',
      company: '',
      line1: n % 2 === 0 ? '建国路88号' : 'Müllerstraße 12',
      line2: '',
      city: n % 2 === 0 ? '北京' : 'München',
      state: n % 2 === 0 ? '北京市' : '',
      postcode: n % 2 === 0 ? '100020' : '80331',
      country: n % 2 === 0 ? 'CN' : 'DE',
      phone: '',
      email: `buyer${n}@example.com`,
    },
    items: [
      {
        sku: 'TEE-BLK-M',
        name: 'T-Shirt black M',
        quantity: 2,
        price: '9.95',
        attributes: [{ name: 'Size', value: 'M' }],
      },
      { sku: `MUG-${n}`, name: 'Mug', quantity: 1, price: '10.00', attributes: [] },
    ],
    problems: [],
    raw: { id: 1000 + n },
    ...overrides,
  };
}

/** How many orders the queue shows for a filter: the count of its tab. */
export function countOf(db: Db, filter: { status?: OrderStatus; search?: string }): number {
  return countByStatus(db, filter.search)[filter.status ?? 'all'];
}
