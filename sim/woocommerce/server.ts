/**
 * A WooCommerce shop as its REST API v3 looks from outside, bound to 127.0.0.1 only. Over plain
 * HTTP, like a real shop without TLS, it ignores HTTP Basic and wants one-legged OAuth 1.0a; given
 * a certificate it speaks HTTPS and takes HTTP Basic (or OAuth) as WooCommerce does. Requests pass
 * the stages WordPress runs, in its order: authentication, route, argument validation, permission,
 * handler. It can be told to misbehave the ways real shops and their hosts do, so tests prove what
 * a packer sees when the world breaks.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkBasicAuth, offersBasic } from './basic-auth-check';
import { createOAuthCheck } from './oauth-check';
import {
  matchKey,
  pageOfMatching,
  parseOrderListQuery,
  sortedOrders,
  withinDates,
  type OrderListQuery,
} from './order-query';
import { invalidParams, NO_ROUTE, notOneOf, restErrorBody, type WooRestError } from './rest-error';
import { wooDates } from './site-time';
import { WOO_ORDER_STATUSES, type WooOrder, type WooOrderNote, type WooOrderStatus, type WooTracking } from './types';
import { listenOnLoopback, parseJson, readBody, stopServer } from '../sim-http';

export interface WooSimOptions {
  /** 0 or absent: a free port. */
  port?: number;
  consumerKey: string;
  consumerSecret: string;
  orders: WooOrder[];
  /** Whether the Shipment Tracking extension is installed (default true). */
  shipmentTracking?: boolean;
  /**
   * With a token, `POST /__sim/control` (header `X-Sim-Control-Token`) takes `{"down": "503" | null}`
   * and `{"shipmentTracking": bool}`, and answers the state with the calls counted so far, so a
   * test can break (and count) a shop that runs inside another process.
   */
  controlToken?: string;
  /** A certificate (PEM) for 127.0.0.1: the shop then speaks HTTPS and its url starts with https://. */
  tls?: { key: string; cert: string };
}

/** How a shop is down: nothing listens on its port, or the host answers 503 to everything. */
export type WooDownMode = 'refuse' | '503';

/** An answer from in front of WordPress: a host's rate limit, a crashed PHP, a gateway. */
export type WooFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 | 504 };

export interface WooMisbehaviour {
  /** The next `n` requests get this answer instead of reaching the shop. */
  failNext(n: number, failure: WooFailure): void;
  /** Every answer waits this long first. */
  delayMs: number;
  /** The next order list page is cut off half way through its body (socket destroyed). */
  cutNextResponse(): void;
  /** The next successful answer has a PHP warning printed before its JSON, as a noisy plugin causes. */
  garbleNextResponse(): void;
  /**
   * From now on the shop sends `replacement` in place of this order, as a broken plugin filter
   * would. By default the order with `line_items` turned into the text "Array" (PHP's array-to-string).
   */
  malformOrder(id: number, replacement?: unknown): void;
}

export interface WooSimRequests {
  total: number;
  /** Requests per URL path (no query). */
  byPath: Record<string, number>;
  /** Requests per method and path, e.g. "POST /wp-json/wc/v3/orders/7/notes": what tests count writes by. */
  byCall: Record<string, number>;
  /** Requests that offered HTTP Basic (header, or consumer_key in the query) and ones with oauth_* parameters. */
  auth: { basic: number; oauth: number };
}

export interface WooSim {
  /** Base address of the site, e.g. http://127.0.0.1:43210; the API lives under /wp-json/wc/v3/. */
  url: string;
  port: number;
  requests: WooSimRequests;
  misbehave: WooMisbehaviour;
  /** Replaces every order as given (dates untouched) and forgets malformed ones. */
  setOrders(orders: WooOrder[]): void;
  /** Adds or replaces an order and stamps date_modified with now, as saving it in wp-admin does. */
  upsertOrder(order: WooOrder): WooOrder;
  getOrder(id: number): WooOrder | undefined;
  /**
   * Runs `edit` right after the `n`-th order list answer from now is sent, before the next request
   * is read: staff saving an order in wp-admin while a pull walks the pages.
   */
  afterListAnswer(n: number, edit: () => void): void;
  notes(orderId: number): WooOrderNote[];
  trackings(orderId: number): WooTracking[];
  /** Takes the shop down (or, with null, up again on the same port). */
  setDown(mode: WooDownMode | null): Promise<void>;
  setShipmentTracking(installed: boolean): void;
  close(): Promise<void>;
}

