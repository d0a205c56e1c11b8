/**
 * Orders of a Shopify store, the same for the same `count` and `now`: paid and unfulfilled,
 * placed over the ten days before `now` and last changed at least an hour before it, with names
 * and addresses from China, Germany, Poland and the US, and a few line items each.
 */
import type { ShopifyLineItem, ShopifyMailingAddress, ShopifyOrder } from './types';

/** The sandbox store's Admin API access token; it opens nothing but the simulator. */
export const SANDBOX_ACCESS_TOKEN = 'shpat_sandbox_3f9a1c7e5b2d8f4a6c0e1b3d5f7a9c2e';
export const FIRST_ORDER_NUMBER = 1001;

const DAY = 24 * 60 * 60_000;

const ADDRESSES: readonly ShopifyMailingAddress[] = [
  address('尧', '陈', '北京市朝阳区建国路88号', 'SOHO现代城A座1502室', 'Beijing', 'Beijing', 'BJ', '100020', 'CN'),
  address('Jürgen', 'Müller', 'Müllerstraße 12', null, 'München', 'Bayern', 'BY', '80331', 'DE'),
  address('Łukasz', 'Wójcik', 'ul. Piotrkowska 104/12', null, 'Łódź', null, null, '90-926', 'PL'),
  address('Emily', 'Carter', '1600 Amphitheatre Pkwy', 'Apt 4', 'Mountain View', 'California', 'CA', '94043', 'US'),
];

const PRODUCTS = [
  {
    sku: 'TEE-BLK-M',
    name: 'T-Shirt - Black / M',
    variantTitle: 'Black / M',
    price: '19.90',
    barcode: '4006381333931',
  },
  { sku: 'MUG-WHT', name: 'Mug', variantTitle: null, price: '12.50', barcode: '4012345000016' },
  { sku: 'CAP-RED', name: 'Cap - Red', variantTitle: 'Red', price: '15.00', barcode: '4012345000023' },
  // A product the merchant never typed a barcode for: packers scan its SKU.
  { sku: 'SOCK-3P', name: 'Socks 3-pack', variantTitle: null, price: '9.00', barcode: null },
] as const;

export function sampleShopifyOrders({
  count = 20,
  now = new Date(),
}: { count?: number; now?: Date } = {}): ShopifyOrder[] {
  const orders: ShopifyOrder[] = [];
  for (let n = 0; n < count; n++) {
    const id = 5_000_001 + n;
    const created = new Date(now.getTime() - 10 * DAY + Math.floor((n * 9 * DAY) / Math.max(count, 1)));
    const items: ShopifyLineItem[] = [];
    for (let k = 0; k <= n % 3; k++) {
      const p = PRODUCTS[(n + k) % PRODUCTS.length]!;
      items.push({
        id: `gid://shopify/LineItem/${id * 10 + k}`,
        name: p.name,
        sku: p.sku,
        quantity: 1 + ((n + k) % 2),
        variantTitle: p.variantTitle,
        variant: { id: `gid://shopify/ProductVariant/${700 + ((n + k) % PRODUCTS.length)}`, barcode: p.barcode },
        originalUnitPriceSet: money(p.price),
        customAttributes: k === 0 && n % 5 === 0 ? [{ key: 'Gift wrap', value: 'yes' }] : [],
      });
    }
    const total = items.reduce((sum, i) => sum + Number(i.originalUnitPriceSet.shopMoney.amount) * i.quantity, 0);
    const ship = ADDRESSES[n % ADDRESSES.length]!;
    orders.push({
      id: `gid://shopify/Order/${id}`,
      name: `#${FIRST_ORDER_NUMBER + n}`,
      createdAt: created.toISOString(),
      updatedAt: new Date(created.getTime() + 60 * 60_000).toISOString(),
      cancelledAt: null,
      closed: false,
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'UNFULFILLED',
      email: `buyer${n + 1}@example.com`,
      phone: null,
      note: n === 0 ? '请放在门卫室' : null,
      totalPriceSet: money(total.toFixed(2)),
      shippingAddress: { ...ship },
      lineItems: { nodes: items },
      fulfillmentOrders: { nodes: [{ id: `gid://shopify/FulfillmentOrder/${id}`, status: 'OPEN' }] },
    });
  }
  return orders;
}

function money(amount: string) {
  return { shopMoney: { amount, currencyCode: 'EUR' } };
}

function address(
  firstName: string,
  lastName: string,
  address1: string,
  address2: string | null,
  city: string,
  province: string | null,
  provinceCode: string | null,
  zip: string,
  countryCodeV2: string,
): ShopifyMailingAddress {
  const cjk = /\p{Script=Han}/u.test(firstName);
  return {
    name: cjk ? `${lastName}${firstName}` : `${firstName} ${lastName}`,
    firstName,
    lastName,
    company: null,
    address1,
    address2,
    city,
    province,
    provinceCode,
    zip,
    countryCodeV2,
    phone: null,
  };
}
