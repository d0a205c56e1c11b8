/**
 * The simulated store's fulfillments: the fulfillment-orders read and fulfillmentCreate as the
 * Admin GraphQL API answers them (userErrors in words for what Shopify refuses). Fulfilling closes
 * the fulfillment orders and marks the order FULFILLED, stamping updatedAt as Shopify does.
 */
import { legacyId, type ShopifyOrder } from './types';

export interface SimFulfillment {
  id: string;
  status: 'SUCCESS';
  notifyCustomer: boolean;
  fulfillmentOrderIds: string[];
  trackingInfo: { company: string | null; number: string; url: string | null }[];
  createdAt: string;
}

type UserError = { field: string[]; message: string };

export function fulfillmentStore(orders: Map<number, ShopifyOrder>) {
  const byOrder = new Map<number, SimFulfillment[]>();
  let nextId = 9_000_001;

  function orderNode(gid: unknown): unknown {
    const order = typeof gid === 'string' ? orders.get(legacyId(gid)) : undefined;
    if (!order || !gid || gid !== order.id) return null;
    return {
      id: order.id,
      name: order.name,
      fulfillments: (byOrder.get(legacyId(order.id)) ?? []).map((f) => ({
        id: f.id,
        trackingInfo: f.trackingInfo,
      })),
      fulfillmentOrders: structuredClone(order.fulfillmentOrders),
    };
  }

  function create(input: unknown): { fulfillment: unknown; userErrors: UserError[] } {
    const refuse = (field: string[], message: string) => ({ fulfillment: null, userErrors: [{ field, message }] });
    const f = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const groups = Array.isArray(f.lineItemsByFulfillmentOrder) ? (f.lineItemsByFulfillmentOrder as unknown[]) : [];
    if (groups.length === 0) {
      return refuse(['fulfillment', 'lineItemsByFulfillmentOrder'], 'Line items by fulfillment order must be present.');
    }
    const ids = groups.map((g) =>
      typeof g === 'object' && g !== null ? (g as Record<string, unknown>).fulfillmentOrderId : null,
    );
    let owner: ShopifyOrder | undefined;
    for (const id of ids) {
      const found = [...orders.values()].find((o) => o.fulfillmentOrders.nodes.some((fo) => fo.id === id));
      if (!found) return refuse(['fulfillment'], 'Fulfillment order does not exist.');
      if (owner && owner !== found)
        return refuse(['fulfillment'], 'All fulfillment orders must belong to the same order.');
      owner = found;
      const fo = found.fulfillmentOrders.nodes.find((n) => n.id === id)!;
      if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS') {
        return refuse(
          ['fulfillment'],
          `Fulfillment order ${legacyId(fo.id)} has an unfulfillable status= ${fo.status.toLowerCase()}.`,
        );
      }
    }
    const info = (typeof f.trackingInfo === 'object' && f.trackingInfo !== null ? f.trackingInfo : {}) as Record<
      string,
      unknown
    >;
    const order = owner!;
    const now = new Date().toISOString();
    for (const fo of order.fulfillmentOrders.nodes) if (ids.includes(fo.id)) fo.status = 'CLOSED';
    if (order.fulfillmentOrders.nodes.every((fo) => fo.status === 'CLOSED'))
      order.displayFulfillmentStatus = 'FULFILLED';
    order.updatedAt = now;
    const fulfillment: SimFulfillment = {
      id: `gid://shopify/Fulfillment/${nextId++}`,
      status: 'SUCCESS',
      notifyCustomer: f.notifyCustomer === true,
      fulfillmentOrderIds: ids as string[],
      trackingInfo:
        typeof info.number === 'string'
          ? [
              {
                company: typeof info.company === 'string' ? info.company : null,
                number: info.number,
                url: typeof info.url === 'string' ? info.url : null,
              },
            ]
          : [],
      createdAt: now,
    };
    const list = byOrder.get(legacyId(order.id)) ?? [];
    list.push(fulfillment);
    byOrder.set(legacyId(order.id), list);
    return {
      fulfillment: { id: fulfillment.id, status: fulfillment.status, trackingInfo: fulfillment.trackingInfo },
      userErrors: [],
    };
  }

  return {
    orderNode,
    create,
    of: (orderId: number): SimFulfillment[] => structuredClone(byOrder.get(orderId) ?? []),
  };
}