const API = '/wp-json/wc/v3';

type Route =
  | { name: 'list' }
  | { name: 'read'; id: number }
  | { name: 'update'; id: number }
  | { name: 'listNotes'; id: number }
  | { name: 'createNote'; id: number }
  | { name: 'listTrackings'; id: number }
  | { name: 'createTracking'; id: number };

interface Shop {
  orders: Map<number, WooOrder>;
  malformed: Map<number, unknown>;
  notes: Map<number, WooOrderNote[]>;
  lastNoteId: number;
  trackings: Map<number, WooTracking[]>;
  shipmentTracking: boolean;
  down: WooDownMode | null;
  failures: WooFailure[];
  cutNext: boolean;
  garbleNext: boolean;
  afterList: { left: number; edit: () => void } | null;
  /**
   * The last list query's orders sorted (before its date bounds), kept until an order changes:
   * paging through 20,000 orders would otherwise filter and sort them all for every page, where a
   * real shop walks an index.
   */
  matches: { key: string; orders: WooOrder[] } | null;
}

export async function startWooSim(opts: WooSimOptions): Promise<WooSim> {
  const shop: Shop = {
    orders: new Map(),
    malformed: new Map(),
    notes: new Map(),
    lastNoteId: 0,
    trackings: new Map(),
    shipmentTracking: opts.shipmentTracking ?? true,
    down: null,
    failures: [],
    cutNext: false,
    garbleNext: false,
    afterList: null,
    matches: null,
  };
  const setOrders = (orders: WooOrder[]): void => {
    shop.orders = new Map(orders.map((o) => [o.id, structuredClone(o)]));
    shop.malformed.clear();
    shop.matches = null;
  };
  const matching = (q: OrderListQuery): readonly WooOrder[] => {
    const key = matchKey(q);
    if (shop.matches?.key !== key) shop.matches = { key, orders: sortedOrders(shop.orders.values(), q) };
    return withinDates(shop.matches.orders, q);
  };
  setOrders(opts.orders);

  const requests: WooSimRequests = { total: 0, byPath: {}, byCall: {}, auth: { basic: 0, oauth: 0 } };
  const misbehave: WooMisbehaviour = {
    delayMs: 0,
    failNext: (n, failure) => shop.failures.push(...Array.from({ length: n }, () => failure)),
    cutNextResponse: () => {
      shop.cutNext = true;
    },
    garbleNextResponse: () => {
      shop.garbleNext = true;
    },
    malformOrder: (id, replacement) => {
      const order = shop.orders.get(id);
      if (!order) throw new Error(`The simulated shop has no order ${id} to break.`);
      shop.malformed.set(id, replacement === undefined ? { ...order, line_items: 'Array' } : replacement);
    },
  };
  const checkOAuth = createOAuthCheck(opts);

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the simulator must show in the test that hit it, not hang it.
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { code: 'sim_failure', message: String(error), data: { status: 500 } });
    });
  };
  const server = opts.tls ? createHttpsServer(opts.tls, onRequest) : createServer(onRequest);
  const scheme = opts.tls ? 'https' : 'http';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    requests.total++;
    requests.byPath[url.pathname] = (requests.byPath[url.pathname] ?? 0) + 1;
    const call = `${req.method ?? 'GET'} ${url.pathname}`;
    requests.byCall[call] = (requests.byCall[call] ?? 0) + 1;
    const bodyText = await readBody(req);
    if (url.pathname === CONTROL_PATH && opts.controlToken) return control(req, res, bodyText);
    if (shop.down === '503') return sendFailure(res, { status: 503 });
    if (misbehave.delayMs > 0) await sleep(misbehave.delayMs);

    const failure = shop.failures.shift();
    if (failure) return sendFailure(res, failure);

    // WordPress reads form bodies into $_POST and signs them with the query; a JSON body is not signed.
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const formPairs = isForm ? [...new URLSearchParams(bodyText)] : [];
    const offered = { query: [...url.searchParams, ...formPairs], authorization: req.headers.authorization };
    if (offersBasic(offered)) requests.auth.basic++;
    if (offered.query.some(([k]) => k.startsWith('oauth_')) || offered.authorization?.startsWith('OAuth ')) {
      requests.auth.oauth++;
    }
    // WooCommerce reads Basic only when is_ssl(); otherwise, or when Basic brings no known key, OAuth.
    const basic = opts.tls ? checkBasicAuth(opts, offered) : null;
    const auth =
      basic?.kind === 'authenticated' || basic?.kind === 'refused'
        ? basic
        : checkOAuth(
            {
              method: req.method ?? 'GET',
              baseUri: `${scheme}://${(req.headers.host ?? '').toLowerCase()}${url.pathname}`,
              ...offered,
            },
            Date.now(),
          );
    if (auth.kind === 'refused') return sendError(res, auth.error);

    const route = matchRoute(req.method ?? 'GET', url.pathname, shop.shipmentTracking);
    if (!route) return sendError(res, NO_ROUTE);

    let body: Record<string, unknown> = Object.fromEntries(formPairs);
    if (!isForm && bodyText.trim() !== '') {
      const parsed = parseJson(bodyText);
      if (parsed === undefined) {
        return sendError(res, { status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' });
      }
      if (isRecord(parsed)) body = parsed;
    }

    switch (route.name) {
      case 'list': {
        const parsed = parseOrderListQuery(url.searchParams);
        if ('error' in parsed) return sendError(res, parsed.error);
        if (auth.kind === 'anonymous') return sendError(res, cannot('view', 'Sorry, you cannot list resources.'));
        const page = pageOfMatching(matching(parsed.query), parsed.query);
        const headers: Record<string, string | string[]> = {
          'X-WP-Total': String(page.total),
          'X-WP-TotalPages': String(page.totalPages),
        };
        const links = pageLinks(url.searchParams, parsed.query.page, page.totalPages);
        if (links.length > 0) headers.Link = links;
        const payload = page.orders.map(present);
        if (shop.cutNext) {
          shop.cutNext = false;
          return sendCut(res, payload, headers);
        }
        sendJson(res, 200, payload, headers);
        if (shop.afterList && --shop.afterList.left === 0) {
          const { edit } = shop.afterList;
          shop.afterList = null;
          edit();
        }
        return;
      }
      case 'read': {
        if (auth.kind === 'anonymous') return sendError(res, cannot('view', 'Sorry, you cannot view this resource.'));
        const order = shop.orders.get(route.id);
        if (!order) return sendError(res, invalidOrderId(404));
        return sendJson(res, 200, present(order));
      }
      case 'update': {
        const status = body.status;
        if (status !== undefined && !isOrderStatus(status)) {
          return sendError(res, invalidParams({ status: notOneOf('status', WOO_ORDER_STATUSES) }));
        }
        if (auth.kind === 'anonymous') {
          return sendError(res, cannot('edit', 'Sorry, you are not allowed to edit this resource.'));
        }
        const order = shop.orders.get(route.id);
        // WooCommerce answers 400, not 404, when the order to update does not exist.
        if (!order) return sendError(res, invalidOrderId(400));
        if (status !== undefined) setStatus(order, status);
        shop.matches = null;
        return sendJson(res, 200, present(order));
      }
      case 'listNotes': {
        if (auth.kind === 'anonymous') return sendError(res, cannot('view', 'Sorry, you cannot list resources.'));
        if (!shop.orders.has(route.id)) return sendError(res, NO_SUCH_ORDER_FOR_NOTES);
        return sendJson(res, 200, shop.notes.get(route.id) ?? []);
      }
      case 'createNote': {
        if (typeof body.note !== 'string' || body.note === '') {
          return sendError(res, {
            status: 400,
            code: 'rest_missing_callback_param',
            message: 'Missing parameter(s): note',
            data: { params: ['note'] },
          });
        }
        const customerNote = asBoolean(body.customer_note ?? false);
        if (customerNote === null) {
          return sendError(
            res,
            invalidParams({
              customer_note: { code: 'rest_invalid_type', message: 'customer_note is not of type boolean.' },
            }),
          );
        }
        if (auth.kind === 'anonymous') {
          return sendError(res, cannot('create', 'Sorry, you are not allowed to create resources.'));
        }
        if (!shop.orders.has(route.id)) return sendError(res, NO_SUCH_ORDER_FOR_NOTES);
        const dates = wooDates(new Date());
        const note: WooOrderNote = {
          id: ++shop.lastNoteId,
          author: 'system',
          date_created: dates.local,
          date_created_gmt: dates.gmt,
          note: body.note,
          customer_note: customerNote,
        };
        shop.notes.set(route.id, [...(shop.notes.get(route.id) ?? []), note]);
        return sendJson(res, 201, note, { Location: `${base}${API}/orders/${route.id}/notes/${note.id}` });
      }
      case 'listTrackings': {
        if (auth.kind === 'anonymous') return sendError(res, cannot('view', 'Sorry, you cannot list resources.'));
        if (!shop.orders.has(route.id)) return sendError(res, NO_SUCH_ORDER_FOR_NOTES);
        return sendJson(res, 200, shop.trackings.get(route.id) ?? []);
      }
      case 'createTracking': {
        const parsed = parseTracking(body, base);
        if ('error' in parsed) return sendError(res, parsed.error);
        if (auth.kind === 'anonymous') {
          return sendError(res, cannot('create', 'Sorry, you are not allowed to create resources.'));
        }
        if (!shop.orders.has(route.id)) return sendError(res, NO_SUCH_ORDER_FOR_NOTES);
        shop.trackings.set(route.id, [...(shop.trackings.get(route.id) ?? []), parsed.tracking]);
        return sendJson(res, 201, parsed.tracking);
      }
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, bodyText: string): Promise<void> {
    if (req.method !== 'POST' || req.headers['x-sim-control-token'] !== opts.controlToken) {
      return sendJson(res, 403, { code: 'sim_forbidden', message: 'Wrong or missing control token.' });
    }
    const body = parseJson(bodyText);
    if (!isRecord(body)) return sendJson(res, 400, { code: 'sim_bad_control', message: 'Send a JSON object.' });
    if (body.down === '503' || body.down === null) await setDown(body.down);
    if (typeof body.shipmentTracking === 'boolean') shop.shipmentTracking = body.shipmentTracking;
    return sendJson(res, 200, { down: shop.down, shipmentTracking: shop.shipmentTracking, calls: requests.byCall });
  }

  async function setDown(mode: WooDownMode | null): Promise<void> {
    const wasListening = shop.down !== 'refuse';
    shop.down = mode;
    if (mode === 'refuse' && wasListening) {
      await stopServer(server);
    } else if (mode !== 'refuse' && !wasListening) {
      await listenOnLoopback(server, port);
    }
  }

  function present(order: WooOrder): unknown {
    if (shop.malformed.has(order.id)) return shop.malformed.get(order.id);
    return {
      ...order,
      _links: {
        self: [{ href: `${base}${API}/orders/${order.id}` }],
        collection: [{ href: `${base}${API}/orders` }],
      },
    };
  }

  function pageLinks(params: URLSearchParams, page: number, totalPages: number): string[] {
    // Real WooCommerce echoes every query argument, credentials included; the sim leaves those out.
    const kept = [...params].filter(([k]) => !k.startsWith('oauth_') && !k.startsWith('consumer_'));
    const link = (p: number, rel: string): string => {
      const q = new URLSearchParams(kept);
      q.set('page', String(p));
      return `<${base}${API}/orders?${q.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, totalPages), 'prev'));
    if (totalPages > page) links.push(link(page + 1, 'next'));
    return links;
  }

  function sendJson(
    res: ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string | string[]> = {},
  ): void {
    let text = JSON.stringify(payload);
    if (shop.garbleNext && status < 300) {
      shop.garbleNext = false;
      text = `${PHP_WARNING}${text}`;
    }
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': String(bytes.length),
    });
    res.end(bytes);
  }

  function sendError(res: ServerResponse, error: WooRestError): void {
    sendJson(res, error.status, restErrorBody(error));
  }

  await listenOnLoopback(server, opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const base = `${scheme}://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    requests,
    misbehave,
    setOrders,
    upsertOrder: (order) => {
      const dates = wooDates(new Date());
      const stored = { ...structuredClone(order), date_modified: dates.local, date_modified_gmt: dates.gmt };
      shop.orders.set(order.id, stored);
      shop.matches = null;
      return structuredClone(stored);
    },
    afterListAnswer: (n, edit) => {
      shop.afterList = { left: n, edit };
    },
    getOrder: (id) => {
      const order = shop.orders.get(id);
      return order && structuredClone(order);
    },
    notes: (orderId) => structuredClone(shop.notes.get(orderId) ?? []),
    trackings: (orderId) => structuredClone(shop.trackings.get(orderId) ?? []),
    setDown,
    setShipmentTracking: (installed) => {
      shop.shipmentTracking = installed;
    },
    close: async () => {
      if (shop.down !== 'refuse') await stopServer(server);
    },
  };
}

function matchRoute(method: string, path: string, shipmentTracking: boolean): Route | null {
  const t = /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/.exec(path);
  // Without the extension installed WordPress knows no such route.
  if (t) {
    if (!shipmentTracking) return null;
    if (method === 'GET') return { name: 'listTrackings', id: Number(t[1]) };
    return method === 'POST' ? { name: 'createTracking', id: Number(t[1]) } : null;
  }
  const m = /^\/wp-json\/wc\/v3\/orders(?:\/(\d+)(\/notes)?)?$/.exec(path);
  if (!m) return null;
  const id = m[1] === undefined ? null : Number(m[1]);
  const editing = ['POST', 'PUT', 'PATCH'].includes(method);
  if (id === null) return method === 'GET' ? { name: 'list' } : null;
  if (m[2]) {
    if (method === 'GET') return { name: 'listNotes', id };
    return method === 'POST' ? { name: 'createNote', id } : null;
  }
  if (method === 'GET') return { name: 'read', id };
  return editing ? { name: 'update', id } : null;
}

function setStatus(order: WooOrder, status: WooOrderStatus): void {
  const dates = wooDates(new Date());
  order.status = status;
  order.date_modified = dates.local;
  order.date_modified_gmt = dates.gmt;
  if (status === 'completed') {
    order.date_completed = dates.local;
    order.date_completed_gmt = dates.gmt;
  }
}

/** Logged out, WordPress answers 401 (rest_authorization_required_code) with the route's own words. */
function cannot(action: 'view' | 'edit' | 'create', message: string): WooRestError {
  return { status: 401, code: `woocommerce_rest_cannot_${action}`, message };
}

function invalidOrderId(status: 400 | 404): WooRestError {
  return { status, code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' };
}

const NO_SUCH_ORDER_FOR_NOTES: WooRestError = {
  status: 404,
  code: 'woocommerce_rest_order_invalid_id',
  message: 'Invalid order ID.',
};

const CONTROL_PATH = '/__sim/control';

/** Shipment Tracking's checks: a number, and a provider it knows or a custom one. */
function parseTracking(
  body: Record<string, unknown>,
  base: string,
): { tracking: WooTracking } | { error: WooRestError } {
  const number = body.tracking_number;
  if (typeof number !== 'string' || number.trim() === '') {
    return {
      error: {
        status: 400,
        code: 'rest_missing_callback_param',
        message: 'Missing parameter(s): tracking_number',
        data: { params: ['tracking_number'] },
      },
    };
  }
  const provider = typeof body.tracking_provider === 'string' ? body.tracking_provider : '';
  const custom = typeof body.custom_tracking_provider === 'string' ? body.custom_tracking_provider : '';
  if (provider === '' && custom === '') {
    return {
      error: {
        status: 400,
        code: 'woocommerce_shipment_tracking_missing_provider',
        message: 'Missing tracking provider.',
      },
    };
  }
  const link = typeof body.custom_tracking_link === 'string' ? body.custom_tracking_link : '';
  const shipped = typeof body.date_shipped === 'string' ? body.date_shipped : new Date().toISOString().slice(0, 10);
  return {
    tracking: {
      tracking_id: randomBytes(16).toString('hex'),
      tracking_provider: provider || custom,
      tracking_link: link || `${base}/track/${encodeURIComponent(number)}`,
      tracking_number: number,
      date_shipped: shipped,
    },
  };
}

const PHP_WARNING =
  '<br />\n<b>Warning</b>:  Undefined array key "shipping_phone" in ' +
  '<b>/var/www/html/wp-content/plugins/checkout-fields/includes/class-fields.php</b> on line <b>214</b><br />\n';

const CRITICAL_ERROR = {
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
};

/** A crashed PHP gives WordPress's JSON; a rate limit or gateway error comes from the web server as HTML. */
function sendFailure(res: ServerResponse, failure: WooFailure): void {
  if (failure.status === 500) {
    const text = JSON.stringify(CRITICAL_ERROR);
    res.writeHead(500, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  const title = `${failure.status} ${STATUS_CODES[failure.status] ?? ''}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(html),
  };
  if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(failure.retryAfterSeconds);
  }
  res.writeHead(failure.status, headers);
  res.end(html);
}

/** Announces the whole body, sends half, then drops the connection. */
function sendCut(res: ServerResponse, payload: unknown, headers: Record<string, string | string[]>): void {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': String(bytes.length),
  });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}

function isOrderStatus(value: unknown): value is WooOrderStatus {
  return WOO_ORDER_STATUSES.some((s) => s === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** WordPress's boolean coercion for arguments. */
function asBoolean(value: unknown): boolean | null {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return null;
}
