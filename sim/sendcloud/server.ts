/**
 * Sendcloud API v3 as it looks from outside, on node:http bound to 127.0.0.1: POST
 * /shipments/announce (one shipment, synchronous, 201 with its parcel and tracking number),
 * GET /shipments?external_reference_id=|tracking_number=, POST /shipments/{id}/cancel and
 * GET /parcels/{id}/documents/label (PDF or ZPL by Accept) and GET /parcels/tracking/{tracking_number}
 * (the timeline a test moves on with advanceTracking), behind HTTP Basic with the public and
 * secret key. `external_reference_id` is unique as Sendcloud documents it: a repeat is answered 409
 * with the shipment already made. It counts the shipments created per external reference, so tests
 * can prove none is bought twice, and can be told to misbehave: reject a postcode, answer 429 with
 * Retry-After, create a shipment and never answer, hold an announcement before making it, go away,
 * or be slow. Given `writeLimits`, it keeps Sendcloud's write rate limits as the real one does:
 * a write (POST) above any of them is answered 429 with Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { labelDocument } from '../dhl/label-document';
import { checkShipment } from './shipment-check';
import type { ScError, ScShipmentRequest, SimShipment, SimTrackingEvent } from './types';
import { createRequestHold } from '../request-hold';
import { listenOnLoopback, parseJson, readBody, stopServer } from '../sim-http';

export const SENDCLOUD_API_PATH = '/api/v3';

export interface SendcloudSimOptions {
  /** 0 or absent: a free port. */
  port?: number;
  publicKey: string;
  secretKey: string;
  /** Runs after a shipment is created and before Sendcloud answers: where a test kills its client. */
  onCreated?: (created: SimShipment) => void;
  /** At most `count` writes in any `ms` (Sendcloud: 100 a minute and 15 a second); tests scale them down. */
  writeLimits?: readonly WriteLimit[];
}

export interface WriteLimit {
  count: number;
  ms: number;
}

export interface SendcloudMisbehaviour {
  /** Every call waits this long before it is handled. */
  latencyMs: number;
  /** Shipments to this recipient postcode are refused (400, pointer /to_address/postal_code). */
  rejectPostcode(postcode: string): void;
  /** The next `n` calls get 429 Too Many Requests with Retry-After. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /**
   * The next `n` announcements are handled (the shipment made, or a repeated reference found) and
   * then never answered: the client times out not knowing whether it has paid.
   */
  hangAfterCreateNext(n: number): void;
  /**
   * From now on, announcements wait before anything is made until `release`: the purchase is at
   * Sendcloud, undecided, so a lookup of its reference meanwhile finds nothing. `arrived` settles
   * when the first one waits.
   */
  holdPurchases(): { arrived: Promise<void>; release(): void };
  /** Stops listening: connections are refused until comeBack(). */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
}

export interface SendcloudSim {
  /** The API base, e.g. http://127.0.0.1:43210/api/v3 */
  url: string;
  port: number;
  misbehave: SendcloudMisbehaviour;
  /**
   * `writes`: when each write within the limits arrived (ms on the simulator's clock, oldest
   * first); `throttled`: writes answered 429 for going over them; `peakOpen`: the most requests
   * handled at one time.
   */
  requests: {
    total: number;
    announces: number;
    byPath: Record<string, number>;
    writes: number[];
    throttled: number;
    peakOpen: number;
  };
  /** How many shipments were ever created under this external reference (cancelled ones included). */
  createdFor(reference: string): number;
  shipments(): readonly SimShipment[];
  /** The carrier reports the parcel moved on: one event more on its timeline (now, unless `at` is given). */
  advanceTracking(trackingNumber: string, event: TrackingStep): void;
  close(): Promise<void>;
}

export interface TrackingStep {
  phase: string;
  description: string;
  parentStatus: string;
  exception?: string;
  city?: string;
  country?: string;
  at?: Date;
}

