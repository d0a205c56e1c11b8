/**
 * Sendcloud API v3 behind CarrierAdapter. Sendcloud is the carrier a European cross-border seller
 * most often already has: one account reaches PostNL, DHL, DPD, UPS, Colissimo, GLS and more
 * through the seller's own contracts, so one adapter here is many carriers at the desk.
 *
 * One shipment per POST /shipments/announce (synchronous: the carrier's tracking number in the
 * answer), several at once within a `createMany` call; the label is then fetched from
 * /parcels/{id}/documents/label as PDF or ZPL, as the account asks. Our idempotency key travels as
 * `external_reference_id`: Sendcloud keeps it unique and answers a repeat with 409 and the shipment
 * already made, and `lookup` asks GET /shipments?external_reference_id=. A refusal (400 with
 * JSON:API errors, or a shipment whose announcement failed) becomes that order's error in words.
 * `track` asks GET /parcels/tracking/{tracking_number} (sendcloud-tracking.ts reads the answer).
 * Writes (announce, cancel) wait for Sendcloud's rate limits on our side (write-limiter.ts).
 */
import type { CarrierAdapter, CreatedLabel, LabelOutcome, Shipment } from './carrier-adapter';
import { CarrierError } from './carrier-error';
import { parseJson, type HttpRetryOptions } from '../channels/provider-http';
import {
  DEFAULT_SENDCLOUD_HTTP,
  jsonOf,
  sendcloudCall,
  type SendcloudAccount,
  type SendcloudCall,
} from './sendcloud-http';
import { sendcloudErrorWords, type SendcloudErrorItem } from './sendcloud-messages';
import { NotForSendcloud, SENDCLOUD_MIME, sendcloudShipmentOf } from './sendcloud-shipment';
import { parcelTrackingOf, type ScParcelTracking } from './sendcloud-tracking';
import { createWriteLimiter, type RateLimit, type WriteLimiter } from './write-limiter';

/** Shipments per `createMany` call, and how many of them are announced at the same time. */
export const SENDCLOUD_MAX_PER_REQUEST = 20;
const CONCURRENT_ANNOUNCES = 4;
/**
 * `createMany` calls open at once across every run (carrier-gate.ts): two, as for DHL, so an
 * Automation API call goes on beside a bulk run; with four announcements each, at most eight.
 */
export const SENDCLOUD_MAX_CONCURRENT = 2;
/** Sendcloud allows 100 writes a minute with bursts of 15 a second, and answers 429 above them. */
export const SENDCLOUD_WRITE_LIMITS: readonly RateLimit[] = [
  { count: 100, ms: 60_000 },
  { count: 15, ms: 1000 },
];
/** Parcel states in which no label is in force: nothing was bought, or it was taken back. */
const NO_LABEL = new Set(['ANNOUNCEMENT_FAILED', 'CANCELLED', 'CANCELLATION_REQUESTED']);

interface ScParcel {
  id?: number;
  status?: { code?: string; message?: string };
  tracking_number?: string | null;
}

interface ScShipment {
  id?: string;
  parcels?: ScParcel[];
  errors?: SendcloudErrorItem[];
}

