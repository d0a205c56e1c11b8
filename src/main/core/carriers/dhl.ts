/**
 * DHL Parcel DE Shipping API v2 behind CarrierAdapter: up to 30 shipments per POST /orders, the
 * answer read item by item (200, 207 and 400 all carry items in request order), each refusal in
 * words, labels as PDF or ZPL2 as the account asks, reprint by GET /orders?shipment= in either
 * format (a PDF label for a ZPL printer), void by DELETE, and `track` through DHL's separate
 * Shipment Tracking – Unified API with the same API key (dhl-tracking.ts).
 *
 * Our idempotency key travels as refNo. DHL documents no lookup by refNo and does not say what a
 * repeated refNo does, so the adapter takes the safe reading of each: it never buys again to find
 * out (a lost answer comes back as `unknown` and the caller asks `lookup`), `lookup` asks
 * `GET /orders?refNo=` and treats a 400 there as "DHL cannot tell" (nothing is bought then; the
 * packer is told to check the business portal), and a repeated refNo answered with the existing
 * shipment, or refused naming it, is taken as that shipment.
 */
import type { CarrierAdapter, CreatedLabel, LabelOutcome, Shipment } from './carrier-adapter';
import { CarrierError } from './carrier-error';
import type { HttpRetryOptions } from '../channels/provider-http';
import { dhlCall, problemDetail, DEFAULT_DHL_HTTP, type DhlAccount } from './dhl-http';
import { validationWords, type DhlValidationMessage } from './dhl-messages';
import { dhlShipmentOf, NotForDhl } from './dhl-shipment';
import { trackDhlParcel } from './dhl-tracking';

export const DHL_MAX_PER_REQUEST = 30;
/**
 * DHL publishes no concurrency limit for this API; two requests at once let an Automation API call
 * go on beside a run from the bulk bar without hammering the gateway (its 429s are waited out by dhlCall).
 */
export const DHL_MAX_CONCURRENT = 2;

interface DhlItem {
  shipmentNo?: string;
  sstatus?: { statusCode?: number; title?: string; detail?: string };
  label?: { b64?: string; zpl2?: string; url?: string; fileFormat?: string };
  validationMessages?: DhlValidationMessage[];
}

