/**
 * A running-shoes flash-sale shop (seed 001's example), the same for the same `count` and `now`:
 * each order mirrors a Shopify order, ships to the US or China, and is written in the shop's
 * local time (+08:00) as its API writes it.
 */
import type { SfAddress, SfOrderDetail, SfShopifyOrder, SfStatus } from './types';

export const SANDBOX_SHOP_DOMAIN = 'runningshoesflashsale.myshopify.com';
export const SANDBOX_SHOPIFY_TOKEN = 'shpat_sandbox_3f9a1c7e5b2d4a6c8e0f';
export const SANDBOX_SHOP_ID = 42;

const PRODUCTS = [
  {
    title: 'Knitted Rhombus Geometric Jacquard Polo - coffee / S',
    sku: 'KR-GP-CS',
    price: '6.99',
    variant: 'coffee / S',
  },
  { title: 'Flash Runner 2 - black / 42', sku: 'FR2-BK-42', price: '39.90', variant: 'black / 42' },
  { title: 'Trail Socks 3-pack - grey / M', sku: 'TS3-GY-M', price: '9.50', variant: 'grey / M' },
] as const;

const ADDRESSES: SfAddress[] = [
  {
    first_name: '尧',
    last_name: '陈',
    address1: '123 Street',
    address2: '',
    city: 'Anchorage',
    province: 'AK',
    country: 'US',
    zip: '99502',
    phone: '9076196279',
  },
  {
    first_name: 'Dana',
    last_name: 'Miller',
    address1: '742 Evergreen Terrace',
    address2: 'Apt 2',
    city: 'Springfield',
    province: 'OR',
    country: 'US',
    zip: '97477',
    phone: '5415550123',
  },
  {
    first_name: '敏',
    last_name: '王',
    address1: '珞喻路1037号',
    address2: '',
    city: '武汉市',
    province: '湖北省',
    country: 'CN',
    zip: '430074',
    phone: '13800138000',
  },
];

/** Shop local time as the API writes it: "2025-04-16 11:35:10", +08:00 without saying so. */
export function shopTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function sampleStorefrontOrders({
  count = 12,
  now = new Date(),
  status = () => 'paid',
}: { count?: number; now?: Date; status?: (n: number) => SfStatus } = {}): SfOrderDetail[] {
  const orders: SfOrderDetail[] = [];
  for (let n = 0; n < count; n++) {
    const id = 1000 + n + 1;
    const created = now.getTime() - 2 * 86_400_000 + n * 60_000;
    const product = PRODUCTS[n % PRODUCTS.length]!;
    const address = ADDRESSES[n % ADDRESSES.length]!;
    const quantity = 1 + (n % 2);
    const original = Math.round(Number(product.price) * quantity * 100) / 100;
    const total = Math.round((original + 10) * 100) / 100;
    const email = `buyer${n % 7}@example.com`;
    const shopifyId = 5_023_658_000 + n;
    const orderStatus = status(n);
    orders.push({
      id,
      cart_token: `cart_${id}`,
      user_id: 500 + (n % 7),
      shop_id: SANDBOX_SHOP_ID,
      original_price: original,
      shipping_fee: 10,
      total_amount: total,
      status: orderStatus,
      payment_status: orderStatus === 'pending' ? 'unpaid' : 'paid',
      shopify_order_id: String(shopifyId),
      order_number: String(1000 + n + 1),
      currency: 'USD',
      financial_status: orderStatus === 'pending' ? 'pending' : 'paid',
      fulfillment_status: 'unfulfilled',
      customer_email: email,
      customer_phone: address.phone,
      customer_name: `${address.last_name}${address.first_name}`,
      shipping_address: { ...address },
      billing_address: { ...address },
      payment_method: 'worldxinpay',
      payment_details: { transaction_id: `wxp_${id}`, payment_method: 'worldxinpay', amount: total, currency: 'USD' },
      notes: n === 0 ? '请尽快发货' : '',
      transaction_id: `wxp_${id}`,
      order_status_url: `https://${SANDBOX_SHOP_DOMAIN}/46166360324/orders/${shopifyId}/authenticate`,
      created_at: shopTime(created),
      updated_at: shopTime(created),
      paid_at: orderStatus === 'pending' ? null : shopTime(created + 20_000),
      line_items: [
        {
          id: 12_789_000 + n,
          variant_id: 45_997_023_000 + (n % PRODUCTS.length),
          title: product.title,
          quantity,
          sku: product.sku,
          price: product.price,
          product_id: 8_569_874_000 + (n % PRODUCTS.length),
        },
      ],
      shipping_lines: [{ title: 'Standard Shipping', price: '10.00' }],
      customer: {
        id: 45_000 + (n % 7),
        email,
        first_name: address.first_name,
        last_name: address.last_name,
        phone: address.phone,
      },
    });
  }
  return orders;
}

/** The Shopify order behind a shop order, as the proxy passes it on (times with Shopify's offset). */
export function shopifyOrderOf(o: SfOrderDetail): SfShopifyOrder {
  const zoned = (t: string) => `${t.replace(' ', 'T')}+08:00`;
  return {
    id: Number(o.shopify_order_id),
    name: `#${o.order_number}`,
    email: o.customer_email,
    created_at: zoned(o.created_at),
    updated_at: zoned(o.updated_at),
    number: Number(o.order_number),
    note: o.notes,
    total_price: o.total_amount.toFixed(2),
    subtotal_price: o.original_price.toFixed(2),
    currency: o.currency,
    financial_status: o.financial_status,
    fulfillment_status: o.fulfillment_status === 'unfulfilled' ? null : o.fulfillment_status,
    line_items: o.line_items.map((i) => ({ ...i, variant_title: i.title.split(' - ').at(-1) ?? '' })),
    shipping_address: { ...o.shipping_address },
    billing_address: { ...o.billing_address },
    customer: { ...o.customer },
    shipping_lines: o.shipping_lines.map((l, n) => ({
      id: 369_258_000 + n,
      title: l.title,
      price: l.price,
      code: 'Standard',
    })),
    fulfillments: [],
  };
}