export function createSendcloudCarrier(
  account: SendcloudAccount,
  http: HttpRetryOptions = DEFAULT_SENDCLOUD_HTTP,
  writes: WriteLimiter = createWriteLimiter(SENDCLOUD_WRITE_LIMITS),
): CarrierAdapter {
  /** A POST, once Sendcloud's write limits allow it; reads are not limited. */
  async function write(call: SendcloudCall) {
    const answered = await writes.take();
    try {
      return await sendcloudCall(account, call, http);
    } finally {
      answered();
    }
  }

  async function document(parcelId: number, trackingNumber: string, format: CreatedLabel['format']) {
    const answer = await sendcloudCall(
      account,
      { method: 'GET', path: `/parcels/${parcelId}/documents/label`, accept: SENDCLOUD_MIME[format] },
      http,
    );
    if (answer.status !== 200 || answer.bytes.length === 0) {
      throw new CarrierError(
        `Sendcloud has no ${format.toUpperCase()} label for tracking number ${trackingNumber} (answer ${answer.status}).`,
        { httpStatus: answer.status },
      );
    }
    return { trackingNumber, format, document: answer.bytes } satisfies CreatedLabel;
  }

  /** The label of a shipment Sendcloud made, or why there is none. */
  async function outcomeOf(shipment: ScShipment): Promise<LabelOutcome> {
    const parcel = shipment.parcels?.[0];
    const tracking = parcel?.tracking_number;
    if (!parcel?.id || !tracking || NO_LABEL.has(parcel.status?.code ?? '')) {
      const why =
        sendcloudErrorWords({ errors: shipment.errors ?? [] }) ?? parcel?.status?.message ?? 'no label was made';
      return { kind: 'refused', error: `Sendcloud could not announce the shipment: ${sentence(why)}` };
    }
    try {
      return { kind: 'bought', label: await document(parcel.id, tracking, account.labelFormat) };
    } catch (error) {
      if (!(error instanceof CarrierError)) throw error;
      // Bought, but the label did not arrive: lookup fetches it again, nothing is bought twice.
      return { kind: 'unknown', error: `Sendcloud made shipment ${tracking}, but ${uncap(error.message)}` };
    }
  }

  async function announce(s: Shipment): Promise<LabelOutcome> {
    let body: Record<string, unknown>;
    try {
      body = sendcloudShipmentOf(s, account);
    } catch (error) {
      if (!(error instanceof NotForSendcloud)) throw error;
      return { kind: 'refused', error: error.message };
    }
    let answer;
    try {
      answer = await write({ method: 'POST', path: '/shipments/announce', body });
    } catch (error) {
      if (!(error instanceof CarrierError)) throw error;
      return { kind: error.mayHaveBought ? 'unknown' : 'refused', error: error.message };
    }
    // 409: this reference was announced before (a lost answer sent again); that shipment is ours.
    const made = answer.status === 201 || answer.status === 200 || answer.status === 409;
    const json = parseJson(answer.text) as { data?: ScShipment } | undefined;
    if (made && json?.data) return outcomeOf(json.data);
    if (made) {
      return { kind: 'unknown', error: `Sendcloud answered ${answer.status} without the shipment it made.` };
    }
    const why = sendcloudErrorWords(json) ?? `answer ${answer.status}`;
    return { kind: 'refused', error: `Sendcloud refused the label: ${sentence(why)}` };
  }

  async function shipmentsWhere(query: string): Promise<ScShipment[]> {
    const answer = await sendcloudCall(account, { method: 'GET', path: `/shipments?${query}` }, http);
    const json = jsonOf(answer) as { data?: unknown };
    if (answer.status !== 200 || !Array.isArray(json.data)) {
      throw new CarrierError(
        `Sendcloud could not list shipments (${sendcloudErrorWords(json) ?? `answer ${answer.status}`}).`,
        { httpStatus: answer.status },
      );
    }
    return json.data as ScShipment[];
  }

  async function byTracking(trackingNumber: string): Promise<{ shipment: ScShipment; parcel: ScParcel }> {
    const shipments = await shipmentsWhere(`tracking_number=${encodeURIComponent(trackingNumber)}`);
    for (const shipment of shipments) {
      const parcel = shipment.parcels?.find((p) => p.tracking_number === trackingNumber);
      if (parcel) return { shipment, parcel };
    }
    // Sendcloud answered the search (200), only without this shipment.
    throw new CarrierError(`Sendcloud has no shipment with tracking number ${trackingNumber}.`, { httpStatus: 200 });
  }

  const adapter: CarrierAdapter = {
    code: 'sendcloud',
    maxPerRequest: SENDCLOUD_MAX_PER_REQUEST,
    maxConcurrentRequests: SENDCLOUD_MAX_CONCURRENT,
    services: account.shippingOptions.map((code) => ({ code, name: code })),

    async createMany(shipments: readonly Shipment[]): Promise<LabelOutcome[]> {
      const outcomes: LabelOutcome[] = new Array<LabelOutcome>(shipments.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < shipments.length; i = next++) outcomes[i] = await announce(shipments[i]!);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_ANNOUNCES, shipments.length) }, worker));
      return outcomes;
    },

    async create(shipment: Shipment): Promise<CreatedLabel> {
      const outcome = await announce(shipment);
      if (outcome.kind === 'bought') return outcome.label;
      throw new CarrierError(outcome.error, { mayHaveBought: outcome.kind === 'unknown' });
    },

    async lookup(idempotencyKey: string): Promise<CreatedLabel | null> {
      const found = await shipmentsWhere(`external_reference_id=${encodeURIComponent(idempotencyKey)}`);
      for (const shipment of found) {
        const parcel = shipment.parcels?.[0];
        if (!parcel?.id || !parcel.tracking_number || NO_LABEL.has(parcel.status?.code ?? '')) continue;
        return document(parcel.id, parcel.tracking_number, account.labelFormat);
      }
      return null;
    },

    async reprint(trackingNumber: string, format: CreatedLabel['format']): Promise<CreatedLabel> {
      const { parcel } = await byTracking(trackingNumber);
      return document(parcel.id ?? 0, trackingNumber, format);
    },

    async track(trackingNumber: string) {
      const answer = await sendcloudCall(
        account,
        { method: 'GET', path: `/parcels/tracking/${encodeURIComponent(trackingNumber)}` },
        http,
      );
      if (answer.status === 404) {
        throw new CarrierError(`Sendcloud knows no parcel with tracking number ${trackingNumber}.`, {
          httpStatus: 404,
        });
      }
      const json = jsonOf(answer) as { data?: ScParcelTracking };
      if (answer.status !== 200 || typeof json.data !== 'object' || json.data === null) {
        const why = sendcloudErrorWords(json) ?? `answer ${answer.status}`;
        throw new CarrierError(`Sendcloud could not tell where parcel ${trackingNumber} is: ${sentence(why)}`, {
          httpStatus: answer.status,
        });
      }
      return parcelTrackingOf(json.data);
    },

    async void(trackingNumber: string): Promise<void> {
      const { shipment } = await byTracking(trackingNumber);
      const answer = await write({
        method: 'POST',
        path: `/shipments/${encodeURIComponent(shipment.id ?? '')}/cancel`,
      });
      // 202: queued; Sendcloud cancels it unless the parcel moves within 14 days.
      if (answer.status === 200 || answer.status === 202) return;
      const why = sendcloudErrorWords(jsonOf(answer)) ?? `answer ${answer.status}`;
      throw new CarrierError(`Sendcloud did not cancel shipment ${trackingNumber}: ${sentence(why)}`, {
        httpStatus: answer.status,
      });
    },
  };
  return adapter;
}

function sentence(words: string): string {
  return words.endsWith('.') ? words : `${words}.`;
}

function uncap(words: string): string {
  return words.charAt(0).toLowerCase() + words.slice(1);
}