export function createDhlCarrier(
  account: DhlAccount,
  http: HttpRetryOptions = DEFAULT_DHL_HTTP,
  today: () => Date = () => new Date(),
): CarrierAdapter {
  const docsIn = (docFormat: DhlAccount['docFormat']) => `docFormat=${docFormat}&includeDocs=include`;
  const docs = docsIn(account.docFormat);

  async function labelOf(item: DhlItem): Promise<CreatedLabel | null> {
    const no = item.shipmentNo;
    const label = item.label;
    if (!no || !label) return null;
    if (label.b64)
      return { trackingNumber: no, format: 'pdf', document: new Uint8Array(Buffer.from(label.b64, 'base64')) };
    if (label.zpl2) return { trackingNumber: no, format: 'zpl', document: new TextEncoder().encode(label.zpl2) };
    if (label.url) {
      const res = await fetch(label.url, { signal: AbortSignal.timeout(http.timeoutMs) });
      if (!res.ok) return null;
      const format = label.fileFormat === 'ZPL2' ? 'zpl' : 'pdf';
      return { trackingNumber: no, format, document: new Uint8Array(await res.arrayBuffer()) };
    }
    return null;
  }

  /** The label of a shipment made before, fetched again (`GET /orders?shipment=`) in the format asked. */
  async function reprint(shipmentNo: string, docFormat = account.docFormat): Promise<CreatedLabel> {
    const reply = await dhlCall(
      account,
      'GET',
      `/orders?shipment=${encodeURIComponent(shipmentNo)}&${docsIn(docFormat)}`,
      undefined,
      http,
    );
    const item = itemsOf(reply.body)[0];
    const label = await labelOf(item ?? {});
    if (reply.status !== 200 || !label) {
      const why = item?.sstatus?.detail ?? problemDetail(reply.body) ?? `answer ${reply.status}`;
      throw new CarrierError(`DHL has no label for shipment ${shipmentNo}: ${why.replace(/\.$/, '')}.`, {
        httpStatus: reply.status,
      });
    }
    return label;
  }

  async function outcomeOf(item: DhlItem | undefined): Promise<LabelOutcome> {
    if (!item) return { kind: 'unknown', error: "DHL's answer left this shipment out." };
    if (item.sstatus?.statusCode === 200) {
      const label = await labelOf(item);
      return label ? { kind: 'bought', label } : { kind: 'unknown', error: 'DHL made the shipment but sent no label.' };
    }
    // The 'refuse' reading of a repeated refNo: the shipment exists already, so it is ours.
    const existing = /already exists\D*(\d{10,})/.exec(validationWords(item.validationMessages) ?? '')?.[1];
    if (existing) return { kind: 'bought', label: await reprint(existing) };
    return refusal(item);
  }

  /** POST /orders: DHL's items in request order, or one outcome for every shipment of a failed call. */
  async function postOrders(
    sent: readonly { body: Record<string, unknown> }[],
    validate: boolean,
  ): Promise<DhlItem[] | Exclude<LabelOutcome, { kind: 'bought' }>> {
    try {
      const reply = await dhlCall(
        account,
        'POST',
        `/orders?${validate ? 'validate=true&' : ''}${docs}`,
        { profile: account.profile, shipments: sent.map((s) => s.body) },
        http,
      );
      const items = itemsOf(reply.body);
      if (items.length > 0) return items;
      return {
        kind: 'refused',
        error: `DHL refused the request: ${problemDetail(reply.body) ?? `answer ${reply.status}`}.`,
      };
    } catch (error) {
      if (!(error instanceof CarrierError)) throw error;
      return { kind: error.mayHaveBought && !validate ? 'unknown' : 'refused', error: error.message };
    }
  }

  const adapter: CarrierAdapter = {
    code: 'dhl',
    maxPerRequest: DHL_MAX_PER_REQUEST,
    maxConcurrentRequests: DHL_MAX_CONCURRENT,

    async createMany(shipments: readonly Shipment[]): Promise<LabelOutcome[]> {
      if (shipments.length > DHL_MAX_PER_REQUEST) {
        throw new Error(`DHL takes at most ${DHL_MAX_PER_REQUEST} shipments per request, not ${shipments.length}.`);
      }
      const shipDate = today().toISOString().slice(0, 10);
      const outcomes: (LabelOutcome | null)[] = [];
      let sent: { index: number; body: Record<string, unknown> }[] = [];
      for (const [index, s] of shipments.entries()) {
        try {
          sent.push({ index, body: dhlShipmentOf(s, account.billingNumber, shipDate) });
          outcomes.push(null);
        } catch (error) {
          if (!(error instanceof NotForDhl)) throw error;
          outcomes.push({ kind: 'refused', error: error.message });
        }
      }

      // Validation buys nothing, so whatever goes wrong with it, nothing needs looking up.
      if (account.validateFirst && sent.length > 0) {
        const checked = await postOrders(sent, true);
        sent = sent.filter((entry, i) => {
          const item = Array.isArray(checked) ? checked[i] : undefined;
          if (item?.sstatus?.statusCode === 200) return true;
          outcomes[entry.index] = Array.isArray(checked)
            ? refusal(item ?? {})
            : { kind: 'refused', error: checked.error };
          return false;
        });
      }
      if (sent.length === 0) return outcomes as LabelOutcome[];

      const answer = await postOrders(sent, false);
      for (const [i, entry] of sent.entries()) {
        outcomes[entry.index] = Array.isArray(answer) ? await outcomeOf(answer[i]) : answer;
      }
      return outcomes as LabelOutcome[];
    },

    async create(shipment: Shipment): Promise<CreatedLabel> {
      const [outcome] = await adapter.createMany!([shipment]);
      if (outcome?.kind === 'bought') return outcome.label;
      throw new CarrierError(outcome?.error ?? 'DHL did not answer.', { mayHaveBought: outcome?.kind !== 'refused' });
    },

    async lookup(idempotencyKey: string): Promise<CreatedLabel | null> {
      const reply = await dhlCall(
        account,
        'GET',
        `/orders?refNo=${encodeURIComponent(idempotencyKey)}&${docs}`,
        undefined,
        http,
      );
      if (reply.status === 404) return null;
      const label = reply.status === 200 ? await labelOf(itemsOf(reply.body)[0] ?? {}) : null;
      if (!label) {
        throw new CarrierError(
          `DHL cannot say whether it made the label with reference ${idempotencyKey}; look the reference up in the DHL business portal, and cancel that order's label there or retry it here.`,
          { httpStatus: reply.status },
        );
      }
      return label;
    },

    reprint: (trackingNumber, format) => reprint(trackingNumber, format === 'zpl' ? 'ZPL2' : 'PDF'),

    track: (trackingNumber) => trackDhlParcel(account, trackingNumber, http),

    async void(trackingNumber: string): Promise<void> {
      const query = `profile=${encodeURIComponent(account.profile)}&shipment=${encodeURIComponent(trackingNumber)}`;
      const reply = await dhlCall(account, 'DELETE', `/orders?${query}`, undefined, http);
      const item = itemsOf(reply.body)[0];
      if (reply.status !== 200 || item?.sstatus?.statusCode !== 200) {
        throw new CarrierError(
          `DHL did not cancel shipment ${trackingNumber}: ${String(item?.sstatus?.detail ?? problemDetail(reply.body) ?? reply.status).replace(/\.$/, '')}.`,
          { httpStatus: reply.status },
        );
      }
    },
  };
  return adapter;
}

function refusal(item: DhlItem): LabelOutcome {
  const why =
    validationWords(item.validationMessages) ?? item.sstatus?.detail ?? item.sstatus?.title ?? 'no reason given';
  return { kind: 'refused', error: `DHL refused the label: ${why}${why.endsWith('.') ? '' : '.'}` };
}

function itemsOf(body: unknown): DhlItem[] {
  if (typeof body !== 'object' || body === null || !('items' in body)) return [];
  const items = (body as { items: unknown }).items;
  return Array.isArray(items) ? (items as DhlItem[]) : [];
}