export async function startSendcloudSim(opts: SendcloudSimOptions): Promise<SendcloudSim> {
  const shipments: SimShipment[] = [];
  const createdPerReference = new Map<string, number>();
  const postcodes = new Set<string>();
  const rateLimits: number[] = [];
  let hangs = 0;
  let serial = 0;
  const requests: SendcloudSim['requests'] = {
    total: 0,
    announces: 0,
    byPath: {},
    writes: [],
    throttled: 0,
    peakOpen: 0,
  };
  const purchases = createRequestHold();
  let open = 0;

  const server = createServer((req, res) => {
    open++;
    requests.peakOpen = Math.max(requests.peakOpen, open);
    res.once('close', () => open--);
    handle(req, res).catch((error: unknown) => {
      // A bug in the simulator must show in the test that hit it, not hang it.
      if (res.headersSent) res.destroy();
      else sendErrors(res, 500, [{ status: '500', code: 'server_error', detail: String(error) }]);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith(SENDCLOUD_API_PATH) ? url.pathname.slice(SENDCLOUD_API_PATH.length) : '';
    requests.total++;
    const route = `${method} ${path.replace(/\/[0-9a-f-]{6,}(?=\/|$)/g, '/{id}')}`;
    requests.byPath[route] = (requests.byPath[route] ?? 0) + 1;
    const bodyText = await readBody(req);
    const overLimit = method === 'POST' ? writeRefused() : null;
    if (overLimit !== null) {
      requests.throttled++;
      res.setHeader('Retry-After', String(overLimit));
      return sendErrors(res, 429, [
        {
          status: '429',
          code: 'throttled',
          detail: `Request was throttled. Expected available in ${overLimit} seconds.`,
        },
      ]);
    }
    if (misbehave.latencyMs > 0) await sleep(misbehave.latencyMs);

    const retryAfter = rateLimits.shift();
    if (retryAfter !== undefined) {
      res.setHeader('Retry-After', String(retryAfter));
      return sendErrors(res, 429, [
        {
          status: '429',
          code: 'throttled',
          detail: `Request was throttled. Expected available in ${retryAfter} seconds.`,
        },
      ]);
    }
    if (!authorized(req)) {
      return sendErrors(res, 401, [
        { status: '401', code: 'authentication_failed', detail: 'Invalid username/password.' },
      ]);
    }

    if (method === 'POST' && path === '/shipments/announce') {
      await purchases.pass();
      return announce(req, res, bodyText);
    }
    if (method === 'GET' && path === '/shipments') return list(res, url);
    const cancel = /^\/shipments\/([^/]+)\/cancel$/.exec(path);
    if (method === 'POST' && cancel) return cancelShipment(res, cancel[1]!);
    const tracking = /^\/parcels\/tracking\/([^/]+)$/.exec(path);
    if (method === 'GET' && tracking) return sendTracking(res, decodeURIComponent(tracking[1]!));
    const label = /^\/parcels\/(\d+)\/documents\/label$/.exec(path);
    if (method === 'GET' && label) return sendLabel(req, res, Number(label[1]));
    return sendErrors(res, 404, [{ status: '404', code: 'not_found', detail: 'Not found.' }]);
  }

  /** Null when this write is within every limit (and counts from now on), else the seconds to wait. */
  function writeRefused(): number | null {
    const now = performance.now();
    let waitMs = 0;
    for (const limit of opts.writeLimits ?? []) {
      const inWindow = requests.writes.filter((at) => at > now - limit.ms);
      if (inWindow.length >= limit.count) waitMs = Math.max(waitMs, inWindow[0]! + limit.ms - now);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    requests.writes.push(now);
    return null;
  }

  function authorized(req: IncomingMessage): boolean {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [user, ...rest] = Buffer.from(basic?.[1] ?? '', 'base64')
      .toString('utf8')
      .split(':');
    return Boolean(basic) && user === opts.publicKey && rest.join(':') === opts.secretKey;
  }

  function announce(req: IncomingMessage, res: ServerResponse, bodyText: string): void {
    requests.announces++;
    const body = parseJson(bodyText) as ScShipmentRequest | undefined;
    if (typeof body !== 'object' || body === null) {
      return sendErrors(res, 400, [{ status: '400', code: 'parse_error', detail: 'JSON parse error.' }]);
    }
    const reference = body.external_reference_id ?? null;
    const seen = reference === null ? undefined : shipments.find((s) => s.externalReference === reference);
    if (seen) {
      if (hang(req)) return;
      return sendJson(res, 409, {
        data: view(seen),
        errors: [
          {
            status: '409',
            code: 'duplicate',
            detail: `A shipment with external_reference_id ${reference} already exists.`,
            source: { pointer: '/external_reference_id' },
          },
        ],
      });
    }
    const errors = checkShipment(body, { postcodes });
    if (errors.length > 0) return sendErrors(res, 400, errors);

    serial++;
    const shipment: SimShipment = {
      id: randomUUID(),
      parcelId: 383_700_000 + serial,
      trackingNumber: `3SPDSC${String(serial).padStart(9, '0')}`,
      externalReference: reference,
      orderNumber: body.order_number ?? '',
      shippingOption: body.ship_with?.properties?.shipping_option_code ?? '',
      toAddress: body.to_address ?? {},
      fromAddress: body.from_address ?? {},
      cancelled: false,
      createdAt: new Date(),
      events: [],
    };
    shipment.events.push(
      trackingEvent(shipment.createdAt, {
        phase: 'announced',
        description: 'The shipping label has been announced at the carrier.',
        parentStatus: 'Announced',
      }),
    );
    shipments.push(shipment);
    if (reference !== null) createdPerReference.set(reference, (createdPerReference.get(reference) ?? 0) + 1);
    opts.onCreated?.(shipment);
    if (hang(req)) return;
    sendJson(res, 201, { data: view(shipment) });
  }

  /** True when this answer is to be withheld (hangAfterCreateNext). */
  function hang(req: IncomingMessage): boolean {
    if (hangs === 0) return false;
    hangs--;
    req.socket.setTimeout(0);
    return true;
  }

  function list(res: ServerResponse, url: URL): void {
    const reference = url.searchParams.get('external_reference_id');
    const tracking = url.searchParams.get('tracking_number');
    const found = shipments.filter(
      (s) =>
        (reference === null || s.externalReference === reference) &&
        (tracking === null || s.trackingNumber === tracking),
    );
    const size = Number(url.searchParams.get('page_size') ?? 40);
    sendJson(res, 200, { data: found.slice(0, size).map(view) });
  }

  function cancelShipment(res: ServerResponse, id: string): void {
    const shipment = shipments.find((s) => s.id === id);
    if (!shipment) return sendErrors(res, 404, [{ status: '404', code: 'not_found', detail: 'Not found' }]);
    if (shipment.cancelled) {
      return sendErrors(res, 409, [
        { status: '409', code: 'invalid', detail: 'This shipment is already being cancelled.' },
      ]);
    }
    shipment.cancelled = true;
    shipment.events.push(
      trackingEvent(new Date(), {
        phase: 'cancelled',
        description: 'The label was cancelled.',
        parentStatus: 'Cancelled',
      }),
    );
    sendJson(res, 200, { data: { status: 'cancelled', message: 'Shipment has been cancelled' } });
  }

  async function sendLabel(req: IncomingMessage, res: ServerResponse, parcelId: number): Promise<void> {
    const s = shipments.find((x) => x.parcelId === parcelId);
    if (!s) {
      return sendJson(res, 404, {
        error: {
          code: 404,
          request: `api/v3/parcels/${parcelId}/documents/label`,
          message: 'No Parcel matches the given query.',
        },
      });
    }
    const zpl = (req.headers.accept ?? '').includes('application/zpl');
    const facts = {
      shipmentNo: s.trackingNumber,
      product: s.shippingOption,
      routingCode: '',
      consignee: {
        name1: s.toAddress.name ?? '',
        addressStreet: s.toAddress.address_line_1 ?? '',
        postalCode: s.toAddress.postal_code ?? '',
        city: s.toAddress.city ?? '',
        country: s.toAddress.country_code ?? '',
      },
    };
    const label = await labelDocument(facts, zpl ? 'ZPL2' : 'PDF');
    const bytes = label.b64 ? Buffer.from(label.b64, 'base64') : Buffer.from(label.zpl2 ?? '', 'utf8');
    res.writeHead(200, {
      'Content-Type': zpl ? 'application/zpl' : 'application/pdf',
      'Content-Length': bytes.length,
    });
    res.end(bytes);
  }

  function sendTracking(res: ServerResponse, trackingNumber: string): void {
    const s = shipments.find((x) => x.trackingNumber === trackingNumber);
    if (!s) {
      return sendErrors(res, 404, [
        { status: '404', code: 'not_found', detail: `No parcel with tracking number ${trackingNumber}.` },
      ]);
    }
    sendJson(res, 200, {
      data: {
        tracking_number: s.trackingNumber,
        carrier_code: s.shippingOption.split(':')[0],
        created_at: s.createdAt.toISOString(),
        announced_at: s.createdAt.toISOString(),
        updated_at: s.events.at(-1)!.timestamp,
        parent_status: s.events.at(-1)!.parentStatus,
        events: s.events.map((e) => ({
          event_type: 'carrier',
          timestamp: e.timestamp,
          phase: e.phase,
          exception: e.exception,
          description: e.description,
          location_details: { city: e.city, country: e.country },
        })),
      },
    });
  }

  function view(s: SimShipment): Record<string, unknown> {
    return {
      id: s.id,
      external_reference_id: s.externalReference,
      order_number: s.orderNumber,
      ship_with: { type: 'shipping_option_code', properties: { shipping_option_code: s.shippingOption } },
      from_address: s.fromAddress,
      to_address: s.toAddress,
      parcels: [
        {
          id: s.parcelId,
          status: s.cancelled
            ? { code: 'CANCELLED', message: 'Cancelled' }
            : { code: 'READY_TO_SEND', message: 'Ready to send' },
          tracking_number: s.trackingNumber,
          documents: [
            { type: 'label', size: 'a6', link: `${base}${SENDCLOUD_API_PATH}/parcels/${s.parcelId}/documents/label` },
          ],
        },
      ],
      carrier: { code: s.shippingOption.split(':')[0], name: s.shippingOption.split(':')[0] },
      errors: [],
    };
  }

  const misbehave: SendcloudMisbehaviour = {
    latencyMs: 0,
    rejectPostcode: (postcode) => void postcodes.add(postcode),
    rateLimitNext: (n, seconds) => rateLimits.push(...Array.from({ length: n }, () => seconds)),
    hangAfterCreateNext: (n) => {
      hangs += n;
    },
    holdPurchases: () => purchases.hold(),
    goAway: () => stopServer(server),
    comeBack: () => listenOnLoopback(server, port),
  };

  await listenOnLoopback(server, opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}${SENDCLOUD_API_PATH}`,
    port,
    misbehave,
    requests,
    createdFor: (reference) => createdPerReference.get(reference) ?? 0,
    shipments: () => [...shipments],
    advanceTracking: (trackingNumber, step) => {
      const s = shipments.find((x) => x.trackingNumber === trackingNumber);
      if (!s) throw new Error(`The Sendcloud simulator made no parcel ${trackingNumber}.`);
      s.events.push(trackingEvent(step.at ?? new Date(), step));
    },
    close: () => (server.listening ? stopServer(server) : Promise.resolve()),
  };
}

function trackingEvent(at: Date, step: Omit<TrackingStep, 'at'>): SimTrackingEvent {
  return {
    timestamp: at.toISOString(),
    phase: step.phase,
    exception: step.exception ?? 'none',
    description: step.description,
    parentStatus: step.parentStatus,
    city: step.city ?? null,
    country: step.country ?? null,
  };
}

function sendErrors(res: ServerResponse, status: number, errors: ScError[]): void {
  sendJson(res, status, { errors });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
  res.end(bytes);
}
