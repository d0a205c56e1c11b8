/**
 * Orders of a small German shop that ships worldwide, for training mode and tests. Generated from
 * a fixed seed, so the same `count` and `now` always give the same orders. Mostly paid orders
 * waiting to ship, with the troubles a packer meets: bank transfers on hold, an order already
 * completed and one cancelled (a default pull must skip both), one with nothing to ship to, one
 * without a postcode, one without items, and one whose shipping address is blank so only billing
 * says where it goes. The shop is small enough to be exempt from VAT, so there are no tax lines.
 */
import { wooDates } from './site-time';
import type { WooBilling, WooItemMetaData, WooLineItem, WooOrder, WooOrderStatus, WooShipping } from './types';

/** The training shop's fixed keys; they open nothing but the simulator. */
export const SANDBOX_CONSUMER_KEY = 'ck_sandbox_5e0c8d1a4b7f2e9c3d6a0b8f1e4c7a2d';
export const SANDBOX_CONSUMER_SECRET = 'cs_sandbox_9b1f4e7a2c5d8e0f3a6b9c2d5e8f1a4b';

export interface SampleOrderOptions {
  /** How many orders; default 40. The special cases sit at fixed positions below 30. */
  count?: number;
  /** Every order is placed within the ten days before this, and last changed at least 30 minutes before it. */
  now?: Date;
}

const SEED = 20_261_124;
const FIRST_ORDER_ID = 1001;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Positions of the special orders in the list (0 = the first order). */
const COMPLETED_AT = 6;
const CANCELLED_AT = 12;
const NOTHING_TO_SHIP_TO_AT = 15;
const NO_POSTCODE_AT = 19;
const NO_ITEMS_AT = 23;
const BILLING_ONLY_AT = 27;

interface Recipient {
  first: string;
  last: string;
  company?: string;
  address1: string;
  address2?: string;
  city: string;
  state?: string;
  postcode: string;
  country: string;
  phone: string;
  email: string;
}

