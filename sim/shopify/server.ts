/**
 * A Shopify store's Admin GraphQL API (one pinned version) on node:http, bound to 127.0.0.1. It
 * checks `X-Shopify-Access-Token`, meters every query against a leaky bucket and answers
 * THROTTLED (HTTP 200) when the bucket is short, pages orders with opaque cursors, and can be told
 * to misbehave. It is not a GraphQL engine: it recognises PackDesk's operations by name, reads
 * their variables, and answers the fields those operations select.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fulfillmentStore, type SimFulfillment } from './fulfillments';
import { leakyBucket, type ThrottleStatus } from './leaky-bucket';
import { cursorOf, parseSearch, selectPage } from './order-search';
import { legacyId, SHOPIFY_API_VERSION, type ShopifyOrder } from './types';
import { readBody } from '../sim-http';

export interface ShopifySimOptions {
  accessToken: string;
  orders: ShopifyOrder[];
  /** Bucket size and refill per second; Shopify's standard plan is 2000 and 100. */
  bucket?: { maximumAvailable: number; restoreRate: number };
  shopName?: string;
}

/**
 * What a failing request answers: Shopify's own 5xx pages, or the 429 with Retry-After that its
 * edge sends when an app floods it with requests (whatever the GraphQL bucket holds).
 */
export type ShopifyFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

export interface ShopifyMisbehaviour {
  /** The next `n` requests answer this failure. */
  failNext(n: number, failure: ShopifyFailure): void;
  /** Requests number `from` to `from + n - 1` (counting from 1 since start) answer this failure. */
  failFrom(from: number, n: number, failure: ShopifyFailure): void;
  /** The next `n` queries answer THROTTLED whatever the bucket holds. */
  throttleNext(n: number): void;
  /** Every answer waits this long first. */
  delayMs: number;
  /** The next orders page announces its whole body, sends half, and drops the connection. */
  cutNextResponse(): void;
  /** The next fulfillmentCreate is carried out, then its connection dropped before the answer. */
  loseNextFulfillmentAnswer(): void;
  /** From now on this order is sent as `replacement` (default: lineItems as a bare string). */
  malformOrder(id: number, replacement?: unknown): void;
}

export interface ShopifySim {
  /** The store's address, standing in for https://{shop}.myshopify.com. */
  url: string;
  requests: { total: number; throttled: number; operations: Record<string, number> };
  misbehave: ShopifyMisbehaviour;
  /** Adds or replaces an order and stamps updatedAt with now, as editing it in the admin does. */
  upsertOrder(order: ShopifyOrder): ShopifyOrder;
  getOrder(id: number): ShopifyOrder | undefined;
  /** The fulfillments made for an order (by its numeric id), oldest first. */
  fulfillments(orderId: number): SimFulfillment[];
  close(): Promise<void>;
}

const GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
const MAX_PAGE = 250;

/** What one order with its line items and fulfillment orders costs; a page costs 2 + first × this. */
const ORDER_COST = 3;
/** One order with its fulfillments and fulfillment orders; Shopify charges mutations 10. */
const FULFILLMENT_READ_COST = 4;
const MUTATION_COST = 10;

