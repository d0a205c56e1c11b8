/** DHL test fixtures: sim credentials and shipments as PackDesk's adapter would send them. */
import type { DhlShipmentRequest } from '../../sim/dhl/types';
import type { HttpRetryOptions } from '../../src/main/core/channels/provider-http';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import type { Db } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { addShop, AT, makeOrder, testBox } from './orders';

export const DHL_KEY = 'sim-api-key';
export const DHL_USER = 'user-valid';
export const DHL_PASSWORD = 'SandboxPasswort2023!';
export const DHL_PROFILE = 'STANDARD_GRUPPENPROFIL';
export const DHL_BILLING = '33333333330102';

export function dhlHeaders(key = DHL_KEY, user = DHL_USER, password = DHL_PASSWORD): Record<string, string> {
  return {
    'dhl-api-key': key,
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    'Content-Type': 'application/json',
  };
}

export function dhlShipment(
  refNo: string,
  consignee: Partial<NonNullable<DhlShipmentRequest['consignee']>> = {},
): DhlShipmentRequest {
  return {
    product: 'V01PAK',
    billingNumber: DHL_BILLING,
    refNo,
    shipDate: '2026-11-25',
    shipper: {
      name1: 'PackDesk Lager',
      addressStreet: 'Lagerstraße',
      addressHouse: '1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DEU',
    },
    consignee: {
      name1: 'Jürgen Müller',
      addressStreet: 'Müllerstraße',
      addressHouse: '12',
      postalCode: '80331',
      city: 'München',
      country: 'DEU',
      ...consignee,
    },
    details: { weight: { uom: 'g', value: 500 } },
  };
}

/** A DHL account as stored by PackDesk, pointing at a simulator. */
export function addDhlAccount(
  db: Db,
  baseUrl: string,
  opts: { password?: string; docFormat?: 'PDF' | 'ZPL2'; validateFirst?: boolean } = {},
): number {
  return addCredential(
    db,
    testBox,
    {
      type: 'logistics',
      providerCode: 'dhl',
      externalId: DHL_BILLING,
      displayName: 'DHL Paket',
      baseUrl,
      settings: {
        profile: DHL_PROFILE,
        billingNumber: DHL_BILLING,
        docFormat: opts.docFormat ?? 'PDF',
        validateFirst: opts.validateFirst ?? false,
      },
      secrets: { apiKey: DHL_KEY, apiSecret: '', username: DHL_USER, password: opts.password ?? DHL_PASSWORD },
    },
    AT,
  );
}

/** Quick tries and waits, so misbehaviour tests take milliseconds. */
export const FAST_DHL_HTTP: HttpRetryOptions = {
  maxAttempts: 3,
  backoffMs: 5,
  maxRetryAfterMs: 20,
  timeoutMs: 2000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** `count` German orders with deliverable addresses, imported as new; answers their ids. */
export function importGermanOrders(db: Db, count: number, first = 1): number[] {
  const shop = addShop(db, `dhl-shop-${first}`);
  for (let n = first; n < first + count; n++) {
    const order = makeOrder(n, {
      shipping: {
        name: `Kundin ${n}`,
        company: '',
        line1: `Müllerstraße ${n}`,
        line2: '',
        city: 'München',
        state: '',
        postcode: '80331',
        country: 'DE',
        phone: '',
        email: `kundin${n}@example.com`,
      },
    });
    importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, order, AT);
  }
  const rows = db.$client.prepare('SELECT id FROM orders WHERE credential_id = ? ORDER BY id').all(shop);
  return (rows as { id: number }[]).map((r) => r.id);
}