/** The first one is the first order's recipient. Chinese and Japanese family names are in `last`. */
const RECIPIENTS: readonly Recipient[] = [
  {
    first: '尧',
    last: '陈',
    address1: '北京市朝阳区建国路88号',
    address2: 'SOHO现代城A座1502室',
    city: 'Beijing',
    state: 'CN2',
    postcode: '100020',
    country: 'CN',
    phone: '+86 138 0013 8000',
    email: 'chen.yao@example.cn',
  },
  {
    first: 'Jürgen',
    last: 'Müller',
    address1: 'Müllerstraße 12',
    city: 'München',
    postcode: '80331',
    country: 'DE',
    phone: '+49 89 2180 1234',
    email: 'juergen.mueller@example.de',
  },
  {
    first: 'Łukasz',
    last: 'Wójcik',
    address1: 'ul. Piotrkowska 104/12',
    city: 'Łódź',
    postcode: '90-926',
    country: 'PL',
    phone: '+48 42 638 45 67',
    email: 'lukasz.wojcik@example.pl',
  },
  {
    first: 'Sophie',
    last: 'Gruber',
    address1: 'Mariahilfer Straße 88a/3/12',
    city: 'Wien',
    postcode: '1070',
    country: 'AT',
    phone: '+43 1 523 4567',
    email: 'sophie.gruber@example.at',
  },
  {
    first: 'Chloé',
    last: 'Lefèvre',
    address1: '12 rue de la Paix',
    city: 'Paris',
    postcode: '75002',
    country: 'FR',
    phone: '+33 1 42 61 58 58',
    email: 'chloe.lefevre@example.fr',
  },
  {
    first: 'Oliver',
    last: 'Smith',
    address1: '221B Baker Street',
    city: 'London',
    postcode: 'NW1 6XE',
    country: 'GB',
    phone: '+44 20 7224 3688',
    email: 'oliver.smith@example.co.uk',
  },
  {
    first: 'Emily',
    last: 'Johnson',
    address1: '350 Fifth Avenue',
    address2: 'Apt 21B',
    city: 'New York',
    state: 'NY',
    postcode: '10118',
    country: 'US',
    phone: '+1 212 555 0147',
    email: 'emily.johnson@example.com',
  },
  {
    first: '花子',
    last: '佐藤',
    address1: '六本木6-10-1',
    address2: '六本木ヒルズ森タワー12F',
    city: '港区',
    state: 'JP13',
    postcode: '106-6112',
    country: 'JP',
    phone: '+81 3 6406 6000',
    email: 'hanako.sato@example.jp',
  },
  {
    first: '娜',
    last: '李',
    address1: '上海市浦东新区世纪大道100号',
    city: 'Shanghai',
    state: 'CN10',
    postcode: '200120',
    country: 'CN',
    phone: '+86 139 1688 2020',
    email: 'li.na@example.cn',
  },
  {
    first: '伟',
    last: '王',
    address1: '广东省深圳市南山区深南大道9988号',
    city: 'Shenzhen',
    state: 'CN20',
    postcode: '518057',
    country: 'CN',
    phone: '+86 137 5123 6688',
    email: 'wang.wei@example.cn',
  },
  {
    first: 'Anna',
    last: 'Schröder',
    company: 'Schröder & Söhne GmbH',
    address1: 'Königsallee 27',
    city: 'Düsseldorf',
    postcode: '40212',
    country: 'DE',
    phone: '+49 211 8765 4321',
    email: 'a.schroeder@example.de',
  },
  {
    first: 'Björn',
    last: 'Weiß',
    address1: 'Straße des 17. Juni 135',
    address2: 'c/o Technische Universität',
    city: 'Berlin',
    postcode: '10623',
    country: 'DE',
    phone: '+49 30 314 0',
    email: 'bjoern.weiss@example.de',
  },
  {
    first: 'Zofia',
    last: 'Dąbrowska',
    address1: 'ul. Floriańska 15',
    city: 'Kraków',
    postcode: '31-019',
    country: 'PL',
    phone: '+48 12 421 11 22',
    email: 'zofia.dabrowska@example.pl',
  },
  {
    first: 'François',
    last: 'Dupré',
    address1: '8 place Bellecour',
    city: 'Lyon',
    postcode: '69002',
    country: 'FR',
    phone: '+33 4 72 77 69 69',
    email: 'francois.dupre@example.fr',
  },
  {
    first: 'Siobhán',
    last: "O'Connor",
    address1: '14 Royal Crescent',
    city: 'Bath',
    postcode: 'BA1 2LR',
    country: 'GB',
    phone: '+44 1225 428126',
    email: 'siobhan.oconnor@example.co.uk',
  },
  {
    first: 'Carlos',
    last: 'García',
    address1: '1600 Amphitheatre Parkway',
    city: 'Mountain View',
    state: 'CA',
    postcode: '94043',
    country: 'US',
    phone: '+1 650 555 0199',
    email: 'carlos.garcia@example.com',
  },
  {
    first: 'Martin',
    last: 'Höller',
    address1: 'Getreidegasse 9',
    city: 'Salzburg',
    postcode: '5020',
    country: 'AT',
    phone: '+43 662 84 12 34',
    email: 'martin.hoeller@example.at',
  },
  {
    first: 'Ayşe',
    last: 'Yılmaz',
    address1: 'Kottbusser Damm 33',
    city: 'Berlin',
    postcode: '10967',
    country: 'DE',
    phone: '+49 30 6128 7788',
    email: 'ayse.yilmaz@example.de',
  },
];

interface Product {
  sku: string;
  name: string;
  productId: number;
  variationId: number;
  parentName: string | null;
  cents: number;
  /** The EAN printed on the product (WooCommerce's GTIN, UPC, EAN or ISBN field); '' when it has none. */
  gtin: string;
  /** [attribute key, shown label, stored value, shown value] */
  meta: readonly (readonly [string, string, string, string])[];
}

