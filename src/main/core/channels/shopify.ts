/**
 * Shopify stores as an order source, through the Admin GraphQL API. A pull walks the orders
 * changed since the last pull, oldest change first, 250 per page; the cursor is Shopify's own.
 * A first pull asks only for open, unfulfilled orders; later ones for every change, so a
 * cancellation is seen (an order first seen cancelled is skipped on import).
 */
import type { ChannelAdapter, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { DEFAULT_HTTP_RETRY } from './provider-http';
import { shopifyQuery, type BucketMemory, type ShopifyHttpOptions } from './shopify-http';
import { mapShopifyOrder } from './shopify-order-map';
import { syncShopifyTracking } from './shopify-tracking';

/** Shopify's largest page. */
const PAGE_SIZE = 250;
/** As for WooCommerce: the store's clock is not ours; reading an order twice is harmless. */
const UPDATED_AT_OVERLAP_MS = 5 * 60_000;

export const ORDERS_QUERY = `query PackDeskOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt cancelledAt closed
      displayFinancialStatus displayFulfillmentStatus
      email phone note
      totalPriceSet { shopMoney { amount currencyCode } }
      shippingAddress { name firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone }
      lineItems(first: 100) {
        nodes { id name sku quantity variantTitle variant { barcode } originalUnitPriceSet { shopMoney { amount currencyCode } } customAttributes { key value } }
      }
      fulfillmentOrders(first: 10) { nodes { id status } }
    }
  }
}`;

const SHOP_QUERY = `query PackDeskShop { shop { name currencyCode } }`;

export function createShopifyAdapter(options: Partial<ShopifyHttpOptions> = {}): ChannelAdapter {
  const http: ShopifyHttpOptions = { ...DEFAULT_HTTP_RETRY, maxThrottled: 8, ...options };
  const buckets: BucketMemory = new Map();
  return {
    provider: 'shopify',

    async pullPage(conn, opts): Promise<PullPage> {
      const data = await shopifyQuery(
        conn,
        ORDERS_QUERY,
        { first: PAGE_SIZE, after: opts.cursor, query: searchOf(opts.modifiedAfter) },
        http,
        buckets,
      );
      const orders = isRecord(data.orders) ? data.orders : null;
      const nodes = orders?.nodes;
      const pageInfo = orders && isRecord(orders.pageInfo) ? orders.pageInfo : null;
      if (!Array.isArray(nodes) || !pageInfo) {
        throw new ChannelError('The Shopify store answered the order list without its orders.', { url: conn.baseUrl });
      }
      const page: PullPage = { orders: [], invalid: [], next: null };
      for (const node of nodes) {
        const mapped = mapShopifyOrder(node);
        if ('order' in mapped) page.orders.push(mapped.order);
        else page.invalid.push(mapped.invalid);
      }
      const end = pageInfo.endCursor;
      page.next = pageInfo.hasNextPage === true && typeof end === 'string' ? end : null;
      return page;
    },

    async testConnection(conn): Promise<void> {
      const data = await shopifyQuery(conn, SHOP_QUERY, {}, http, buckets);
      if (!isRecord(data.shop)) {
        throw new ChannelError('The Shopify store answered without its shop details.', { url: conn.baseUrl });
      }
    },

    syncTracking: (conn, sync) => syncShopifyTracking(conn, sync, http, buckets),
  };
}

export const shopifyAdapter: ChannelAdapter = createShopifyAdapter();

function searchOf(modifiedAfter: string | null): string {
  const ms = modifiedAfter === null ? Number.NaN : Date.parse(modifiedAfter);
  if (Number.isNaN(ms)) return 'status:open AND fulfillment_status:unfulfilled';
  return `updated_at:>'${new Date(ms - UPDATED_AT_OVERLAP_MS).toISOString()}'`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
