/**
 * DHL Parcel DE Shipping API v2 as it looks from outside, on node:http bound to 127.0.0.1:
 * POST /orders (validate, includeDocs, docFormat; 1..30 shipments; 200 for one, 207 for several,
 * 400 when none could be made, items in request order), GET /orders?shipment= (reprint),
 * DELETE /orders?profile=&shipment= (void), behind the gateway's `dhl-api-key` header plus HTTP
 * Basic; and, beside it on the same origin as at api-eu.dhl.com, the Shipment Tracking – Unified
 * API's GET /track/shipments?trackingNumber= behind the `DHL-API-Key` header alone, which knows the
 * shipments made here (pre-transit when made, moved on by a test with advanceTracking) and answers
 * 404 problem+json for any other number. It counts the shipments it has created per refNo, so
 * tests can prove none is bought twice, and can be told to misbehave: reject an address, answer
 * 429, create and then never answer (or answer only when the test says so), hold a purchase before
 * making it, go away, or be slow; the 429s, going away and slowness reach tracking too.
 *
 * refNo: DHL documents no lookup by refNo and does not say whether it refuses a refNo it has seen.
 * The simulator can play every reading: `duplicateRefNo` 'allow' (a second purchase, the dangerous
 * reading and the default), 'replay' (answers with the shipment already made) or 'refuse' (a
 * validation message naming that shipment); and `lookupByRefNo` turns on `GET /orders?refNo=`, an
 * extension of ours standing in for "ask DHL what was bought under this reference" (when off, that
 * call is refused with 400 as the real API refuses a GET without `shipment`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { labelDocument, type DocFormat } from './label-document';
import { PROBLEM_JSON, statusOf, unauthorized } from './problem';
import { checkShipment } from './shipment-check';
import {
  DHL_PRODUCTS,
  type DhlItem,
  type DhlOrdersAnswer,
  type DhlShipmentRequest,
  type DhlTrackingStatus,
  type SimShipment,
} from './types';
import { createRequestHold } from '../request-hold';
import { listenOnLoopback, parseJson, readBody, stopServer } from '../sim-http';

export const DHL_API_PATH = '/parcel/de/shipping/v2';
export const DHL_TRACKING_PATH = '/track/shipments';
const MAX_SHIPMENTS = 30;

export interface DhlSimOptions {
  /** 0 or absent: a free port. */
  port?: number;
  apiKey: string;
  username: string;
  password: string;
  duplicateRefNo?: 'allow' | 'replay' | 'refuse';
  lookupByRefNo?: boolean;
  /** Runs after shipments are created and before DHL answers: where a test kills its client. */
  onCreated?: (created: readonly SimShipment[]) => void;
}

export interface DhlMisbehaviour {
  /** Every call waits this long before it is handled. */
  latencyMs: number;
  /** Shipments to this consignee postcode are refused with a validation message. */
  rejectPostcode(postcode: string): void;
  /** Shipments to this consignee street (addressStreet, exactly) are refused. */
  rejectStreet(street: string): void;
  /** The next `n` calls get 429 Too Many Requests, with Retry-After when seconds are given. */
  rateLimitNext(n: number, retryAfterSeconds?: number): void;
  /** The next `n` POST /orders create their shipments and then never answer. */
  hangAfterCreateNext(n: number): void;
  /**
   * From now on, POST /orders create their shipments and then wait to answer until the function
   * this returns is called: a request stays in flight for exactly as long as a test needs.
   */
  holdAnswers(): () => void;
  /**
   * From now on, POST /orders wait before anything is made until `release`: the purchase is at
   * DHL, undecided, so a lookup of its refNo meanwhile finds nothing. `arrived` settles when the
   * first one waits.
   */
  holdPurchases(): { arrived: Promise<void>; release(): void };
  /** Stops listening: connections are refused until comeBack(). */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
}

export interface DhlSim {
  /** The API base, e.g. http://127.0.0.1:43210/parcel/de/shipping/v2 */
  url: string;
  port: number;
  misbehave: DhlMisbehaviour;
  /** `peakOpen`: the most requests DHL was handling at one time (a hung one counts until the client gives up). */
  requests: { total: number; byMethod: Record<string, number>; shipmentsPerPost: number[]; peakOpen: number };
  /** How many shipments were ever created under this refNo (voided ones included). */
  createdFor(refNo: string): number;
  shipments(): readonly SimShipment[];
  /** DHL's tracking reports the shipment moved on: one status more on its way (now, unless `at` is given). */
  advanceTracking(shipmentNo: string, step: DhlTrackingStep): void;
  close(): Promise<void>;
}

export interface DhlTrackingStep {
  statusCode: DhlTrackingStatus['statusCode'];
  description: string;
  city?: string;
  at?: Date;
  /** From now on the shipment is on its way back to the sender (DHL's `returnFlag`). */
  returned?: boolean;
}