const CATALOGUE: readonly Product[] = [
  {
    sku: 'TEE-BLK-M',
    gtin: '4260123450014',
    name: 'Organic Cotton T-Shirt - Black, M',
    productId: 101,
    variationId: 1011,
    parentName: 'Organic Cotton T-Shirt',
    cents: 1990,
    meta: [
      ['pa_colour', 'Colour', 'black', 'Black'],
      ['pa_size', 'Size', 'm', 'M'],
    ],
  },
  {
    sku: 'TEE-WHT-L',
    gtin: '4260123450021',
    name: 'Organic Cotton T-Shirt - White, L',
    productId: 101,
    variationId: 1012,
    parentName: 'Organic Cotton T-Shirt',
    cents: 1990,
    meta: [
      ['pa_colour', 'Colour', 'white', 'White'],
      ['pa_size', 'Size', 'l', 'L'],
    ],
  },
  {
    sku: 'HOOD-GRY-XL',
    gtin: '4260123450038',
    name: 'Zip Hoodie - Grey, XL',
    productId: 102,
    variationId: 1021,
    parentName: 'Zip Hoodie',
    cents: 4900,
    meta: [
      ['pa_colour', 'Colour', 'grey', 'Grey'],
      ['pa_size', 'Size', 'xl', 'XL'],
    ],
  },
  {
    sku: 'MUG-CER-350',
    gtin: '4260123450045',
    name: 'Ceramic Mug 350 ml',
    productId: 103,
    variationId: 0,
    parentName: null,
    cents: 1250,
    meta: [],
  },
  {
    sku: 'CAP-NVY',
    gtin: '4260123450052',
    name: 'Baseball Cap - Navy',
    productId: 104,
    variationId: 1041,
    parentName: 'Baseball Cap',
    cents: 1700,
    meta: [['pa_colour', 'Colour', 'navy', 'Navy']],
  },
  {
    sku: 'SOCK-MER-3942',
    gtin: '4260123450069',
    name: 'Merino Socks (3 pairs) - 39–42',
    productId: 105,
    variationId: 1051,
    parentName: 'Merino Socks (3 pairs)',
    cents: 2400,
    meta: [['pa_size', 'Size', '39-42', '39–42']],
  },
  {
    sku: 'TOTE-CAN-NAT',
    gtin: '4260123450076',
    name: 'Canvas Tote Bag',
    productId: 106,
    variationId: 0,
    parentName: null,
    cents: 1500,
    meta: [],
  },
  {
    sku: 'BTL-STL-750',
    gtin: '4260123450083',
    name: 'Steel Water Bottle 750 ml',
    productId: 107,
    variationId: 0,
    parentName: null,
    cents: 2200,
    meta: [],
  },
  {
    sku: 'NB-A5-DOT',
    gtin: '4260123450090',
    name: 'Dotted Notebook A5',
    productId: 108,
    variationId: 0,
    parentName: null,
    cents: 950,
    meta: [],
  },
  {
    sku: 'STK-PACK-10',
    gtin: '4260123450106',
    name: 'Sticker Pack (10 pcs)',
    productId: 109,
    variationId: 0,
    parentName: null,
    cents: 400,
    meta: [],
  },
  {
    sku: 'MUG-ENG',
    gtin: '', // engraved to order: no GTIN, the packer scans the SKU
    name: 'Engraved Mug',
    productId: 110,
    variationId: 0,
    parentName: null,
    cents: 1890,
    // A product add-on field: custom meta, not a taxonomy attribute, so key and label are the same.
    meta: [['Engraving', 'Engraving', 'Für Oma ♥ 2026', 'Für Oma ♥ 2026']],
  },
];

