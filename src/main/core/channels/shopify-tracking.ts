/**
 * Tracking back to a Shopify store: the order's open fulfillment orders are fulfilled with one
 * fulfillmentCreate carrying the tracking number. The order's fulfillments are read first, so a
 * retry after a lost answer finds the tracking already there and never fulfils twice.
 */
import type { ChannelConnection, TrackingSync, TrackingSyncResult } from './channel-adapter';
import { ChannelError } from './channel-error';
import { shopifyQuery, type BucketMemory, type ShopifyHttpOptions } from './shopify-http';

export const FULFILLMENT_ORDERS_QUERY = `query PackDeskFulfillmentOrders($id: ID!) {
  order(id: $id) {
    id name
    fulfillments(first: 50) { id trackingInfo { number } }
    fulfillmentOrders(first: 10) { nodes { id status } }
  }
}`;

export const FULFILLMENT_CREATE = `mutation PackDeskFulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

/** Fulfillment orders that can still be fulfilled; CLOSED, CANCELLED, ON_HOLD, ... cannot. */
const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

/** Shopify's own names for carriers it knows (so it links the tracking page itself). */
const KNOWN_COMPANIES: Readonly<Record<string, { company: string; url: (n: string) => string }>> = {
  dhl: {
    company: 'DHL Parcel',
    url: (n) => `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${encodeURIComponent(n)}`,
  },
};
const OWN_DELIVERY = 'Own delivery';

const VIA = 'fulfillment with tracking';

export async function syncShopifyTracking(
  conn: ChannelConnection,
  sync: TrackingSync,
  http: ShopifyHttpOptions,
  buckets: BucketMemory,
): Promise<TrackingSyncResult> {
  const orderId = `gid://shopify/Order/${sync.externalId}`;
  const data = await shopifyQuery(conn, FULFILLMENT_ORDERS_QUERY, { id: orderId }, http, buckets);
  const order = isRecord(data.order) ? data.order : null;
  if (!order) {
    throw new ChannelError(`The Shopify store has no order ${sync.externalId} any more; it cannot take its tracking.`, {
      url: conn.baseUrl,
      refused: true,
    });
  }
  const name = typeof order.name === 'string' ? order.name : sync.externalId;
  if (trackingNumbersOf(order).includes(sync.trackingNumber)) return { via: VIA, alreadyThere: true };

  const open = nodesOf(order.fulfillmentOrders).filter((fo) => FULFILLABLE.has(String(fo.status)));
  if (open.length === 0) {
    throw new ChannelError(
      `Shopify order ${name} has nothing left to fulfil (it was fulfilled, cancelled or put on hold in the store); ` +
        `its tracking ${sync.trackingNumber} was not sent.`,
      { url: conn.baseUrl, refused: true },
    );
  }
  const known = KNOWN_COMPANIES[sync.carrier];
  const result = await shopifyQuery(
    conn,
    FULFILLMENT_CREATE,
    {
      fulfillment: {
        lineItemsByFulfillmentOrder: open.map((fo) => ({ fulfillmentOrderId: fo.id })),
        notifyCustomer: true,
        trackingInfo: {
          company: known?.company ?? OWN_DELIVERY,
          number: sync.trackingNumber,
          ...(known ? { url: known.url(sync.trackingNumber) } : {}),
        },
      },
    },
    http,
    buckets,
  );
  const created = isRecord(result.fulfillmentCreate) ? result.fulfillmentCreate : null;
  const userErrors = Array.isArray(created?.userErrors) ? created.userErrors.filter(isRecord) : [];
  if (userErrors.length > 0) {
    const words = userErrors.map((e) => (typeof e.message === 'string' ? e.message : 'an error')).join('; ');
    throw new ChannelError(`Shopify would not fulfil order ${name} with tracking ${sync.trackingNumber}: ${words}`, {
      url: conn.baseUrl,
      refused: true,
    });
  }
  if (!created || !isRecord(created.fulfillment)) {
    throw new ChannelError(`The Shopify store answered the fulfillment of order ${name} without it.`, {
      url: conn.baseUrl,
    });
  }
  return { via: VIA, alreadyThere: false };
}

function trackingNumbersOf(order: Record<string, unknown>): string[] {
  const fulfillments = Array.isArray(order.fulfillments) ? order.fulfillments.filter(isRecord) : [];
  return fulfillments.flatMap((f) =>
    (Array.isArray(f.trackingInfo) ? f.trackingInfo.filter(isRecord) : [])
      .map((t) => t.number)
      .filter((n): n is string => typeof n === 'string'),
  );
}

function nodesOf(connection: unknown): { id: string; status: unknown }[] {
  const nodes = isRecord(connection) && Array.isArray(connection.nodes) ? connection.nodes : [];
  return nodes.filter(isRecord).flatMap((n) => (typeof n.id === 'string' ? [{ id: n.id, status: n.status }] : []));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