export async function startShopifySim(opts: ShopifySimOptions): Promise<ShopifySim> {
  const orders = new Map(opts.orders.map((o) => [legacyId(o.id), structuredClone(o)]));
  const malformed = new Map<number, unknown>();
  const failures: ShopifyFailure[] = [];
  const failuresAt = new Map<number, ShopifyFailure>();
  let throttles = 0;
  let cutNext = false;
  let loseFulfillment = false;
  const fulfillments = fulfillmentStore(orders);
  const bucket = leakyBucket(opts.bucket?.maximumAvailable ?? 2000, opts.bucket?.restoreRate ?? 100);
  const requests: ShopifySim['requests'] = { total: 0, throttled: 0, operations: {} };

  const misbehave: ShopifyMisbehaviour = {
    delayMs: 0,
    failNext: (n, failure) => failures.push(...Array.from({ length: n }, () => failure)),
    throttleNext: (n) => {
      throttles += n;
    },
    failFrom: (from, n, failure) => {
      for (let i = 0; i < n; i++) failuresAt.set(from + i, failure);
    },
    cutNextResponse: () => {
      cutNext = true;
    },
    loseNextFulfillmentAnswer: () => {
      loseFulfillment = true;
    },
    malformOrder: (id, replacement) => {
      const order = orders.get(id);
      if (!order) throw new Error(`The simulated store has no order ${id} to break.`);
      malformed.set(id, replacement === undefined ? { ...order, lineItems: 'Array' } : replacement);
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { errors: `simulator failure: ${String(error)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests.total++;
    const text = await readBody(req);
    if (misbehave.delayMs > 0) await sleep(misbehave.delayMs);
    const failure = failuresAt.get(requests.total) ?? failures.shift();
    if (failure !== undefined) return sendFailure(res, failure);

    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (!/^\/admin\/api\/[^/]+\/graphql\.json$/.test(path)) return send(res, 404, { errors: 'Not Found' });
    if (req.headers['x-shopify-access-token'] !== opts.accessToken) {
      return send(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
    // Shopify answers unsupported versions with the oldest supported one; a pinned client must not drift.
    if (path !== GRAPHQL_PATH) return send(res, 404, { errors: 'Not Found' });
    if (req.method !== 'POST') return send(res, 405, { errors: 'Method Not Allowed' });

    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return send(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
    }
    const query = typeof body.query === 'string' ? body.query : '';
    const operation = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
    const variables = (typeof body.variables === 'object' && body.variables !== null ? body.variables : {}) as Record<
      string,
      unknown
    >;
    requests.operations[operation] = (requests.operations[operation] ?? 0) + 1;

    if (operation === 'PackDeskShop') {
      const metered = meter(1, 1);
      if (!metered.ok) return sendThrottled(res, 1, metered.status);
      return sendData(res, { shop: { name: opts.shopName ?? 'Sim Store', currencyCode: 'EUR' } }, 1, metered.status);
    }
    if (operation === 'PackDeskFulfillmentOrders') {
      const metered = meter(FULFILLMENT_READ_COST, FULFILLMENT_READ_COST);
      if (!metered.ok) return sendThrottled(res, FULFILLMENT_READ_COST, metered.status);
      return sendData(res, { order: fulfillments.orderNode(variables.id) }, FULFILLMENT_READ_COST, metered.status);
    }
    if (operation === 'PackDeskFulfillmentCreate') {
      const metered = meter(MUTATION_COST, MUTATION_COST);
      if (!metered.ok) return sendThrottled(res, MUTATION_COST, metered.status);
      const data = { fulfillmentCreate: fulfillments.create(variables.fulfillment) };
      if (loseFulfillment) {
        loseFulfillment = false;
        res.destroy();
        return;
      }
      return sendData(res, data, MUTATION_COST, metered.status);
    }
    if (operation !== 'PackDeskOrders') {
      return send(res, 200, {
        errors: [
          {
            message: `The simulator does not know the operation "${operation}".`,
            extensions: { code: 'undefinedOperation' },
          },
        ],
      });
    }

    const first = variables.first;
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      return send(res, 200, {
        errors: [
          {
            message: `The first argument must be between 1 and ${MAX_PAGE}.`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
    const requested = 2 + first * ORDER_COST;
    const filter = parseSearch(typeof variables.query === 'string' ? variables.query : null);
    if ('error' in filter) return sendGraphqlError(res, filter.error);
    const after = typeof variables.after === 'string' ? variables.after : null;
    const page = selectPage(orders.values(), filter, first, after);
    if ('error' in page) return sendGraphqlError(res, page.error);

    const actual = 2 + page.nodes.length * ORDER_COST;
    const metered = meter(requested, actual);
    if (!metered.ok) return sendThrottled(res, requested, metered.status);
    const last = page.nodes.at(-1);
    const data = {
      orders: {
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? cursorOf(last) : null },
        nodes: page.nodes.map((o) => malformed.get(legacyId(o.id)) ?? o),
      },
    };
    if (cutNext) {
      cutNext = false;
      return sendCut(res, { data, extensions: costOf(requested, actual, metered.status) });
    }
    return sendData(res, data, requested, metered.status, actual);
  }

  /** Shopify checks the requested cost against the bucket, then refunds what the answer did not use. */
  function meter(requested: number, actual: number): { ok: boolean; status: ThrottleStatus } {
    if (throttles > 0) {
      throttles--;
      requests.throttled++;
      return { ok: false, status: bucket.take(0, Date.now()).status };
    }
    const taken = bucket.take(requested, Date.now());
    if (!taken.ok) {
      requests.throttled++;
      return taken;
    }
    const refunded = bucket.take(actual - requested, Date.now());
    return { ok: true, status: refunded.status };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    misbehave,
    upsertOrder: (order) => {
      const stored = { ...structuredClone(order), updatedAt: new Date().toISOString() };
      orders.set(legacyId(order.id), stored);
      malformed.delete(legacyId(order.id));
      return structuredClone(stored);
    },
    fulfillments: (orderId) => fulfillments.of(orderId),
    getOrder: (id) => {
      const o = orders.get(id);
      return o && structuredClone(o);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function costOf(requested: number, actual: number | null, throttleStatus: ThrottleStatus) {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus } };
}

function sendData(res: ServerResponse, data: unknown, requested: number, status: ThrottleStatus, actual = requested) {
  send(res, 200, { data, extensions: costOf(requested, actual, status) });
}

/** Shopify's throttle answer: HTTP 200, an error with code THROTTLED, and the bucket as it is. */
function sendThrottled(res: ServerResponse, requested: number, status: ThrottleStatus): void {
  send(res, 200, {
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ],
    extensions: costOf(requested, null, status),
  });
}

function sendGraphqlError(res: ServerResponse, message: string): void {
  send(res, 200, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

function sendFailure(res: ServerResponse, failure: ShopifyFailure): void {
  if (failure.status === 429) {
    // As Shopify sends it: a JSON body, and Retry-After in seconds with a decimal point ("2.0").
    const errors = 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.';
    const bytes = Buffer.from(JSON.stringify({ errors }), 'utf8');
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': bytes.length,
    };
    if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = failure.retryAfterSeconds.toFixed(1);
    res.writeHead(429, headers);
    res.end(bytes);
    return;
  }
  const html = `<!DOCTYPE html><html><head><title>There was a problem loading this website</title></head><body><h1>There was a problem loading this website</h1><p>Error ${failure.status}</p></body></html>`;
  res.writeHead(failure.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

function sendCut(res: ServerResponse, payload: unknown): void {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}
