/**
 * The simulator's Shipment Tracking extension and its down modes, through the adapter's HTTP
 * client: what the extension checks, what a shop without it answers, and a shop that refuses
 * connections or answers 503 and comes back on the same address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConnection } from '../../src/main/core/channels/channel-adapter';
import { wooRequest, type WooRequest } from '../../src/main/core/channels/woocommerce-http';
import { DEFAULT_HTTP_RETRY } from '../../src/main/core/channels/provider-http';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';

let sim: WooSim;
beforeEach(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ count: 5 }) });
});
afterEach(() => sim.close());

const http = { ...DEFAULT_HTTP_RETRY, maxAttempts: 1, timeoutMs: 2_000 };
const conn = (): ChannelConnection => ({ baseUrl: sim.url, apiKey: KEY, apiSecret: SECRET, settings: {} });
const ORDER = sampleWooOrders({ count: 1 })[0]!.id;
const trackings = (method: WooRequest['method'], body?: unknown): WooRequest => ({
  method,
  namespace: 'wc-shipment-tracking/v3',
  path: `/orders/${ORDER}/shipment-trackings`,
  ...(body === undefined ? {} : { body }),
});

describe('simulated Shipment Tracking', () => {
  it('adds a tracking with a provider, and refuses one without a number or a provider', async () => {
    const created = await wooRequest(
      conn(),
      trackings('POST', { tracking_number: 'LP1DE', tracking_provider: 'DHL', date_shipped: '2026-11-24' }),
      http,
    );
    expect(created.body).toMatchObject({
      tracking_number: 'LP1DE',
      tracking_provider: 'DHL',
      date_shipped: '2026-11-24',
    });
    expect((await wooRequest(conn(), trackings('GET'), http)).body).toEqual([created.body]);

    await expect(wooRequest(conn(), trackings('POST', { tracking_provider: 'DHL' }), http)).rejects.toThrow(
      /refused the request \(400 rest_missing_callback_param\): Missing parameter\(s\): tracking_number/,
    );
    await expect(wooRequest(conn(), trackings('POST', { tracking_number: 'LP2DE' }), http)).rejects.toThrow(
      /Missing tracking provider/,
    );
    expect(sim.trackings(ORDER)).toHaveLength(1);
    expect(sim.requests.byCall[`POST /wp-json/wc-shipment-tracking/v3/orders/${ORDER}/shipment-trackings`]).toBe(3);
  });

  it('has no such route when the extension is not installed', async () => {
    sim.setShipmentTracking(false);
    await expect(wooRequest(conn(), trackings('GET'), http)).rejects.toMatchObject({
      details: { httpStatus: 404, providerCode: 'rest_no_route' },
    });
  });

  it('refuses connections while down and answers on the same address when up again', async () => {
    await sim.setDown('refuse');
    await expect(wooRequest(conn(), trackings('GET'), http)).rejects.toMatchObject({
      message: `The shop at ${sim.url} refused the connection.`,
      details: { unreachable: true },
    });
    await sim.setDown('503');
    await expect(wooRequest(conn(), trackings('GET'), http)).rejects.toMatchObject({
      message: `The shop at ${sim.url} answered 503.`,
      details: { unreachable: true },
    });
    await sim.setDown(null);
    expect((await wooRequest(conn(), trackings('GET'), http)).body).toEqual([]);
  });
});
