/**
 * DHL's Shipment Tracking – Unified API (GET /track/shipments?trackingNumber=, header DHL-API-Key)
 * in PackDesk's words. The answer's shape follows DHL's published examples: `shipments[]`, each
 * with `status` (the current one) and `events[]` (newest first), both made of `timestamp`,
 * `location.address.addressLocality`, `statusCode` (pre-transit, transit, delivered, failure,
 * unknown), `status` and `description`; `returnFlag` marks a shipment on its way back to the
 * sender; an unknown number is 404 problem+json ("No shipment with given tracking number found.").
 *
 * The tracking API is counted per day per API key (250 calls on DHL's starter plan), so each
 * press of Track parcel is one call: a 429 is said at once, never waited out and tried again.
 */
import type { ParcelTracking, TrackingEvent, TrackingStatus } from '../../../shared/tracking';
import { ChannelError, type ChannelErrorDetails } from '../channels/channel-error';
import { parseJson, sendWithRetry, type HttpRetryOptions } from '../channels/provider-http';
import { CarrierError } from './carrier-error';
import { problemDetail, type DhlAccount } from './dhl-http';

/** Where the shipping API's path starts in an account's address (https://api-eu.dhl.com/parcel/de/shipping/v2). */
const SHIPPING_PATH = '/parcel/de/shipping';
const TRACKING_PATH = '/track/shipments';

interface DhlTrackingStatus {
  timestamp?: string;
  location?: { address?: { addressLocality?: string | null } | null } | null;
  statusCode?: string;
  status?: string | null;
  description?: string | null;
}

interface DhlTrackedShipment {
  id?: string;
  returnFlag?: boolean;
  status?: DhlTrackingStatus;
  events?: DhlTrackingStatus[];
}

/**
 * "unknown" is DHL's word for a status it could not sort; it knows the parcel (an unknown number is
 * a 404), and nothing says it arrived or went wrong, so it reads as in transit, as Sendcloud's
 * unlisted phases do; DHL's own words stand beside it. A missing code reads the same.
 */
const STATUS_CODES: Readonly<Record<string, TrackingStatus>> = {
  'pre-transit': 'announced',
  transit: 'in_transit',
  delivered: 'delivered',
  failure: 'exception',
};

/**
 * The tracking address beside an account's shipping address: its `/parcel/de/shipping/...` path
 * becomes `/track/shipments` on the same origin, keeping whatever comes before it (a proxy's
 * prefix); an address without that path gets `/track/shipments` on its origin. So production's
 * https://api-eu.dhl.com/parcel/de/shipping/v2 tracks at https://api-eu.dhl.com/track/shipments,
 * and a simulator's address at the simulator.
 */
export function dhlTrackingUrl(shippingBaseUrl: string): string {
  const url = new URL(shippingBaseUrl);
  const at = url.pathname.indexOf(SHIPPING_PATH);
  return `${url.origin}${at === -1 ? '' : url.pathname.slice(0, at)}${TRACKING_PATH}`;
}

export async function trackDhlParcel(
  account: DhlAccount,
  trackingNumber: string,
  http: HttpRetryOptions,
): Promise<ParcelTracking> {
  const base = dhlTrackingUrl(account.baseUrl);
  // service=parcel-de: DHL advises naming the service, else the answer may be another division's
  // shipment that shares the parcel; PackDesk buys Parcel DE labels only.
  const url = `${base}?trackingNumber=${encodeURIComponent(trackingNumber)}&service=parcel-de`;
  let answer;
  try {
    answer = await sendWithRetry(
      `DHL's tracking (${new URL(base).host})`,
      () => ({ url, init: { headers: { Accept: 'application/json', 'DHL-API-Key': account.apiKey } } }),
      { ...http, stopAt429: true },
      base,
    );
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    const details = error.details as ChannelErrorDetails | undefined;
    if (details?.httpStatus === 429) throw new CarrierError(quotaWords(details.retryAfterMs), { httpStatus: 429 });
    throw new CarrierError(error.message);
  }
  const body = parseJson(answer.text);
  if (answer.status === 404) {
    // DHL's tracking learns of a new shipment 10 to 30 minutes after it is made.
    throw new CarrierError(
      `DHL knows no parcel with tracking number ${trackingNumber}; a label bought in the last half hour may not be in DHL's tracking yet.`,
      { httpStatus: 404 },
    );
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new CarrierError(
      `DHL refused the API key for tracking (${answer.status}: ${problemDetail(body) ?? 'unauthorized'}); in DHL's developer portal, add "Shipment Tracking – Unified" to the app of the DHL account's API key.`,
      { httpStatus: answer.status },
    );
  }
  const shipments = (body as { shipments?: unknown } | undefined)?.shipments;
  if (answer.status !== 200 || !Array.isArray(shipments) || shipments.length === 0) {
    const why = problemDetail(body) ?? `answer ${answer.status}`;
    throw new CarrierError(`DHL could not tell where parcel ${trackingNumber} is: ${why.replace(/\.$/, '')}.`, {
      httpStatus: answer.status,
    });
  }
  const tracked = shipments as DhlTrackedShipment[];
  return parcelTrackingOf(tracked.find((s) => s.id === trackingNumber) ?? tracked[0]!);
}

function parcelTrackingOf(shipment: DhlTrackedShipment): ParcelTracking {
  const raw = [...(shipment.events ?? [])].sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
  const current = shipment.status ?? raw.at(-1);
  return {
    status: statusOf(current, shipment.returnFlag === true),
    carrierStatus: current?.status || current?.description || current?.statusCode || 'No status yet',
    events: raw.map(eventOf),
  };
}

/** A shipment on its way back reads as a problem even once DHL calls it delivered: it was delivered to the sender. */
function statusOf(current: DhlTrackingStatus | undefined, returned: boolean): TrackingStatus {
  if (returned) return 'exception';
  if (!current) return 'announced';
  return STATUS_CODES[current.statusCode ?? ''] ?? 'in_transit';
}

function eventOf(event: DhlTrackingStatus): TrackingEvent {
  const place = event.location?.address?.addressLocality;
  return {
    at: event.timestamp ?? '',
    message: event.description || event.status || 'Status update',
    ...(place ? { location: place } : {}),
  };
}

function quotaWords(retryAfterMs: number | undefined): string {
  const start =
    "DHL refused to track the parcel now (429 Too Many Requests): the DHL account's API key has used the tracking calls DHL allows it, counted per day (250 on DHL's starter plan) and starting again at midnight GMT.";
  if (retryAfterMs === undefined) return `${start} Try again later, or look the number up on dhl.de.`;
  return `${start} DHL says to try again in ${waitWords(retryAfterMs)}.`;
}

function waitWords(ms: number): string {
  const [n, unit] =
    ms < 60_000
      ? [Math.max(1, Math.ceil(ms / 1000)), 'second']
      : ms < 2 * 3_600_000
        ? [Math.ceil(ms / 60_000), 'minute']
        : [Math.round(ms / 3_600_000), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