const NOTES: Readonly<Record<number, string>> = {
  0: '请放在门卫室，谢谢',
  1: 'Bitte beim Nachbarn abgeben, falls niemand zu Hause ist.',
  5: 'Please leave with the concierge.',
  9: '周末不在家，请工作日送货',
};

const EU = new Set(['AT', 'FR', 'PL']);

export function sampleWooOrders(opts: SampleOrderOptions = {}): WooOrder[] {
  const count = opts.count ?? 40;
  const now = (opts.now ?? new Date()).getTime();
  const random = mulberry32(SEED);
  let lineItemId = 5000;
  let metaId = 9000;

  const orders: WooOrder[] = [];
  for (let i = 0; i < count; i++) {
    const id = FIRST_ORDER_ID + i;
    const status = statusAt(i);
    // Spread over the ten days before `now`, oldest first, the newest at least an hour old.
    const created = now - 10 * DAY + ((i + 0.1 + 0.8 * random()) / count) * (10 * DAY - HOUR);
    const modified = Math.min(created + modifiedAfterCreation(status), now - 30 * MINUTE);
    const placed = wooDates(new Date(created));
    const changed = wooDates(new Date(modified));

    const recipient = RECIPIENTS[i % RECIPIENTS.length] as Recipient;
    let billing = billingOf(recipient);
    let shipping = shippingOf(recipient);
    if (i === NOTHING_TO_SHIP_TO_AT) {
      // A checkout plugin hid the address fields: only the email is left.
      shipping = shippingOf(null);
      billing = { ...shippingOf(null), email: recipient.email };
    } else if (i === NO_POSTCODE_AT) {
      shipping.postcode = '';
      billing.postcode = '';
    } else if (i === BILLING_ONLY_AT) {
      shipping = shippingOf(null);
    }

    const lineItems: WooLineItem[] = [];
    if (i !== NO_ITEMS_AT) {
      const picks = shuffled(CATALOGUE, random).slice(0, 1 + Math.floor(random() * 4));
      for (const product of picks) {
        const quantity = random() < 0.75 ? 1 : 2 + Math.floor(random() * 2);
        lineItems.push(lineItem(++lineItemId, product, quantity, () => ++metaId));
      }
    }
    const itemCents = lineItems.reduce((sum, item) => sum + Math.round(Number(item.total) * 100), 0);
    const shippingLine = lineItems.length === 0 ? null : shippingFor(recipient.country, itemCents);
    const paid = status === 'processing' || status === 'completed';

    orders.push({
      id,
      parent_id: 0,
      number: String(id),
      order_key: `wc_order_${token(random, 13)}`,
      created_via: lineItems.length === 0 ? 'admin' : 'checkout',
      version: '9.4.2',
      status,
      currency: 'EUR',
      currency_symbol: '€',
      date_created: placed.local,
      date_created_gmt: placed.gmt,
      date_modified: changed.local,
      date_modified_gmt: changed.gmt,
      discount_total: '0.00',
      discount_tax: '0.00',
      shipping_total: money(shippingLine?.cents ?? 0),
      shipping_tax: '0.00',
      cart_tax: '0.00',
      total: money(itemCents + (shippingLine?.cents ?? 0)),
      total_tax: '0.00',
      prices_include_tax: false,
      customer_id: i % 3 === 0 ? 0 : 200 + i,
      customer_ip_address: `203.0.113.${(i * 7) % 250}`,
      customer_user_agent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      customer_note: NOTES[i] ?? '',
      billing,
      shipping,
      payment_method: paid ? 'stripe' : 'bacs',
      payment_method_title: paid ? 'Credit card (Stripe)' : 'Direct bank transfer',
      transaction_id: paid ? `pi_${token(random, 24)}` : '',
      date_paid: paid ? changed.local : null,
      date_paid_gmt: paid ? changed.gmt : null,
      date_completed: status === 'completed' ? changed.local : null,
      date_completed_gmt: status === 'completed' ? changed.gmt : null,
      cart_hash: token(random, 32, '0123456789abcdef'),
      meta_data: [
        { id: ++metaId, key: '_wc_order_attribution_source_type', value: 'typein' },
        { id: ++metaId, key: 'is_vat_exempt', value: 'no' },
      ],
      line_items: lineItems,
      tax_lines: [],
      shipping_lines: shippingLine
        ? [
            {
              id: ++lineItemId,
              method_title: shippingLine.title,
              method_id: shippingLine.cents === 0 ? 'free_shipping' : 'flat_rate',
              instance_id: shippingLine.cents === 0 ? '2' : '1',
              total: money(shippingLine.cents),
              total_tax: '0.00',
              taxes: [],
              meta_data: [],
            },
          ]
        : [],
      fee_lines: [],
      coupon_lines: [],
      refunds: [],
    });
  }
  return orders;
}

