/**
 * Tracking back to a WooCommerce shop. With the Shipment Tracking extension the number goes to its
 * own endpoint; a shop without it gets an order note with the number and status `completed`, the
 * way shops tell customers by hand. Every write is preceded by a read of what the shop already
 * has, so a retry after a lost answer never adds the tracking twice.
 */
import type { ChannelConnection, TrackingSync, TrackingSyncResult } from './channel-adapter';
import { ChannelError } from './channel-error';
import type { HttpRetryOptions } from './provider-http';
import { wooRequest } from './woocommerce-http';

const TRACKING_NAMESPACE = 'wc-shipment-tracking/v3';

/** Shipment Tracking's own provider names for carriers it knows; the rest go as custom providers. */
const KNOWN_PROVIDERS: Readonly<Record<string, string>> = { dhl: 'DHL' };
const CUSTOM_PROVIDER = 'Own delivery';

export async function syncWooTracking(
  conn: ChannelConnection,
  sync: TrackingSync,
  http: HttpRetryOptions,
): Promise<TrackingSyncResult> {
  const orderPath = `/orders/${encodeURIComponent(sync.externalId)}`;
  const existing = await existingTrackings(conn, orderPath, http);
  if (existing === 'no-extension') return noteAndComplete(conn, orderPath, sync, http);
  if (existing.includes(sync.trackingNumber)) return { via: 'Shipment Tracking', alreadyThere: true };
  const provider = KNOWN_PROVIDERS[sync.carrier];
  await wooRequest(
    conn,
    {
      method: 'POST',
      namespace: TRACKING_NAMESPACE,
      path: `${orderPath}/shipment-trackings`,
      body: {
        tracking_number: sync.trackingNumber,
        ...(provider
          ? { tracking_provider: provider }
          : { custom_tracking_provider: CUSTOM_PROVIDER, custom_tracking_link: '' }),
        date_shipped: sync.shippedOn,
      },
    },
    http,
  );
  return { via: 'Shipment Tracking', alreadyThere: false };
}

/** The numbers the shop already shows, or 'no-extension' when Shipment Tracking is not installed. */
async function existingTrackings(
  conn: ChannelConnection,
  orderPath: string,
  http: HttpRetryOptions,
): Promise<string[] | 'no-extension'> {
  try {
    const { body } = await wooRequest(
      conn,
      { method: 'GET', namespace: TRACKING_NAMESPACE, path: `${orderPath}/shipment-trackings` },
      http,
    );
    return Array.isArray(body) ? body.map(trackingNumberOf).filter((n): n is string => n !== null) : [];
  } catch (error) {
    if (error instanceof ChannelError && isNoRoute(error)) return 'no-extension';
    throw error;
  }
}

async function noteAndComplete(
  conn: ChannelConnection,
  orderPath: string,
  sync: TrackingSync,
  http: HttpRetryOptions,
): Promise<TrackingSyncResult> {
  const notes = await wooRequest(conn, { method: 'GET', path: `${orderPath}/notes` }, http);
  const noted = Array.isArray(notes.body) && notes.body.some((n) => noteText(n).includes(sync.trackingNumber));
  if (!noted) {
    await wooRequest(
      conn,
      { method: 'POST', path: `${orderPath}/notes`, body: { note: noteFor(sync), customer_note: true } },
      http,
    );
  }
  const order = await wooRequest(conn, { method: 'GET', path: orderPath }, http);
  const completed = statusOf(order.body) === 'completed';
  if (!completed) await wooRequest(conn, { method: 'PUT', path: orderPath, body: { status: 'completed' } }, http);
  return { via: 'order note + completed', alreadyThere: noted && completed };
}

/** What the customer reads in the order's e-mail and account page. */
function noteFor(sync: TrackingSync): string {
  const carrier = KNOWN_PROVIDERS[sync.carrier] ?? CUSTOM_PROVIDER;
  return `Your order has shipped on ${sync.shippedOn} with ${carrier}. Tracking number: ${sync.trackingNumber}`;
}

function isNoRoute(error: ChannelError): boolean {
  const details = error.details as { httpStatus?: number; providerCode?: string } | undefined;
  return details?.httpStatus === 404 && details.providerCode === 'rest_no_route';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function trackingNumberOf(value: unknown): string | null {
  const n = field(value, 'tracking_number');
  return typeof n === 'string' ? n : null;
}

function noteText(value: unknown): string {
  const n = field(value, 'note');
  return typeof n === 'string' ? n : '';
}

function statusOf(value: unknown): string | null {
  const s = field(value, 'status');
  return typeof s === 'string' ? s : null;
}