interface State {
  byNumber: Map<string, SimShipment>;
  createdPerRefNo: Map<string, number>;
  serial: number;
  postcodes: Set<string>;
  streets: Set<string>;
  /** Retry-After seconds of each 429 to come; null: none given. */
  rateLimits: (number | null)[];
  hangs: number;
  open: number;
}

export async function startDhlSim(opts: DhlSimOptions): Promise<DhlSim> {
  const state: State = {
    byNumber: new Map(),
    createdPerRefNo: new Map(),
    serial: 0,
    postcodes: new Set(),
    streets: new Set(),
    rateLimits: [],
    hangs: 0,
    open: 0,
  };
  const answers = createRequestHold();
  const purchases = createRequestHold();
  const duplicateRefNo = opts.duplicateRefNo ?? 'allow';
  const requests: DhlSim['requests'] = { total: 0, byMethod: {}, shipmentsPerPost: [], peakOpen: 0 };

  const server = createServer((req, res) => {
    state.open++;
    requests.peakOpen = Math.max(requests.peakOpen, state.open);
    res.once('close', () => state.open--);
    handle(req, res).catch((error: unknown) => {
      // A bug in the simulator must show in the test that hit it, not hang it.
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { status: 500, title: 'Internal Server Error', detail: String(error) }, PROBLEM_JSON);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    requests.total++;
    requests.byMethod[method] = (requests.byMethod[method] ?? 0) + 1;
    const bodyText = await readBody(req);
    if (misbehave.latencyMs > 0) await sleep(misbehave.latencyMs);

    const retryAfter = state.rateLimits.shift();
    if (retryAfter !== undefined) {
      if (retryAfter !== null) res.setHeader('Retry-After', String(retryAfter));
      return sendJson(
        res,
        429,
        { status: 429, title: 'Too Many Requests', detail: 'Rate limit exceeded, try again later.' },
        PROBLEM_JSON,
      );
    }
    // Tracking is another API at DHL's gateway: its key alone opens it.
    const tracking = url.pathname === DHL_TRACKING_PATH;
    const refused = tracking ? keyProblem(req) : authProblem(req);
    if (refused) return sendJson(res, 401, unauthorized(refused), PROBLEM_JSON);
    if (tracking && method === 'GET') return sendTracking(res, url.searchParams.get('trackingNumber') ?? '');

    const labelMatch = /^\/labels\/(\d+)$/.exec(url.pathname.slice(DHL_API_PATH.length));
    if (method === 'GET' && url.pathname.startsWith(DHL_API_PATH) && labelMatch) {
      return sendLabelFile(res, labelMatch[1] ?? '', docFormatOf(url));
    }
    if (url.pathname !== `${DHL_API_PATH}/orders`) {
      return sendJson(res, 404, { status: 404, title: 'Not Found', detail: 'No such resource.' }, PROBLEM_JSON);
    }
    if (method === 'POST') return createOrders(req, res, url, bodyText);
    if (method === 'GET') return reprint(res, url);
    if (method === 'DELETE') return voidShipments(res, url);
    return sendJson(res, 405, { status: 405, title: 'Method Not Allowed' }, PROBLEM_JSON);
  }

  function keyProblem(req: IncomingMessage): string | null {
    return req.headers['dhl-api-key'] === opts.apiKey ? null : 'Unauthorized for given resource.';
  }

  function authProblem(req: IncomingMessage): string | null {
    const key = keyProblem(req);
    if (key) return key;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [user, ...rest] = Buffer.from(basic?.[1] ?? '', 'base64')
      .toString('utf8')
      .split(':');
    if (!basic || user !== opts.username || rest.join(':') !== opts.password) {
      return 'Unauthorized: the user name or password is wrong.';
    }
    return null;
  }

  async function createOrders(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string): Promise<void> {
    const body = parseJson(bodyText) as { profile?: unknown; shipments?: unknown } | undefined;
    const shipments = body?.shipments;
    if (!body || typeof body.profile !== 'string' || body.profile === '' || !Array.isArray(shipments)) {
      return badRequest(res, 'The request body must be JSON with a profile and a shipments array.');
    }
    if (shipments.length < 1 || shipments.length > MAX_SHIPMENTS) {
      return badRequest(res, `A request carries 1 to ${MAX_SHIPMENTS} shipments, not ${shipments.length}.`);
    }
    requests.shipmentsPerPost.push(shipments.length);
    const validateOnly = url.searchParams.get('validate') === 'true';
    const format = docFormatOf(url);
    const byUrl = url.searchParams.get('includeDocs') === 'URL';

    if (!validateOnly) await purchases.pass();
    const created: SimShipment[] = [];
    const items: DhlItem[] = [];
    for (const [index, raw] of (shipments as DhlShipmentRequest[]).entries()) {
      const s: DhlShipmentRequest = typeof raw === 'object' && raw !== null ? raw : {};
      const seen = s.refNo === undefined ? undefined : [...state.byNumber.values()].find((x) => x.refNo === s.refNo);
      if (seen && !validateOnly && duplicateRefNo === 'replay') {
        items.push(await okItem(seen, format, byUrl));
        continue;
      }
      const messages = checkShipment(s, index, { postcodes: state.postcodes, streets: state.streets });
      if (seen && duplicateRefNo === 'refuse') {
        messages.push({
          property: `shipments[${index}].refNo`,
          validationMessage: `A shipment with the reference number ${s.refNo} already exists: ${seen.shipmentNo}.`,
          validationState: 'Error',
        });
      }
      if (messages.length > 0) {
        items.push({ sstatus: statusOf(400), validationMessages: messages });
      } else if (validateOnly) {
        items.push({ sstatus: statusOf(200), validationMessages: [] });
      } else {
        const shipment = createShipment(s);
        created.push(shipment);
        items.push(await okItem(shipment, format, byUrl));
      }
    }
    if (created.length > 0) opts.onCreated?.(created);
    if (state.hangs > 0 && !validateOnly) {
      state.hangs--;
      // Bought, never answered: the client times out not knowing whether it has paid.
      req.socket.setTimeout(0);
      return;
    }
    await answers.pass();
    const failed = items.filter((i) => i.sstatus.statusCode !== 200).length;
    const code = failed === items.length ? 400 : items.length === 1 ? 200 : 207;
    const answer: DhlOrdersAnswer = { status: statusOf(code), items };
    return sendJson(res, code, answer, code === 400 ? PROBLEM_JSON : 'application/json');
  }

  function createShipment(s: DhlShipmentRequest): SimShipment {
    state.serial++;
    const shipment: SimShipment = {
      shipmentNo: `00340434${String(state.serial).padStart(12, '0')}`,
      refNo: s.refNo,
      product: DHL_PRODUCTS.find((p) => p === s.product) ?? 'V01PAK',
      consignee: s.consignee ?? {},
      createdAt: new Date(),
      voided: false,
      events: [],
      returned: false,
    };
    shipment.events.push(
      trackingStatus(shipment.createdAt, {
        statusCode: 'pre-transit',
        description: 'The instruction data for this shipment have been provided by the sender to DHL electronically',
      }),
    );
    state.byNumber.set(shipment.shipmentNo, shipment);
    if (s.refNo !== undefined) state.createdPerRefNo.set(s.refNo, (state.createdPerRefNo.get(s.refNo) ?? 0) + 1);
    return shipment;
  }

  async function okItem(s: SimShipment, format: DocFormat, byUrl: boolean): Promise<DhlItem> {
    const routingCode = `${s.consignee.postalCode ?? ''}+99000933090010`;
    const label = byUrl
      ? {
          url: `${base}${DHL_API_PATH}/labels/${s.shipmentNo}?docFormat=${format}`,
          fileFormat: format,
          printFormat: '910-300-700',
        }
      : await labelDocument(
          { shipmentNo: s.shipmentNo, product: s.product, routingCode, consignee: s.consignee },
          format,
        );
    return {
      shipmentNo: s.shipmentNo,
      ...(s.refNo === undefined ? {} : { shipmentRefNo: s.refNo }),
      routingCode,
      sstatus: statusOf(200),
      label,
      validationMessages: [],
    };
  }

  async function reprint(res: ServerResponse, url: URL): Promise<void> {
    const numbers = url.searchParams.getAll('shipment');
    const refNo = url.searchParams.get('refNo');
    const format = docFormatOf(url);
    let found: (SimShipment | undefined)[];
    if (numbers.length > 0) {
      found = numbers.map((n) => state.byNumber.get(n));
    } else if (refNo !== null && opts.lookupByRefNo) {
      found = [...state.byNumber.values()].filter((s) => s.refNo === refNo && !s.voided);
      if (found.length === 0) {
        return sendJson(
          res,
          404,
          { status: statusOf(404, `No shipment with the reference ${refNo}.`), items: [] },
          PROBLEM_JSON,
        );
      }
    } else {
      return badRequest(res, 'The query parameter shipment is required.');
    }
    const items = await Promise.all(
      found.map(async (s, i) =>
        s && !s.voided
          ? okItem(s, format, false)
          : { shipmentNo: numbers[i], sstatus: statusOf(400, 'The shipment number is unknown or was cancelled.') },
      ),
    );
    const failed = items.filter((i) => i.sstatus.statusCode !== 200).length;
    const code = failed === items.length ? 400 : items.length === 1 ? 200 : 207;
    return sendJson(res, code, { status: statusOf(code), items }, code === 400 ? PROBLEM_JSON : 'application/json');
  }

  function voidShipments(res: ServerResponse, url: URL): void {
    const numbers = url.searchParams.getAll('shipment');
    if (!url.searchParams.get('profile') || numbers.length === 0) {
      return badRequest(res, 'The query parameters profile and shipment are required.');
    }
    const items: DhlItem[] = numbers.map((n) => {
      const s = state.byNumber.get(n);
      if (!s || s.voided)
        return { shipmentNo: n, sstatus: statusOf(400, 'The shipment number is unknown or was already cancelled.') };
      s.voided = true;
      return { shipmentNo: n, sstatus: statusOf(200) };
    });
    const failed = items.filter((i) => i.sstatus.statusCode !== 200).length;
    const code = failed === items.length ? 400 : items.length === 1 ? 200 : 207;
    sendJson(res, code, { status: statusOf(code), items }, code === 400 ? PROBLEM_JSON : 'application/json');
  }

  async function sendLabelFile(res: ServerResponse, shipmentNo: string, format: DocFormat): Promise<void> {
    const s = state.byNumber.get(shipmentNo);
    if (!s) return sendJson(res, 404, { status: 404, title: 'Not Found' }, PROBLEM_JSON);
    const item = await okItem(s, format, false);
    const bytes = item.label?.b64 ? Buffer.from(item.label.b64, 'base64') : Buffer.from(item.label?.zpl2 ?? '', 'utf8');
    res.writeHead(200, {
      'Content-Type': format === 'PDF' ? 'application/pdf' : 'text/plain',
      'Content-Length': bytes.length,
    });
    res.end(bytes);
  }

  /** GET /track/shipments: the Unified API's answer, current status and events newest first, as DHL gives them. */
  function sendTracking(res: ServerResponse, trackingNumber: string): void {
    const s = state.byNumber.get(trackingNumber);
    if (!s) {
      return sendJson(
        res,
        404,
        { title: 'No result found', status: 404, detail: 'No shipment with given tracking number found.' },
        PROBLEM_JSON,
      );
    }
    sendJson(
      res,
      200,
      {
        shipments: [
          {
            id: s.shipmentNo,
            service: 'parcel-de',
            ...(s.returned ? { returnFlag: true } : {}),
            status: s.events.at(-1),
            details: { product: { productName: 'DHL PAKET (parcel)' } },
            events: [...s.events].reverse(),
          },
        ],
      },
      'application/json',
    );
  }

  function badRequest(res: ServerResponse, detail: string): void {
    sendJson(res, 400, { status: statusOf(400, detail), items: [] }, PROBLEM_JSON);
  }

  const misbehave: DhlMisbehaviour = {
    latencyMs: 0,
    rejectPostcode: (postcode) => void state.postcodes.add(postcode),
    rejectStreet: (street) => void state.streets.add(street),
    rateLimitNext: (n, seconds) => state.rateLimits.push(...Array.from({ length: n }, () => seconds ?? null)),
    hangAfterCreateNext: (n) => {
      state.hangs += n;
    },
    holdAnswers: () => answers.hold().release,
    holdPurchases: () => purchases.hold(),
    goAway: () => stopServer(server),
    comeBack: () => listenOnLoopback(server, port),
  };

  await listenOnLoopback(server, opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}${DHL_API_PATH}`,
    port,
    misbehave,
    requests,
    createdFor: (refNo) => state.createdPerRefNo.get(refNo) ?? 0,
    shipments: () => [...state.byNumber.values()],
    advanceTracking: (shipmentNo, step) => {
      const s = state.byNumber.get(shipmentNo);
      if (!s) throw new Error(`The DHL simulator made no shipment ${shipmentNo}.`);
      s.events.push(trackingStatus(step.at ?? new Date(), step));
      if (step.returned) s.returned = true;
    },
    close: () => (server.listening ? stopServer(server) : Promise.resolve()),
  };
}

/** DHL writes tracking times without an offset; the simulator writes its own clock's UTC time so. */
function trackingStatus(at: Date, step: Omit<DhlTrackingStep, 'at' | 'returned'>): DhlTrackingStatus {
  return {
    timestamp: at.toISOString().slice(0, 19),
    ...(step.city ? { location: { address: { addressLocality: step.city } } } : {}),
    statusCode: step.statusCode,
    status: step.description,
    description: step.description,
  };
}

function docFormatOf(url: URL): DocFormat {
  return url.searchParams.get('docFormat') === 'ZPL2' ? 'ZPL2' : 'PDF';
}

function sendJson(res: ServerResponse, status: number, payload: unknown, type: string): void {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, { 'Content-Type': `${type}; charset=UTF-8`, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}