function statusAt(i: number): WooOrderStatus {
  if (i === COMPLETED_AT) return 'completed';
  if (i === CANCELLED_AT) return 'cancelled';
  const special = [NOTHING_TO_SHIP_TO_AT, NO_POSTCODE_AT, NO_ITEMS_AT, BILLING_ONLY_AT];
  // Bank transfers wait on hold until the money arrives.
  return i % 6 === 5 && !special.includes(i) ? 'on-hold' : 'processing';
}

function modifiedAfterCreation(status: WooOrderStatus): number {
  if (status === 'completed') return DAY;
  if (status === 'cancelled') return 2 * HOUR;
  if (status === 'on-hold') return 10_000;
  return 3 * MINUTE; // the payment provider confirms a few minutes later
}

function billingOf(r: Recipient): WooBilling {
  return { ...shippingOf(r), email: r.email };
}

function shippingOf(r: Recipient | null): WooShipping {
  return {
    first_name: r?.first ?? '',
    last_name: r?.last ?? '',
    company: r?.company ?? '',
    address_1: r?.address1 ?? '',
    address_2: r?.address2 ?? '',
    city: r?.city ?? '',
    state: r?.state ?? '',
    postcode: r?.postcode ?? '',
    country: r?.country ?? '',
    phone: r?.phone ?? '',
  };
}

function lineItem(id: number, product: Product, quantity: number, nextMetaId: () => number): WooLineItem {
  const total = money(product.cents * quantity);
  const meta: WooItemMetaData[] = product.meta.map(([key, label, value, shown]) => ({
    id: nextMetaId(),
    key,
    value,
    display_key: label,
    display_value: shown,
  }));
  // WooCommerce marks stock it has taken off with a hidden (underscore) meta entry.
  meta.push({
    id: nextMetaId(),
    key: '_reduced_stock',
    value: String(quantity),
    display_key: '_reduced_stock',
    display_value: String(quantity),
  });
  return {
    id,
    name: product.name,
    product_id: product.productId,
    variation_id: product.variationId,
    quantity,
    tax_class: '',
    subtotal: total,
    subtotal_tax: '0.00',
    total,
    total_tax: '0.00',
    taxes: [],
    meta_data: meta,
    sku: product.sku,
    price: product.cents / 100,
    image: {
      id: product.productId + 500,
      src: `https://shop.example/wp-content/uploads/${product.sku.toLowerCase()}.jpg`,
    },
    parent_name: product.parentName,
    global_unique_id: product.gtin,
  };
}

function shippingFor(country: string, itemCents: number): { title: string; cents: number } {
  if (country === 'DE')
    return itemCents >= 5000 ? { title: 'Kostenloser Versand', cents: 0 } : { title: 'DHL Paket', cents: 490 };
  if (EU.has(country)) return { title: 'DHL Paket International', cents: 990 };
  return { title: 'DHL Paket International (World)', cents: country === 'CN' || country === 'JP' ? 2490 : 1990 };
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

function token(
  random: () => number,
  length: number,
  alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
): string {
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A small seeded generator (mulberry32): the same seed gives the same orders on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
