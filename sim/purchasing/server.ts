/**
 * The seed 004 purchasing server on node:http, bound to 127.0.0.1: Bearer token (401
 * `{"detail": "Invalid token"}`), `GET /api/aggregation/purchasing/` with the seed's filters,
 * `search` and `ordering` under DRF page-number paging (`count/next/previous/results`), detail,
 * PATCH (read-only fields ignored, a bad delivery_status refused as DRF does) and DELETE as a
 * soft delete. Tests lock records as another worker would and make it misbehave: 429 with
 * Retry-After, 5xx bursts, slow answers, a cut answer, a malformed record, a changed token.
 * It counts PATCHes, and PATCHes of a locked record, so tests can assert exactly-once and the lock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DELIVERY_STATUS_DISPLAY, type DeliveryStatus, type PurchaseOrder } from './types';
import { readBody } from '../sim-http';

export interface PurchasingSimOptions {
  token: string;
  orders: PurchaseOrder[];
}

export type PurchasingFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

export interface PurchasingSim {
  url: string;
  calls: { total: number; list: number; get: number; patch: number; patchWhileLocked: number };
  misbehave: {
    /** The next n requests fail this way, starting after `after` requests that are answered. */
    failNext(n: number, failure: PurchasingFailure, after?: number): void;
    delayMs: number;
    /** A list, detail or PATCH answer stops half-way (a PATCH is applied all the same): the next one, or the one after `after` others. */
    cutNextResponse(after?: number): void;
    /** The record is sent as `replacement` (default: a delivery_status the seed does not know and no items list). */
    malformRecord(id: number, replacement?: unknown): void;
    /** The server's token changes: PackDesk's stored one becomes wrong. */
    setToken(token: string): void;
  };
  /** Another worker takes (or, with null, lets go of) the record. */
  lock(id: number, worker: string | null): void;
  softDelete(id: number): void;
  /** The record as the server holds it now. */
  order(id: number): PurchaseOrder;
  /** Changes a record as the server side would (updated_at stamped now). */
  change(id: number, patch: Partial<PurchaseOrder>): void;
  close(): Promise<void>;
}

const PREFIX = '/api/aggregation/purchasing/';
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const STATUSES = Object.keys(DELIVERY_STATUS_DISPLAY) as DeliveryStatus[];
const EXACT_FILTERS = [
  'delivery_status',
  'payment_method',
  'order_number',
  'official_account',
  'tracking_number',
  'batch_encoding',
  'batch_level_1',
  'batch_level_2',
  'batch_level_3',
  'creation_source',
] as const;
const BOOLEAN_FILTERS = ['is_locked', 'is_deleted'] as const;
const SEARCH_FIELDS = ['uuid', 'order_number', 'tracking_number', 'account_used', 'batch_encoding'] as const;
const ORDERING_FIELDS = ['id', 'created_at', 'updated_at', 'shipped_at', 'order_number', 'delivery_status'] as const;
/** Fields a PATCH may change (the seed marks the others read-only). */
const WRITABLE = new Set([
  'order_number',
  'official_account',
  'batch_encoding',
  'batch_level_1',
  'batch_level_2',
  'batch_level_3',
  'confirmed_at',
  'shipped_at',
  'estimated_website_arrival_date',
  'estimated_website_arrival_date_2',
  'tracking_number',
  'estimated_delivery_date',
  'shipping_method',
  'official_query_url',
  'delivery_status',
  'latest_delivery_status',
  'delivery_status_query_time',
  'delivery_status_query_source',
  'last_info_updated_at',
  'account_used',
  'payment_method',
  'creation_source',
]);

const now = () => new Date().toISOString();

export async function startPurchasingSim(opts: PurchasingSimOptions): Promise<PurchasingSim> {
  const orders = new Map(opts.orders.map((o) => [o.id, structuredClone(o)]));
  const malformed = new Map<number, unknown>();
  // null: a request answered normally before a burst that starts later.
  const failures: (PurchasingFailure | null)[] = [];
  let token = opts.token;
  /** Answers to let through before the one that is cut; null: none is cut. */
  let cutIn: number | null = null;
  const calls = { total: 0, list: 0, get: 0, patch: 0, patchWhileLocked: 0 };
  const find = (id: number): PurchaseOrder => {
    const o = orders.get(id);
    if (!o) throw new Error(`The purchasing simulator has no order ${id}.`);
    return o;
  };
  const misbehave: PurchasingSim['misbehave'] = {
    delayMs: 0,
    failNext: (n, failure, after = 0) =>
      failures.push(...Array.from({ length: after }, () => null), ...Array.from({ length: n }, () => failure)),
    cutNextResponse: (after = 0) => {
      cutIn = after;
    },
    malformRecord: (id, replacement) => {
      const o = find(id);
      malformed.set(
        id,
        replacement === undefined ? { ...o, delivery_status: 'lost_at_sea', inventory_items: null } : replacement,
      );
    },
    setToken: (t) => {
      token = t;
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { detail: `Server error: ${String(error)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    calls.total++;
    const text = await readBody(req);
    if (misbehave.delayMs > 0) await sleep(misbehave.delayMs);
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = {};
      if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(failure.retryAfterSeconds);
      }
      const detail = failure.status === 429 ? 'Request was throttled.' : 'Server Error (500)';
      return send(res, failure.status, { detail }, headers);
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (!url.pathname.startsWith(PREFIX)) return send(res, 404, { detail: 'Not found.' });
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { detail: 'Invalid token' });

    const rest = url.pathname.slice(PREFIX.length);
    if (rest === '') {
      if (req.method !== 'GET') return send(res, 405, { detail: `Method "${req.method}" not allowed.` });
      calls.list++;
      return list(url, res);
    }
    const m = /^(\d+)\/$/.exec(rest);
    const order = m ? orders.get(Number(m[1])) : undefined;
    if (!order) return send(res, 404, { detail: 'Not found.' });
    if (req.method === 'GET') {
      calls.get++;
      return answer(res, malformed.get(order.id) ?? order);
    }
    if (req.method === 'PATCH') return patch(order, text, res);
    if (req.method === 'DELETE') {
      order.is_deleted = true;
      order.updated_at = now();
      res.writeHead(204).end();
      return;
    }
    return send(res, 405, { detail: `Method "${req.method}" not allowed.` });
  }

  function list(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    let rows = [...orders.values()].filter((o) => {
      for (const f of EXACT_FILTERS) {
        const want = q.get(f);
        if (want !== null && want !== '' && String(o[f] ?? '') !== want) return false;
      }
      for (const f of BOOLEAN_FILTERS) {
        const want = q.get(f);
        if (want !== null && want !== '' && String(o[f]) !== want.toLowerCase()) return false;
      }
      const search = q.get('search')?.toLowerCase();
      return (
        !search ||
        SEARCH_FIELDS.some((f) =>
          String(o[f] ?? '')
            .toLowerCase()
            .includes(search),
        )
      );
    });
    const ordering = q.get('ordering') ?? 'id';
    const field = ordering.replace(/^-/, '') as (typeof ORDERING_FIELDS)[number];
    if (ORDERING_FIELDS.includes(field)) {
      const dir = ordering.startsWith('-') ? -1 : 1;
      rows = rows.sort((a, b) => dir * compare(a[field], b[field]) || a.id - b.id);
    }
    const size = Math.min(Number(q.get('page_size') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(rows.length / size));
    const page = Number(q.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1 || page > pages) return send(res, 404, { detail: 'Invalid page.' });
    const at = (p: number) => {
      const u = new URL(url);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const body = {
      count: rows.length,
      next: page < pages ? at(page + 1) : null,
      previous: page > 1 ? at(page - 1) : null,
      results: rows.slice((page - 1) * size, page * size).map((o) => malformed.get(o.id) ?? o),
    };
    answer(res, body);
  }

  /** A 200 answer, or half of it and a dropped connection when told to cut (what was done stays done). */
  function answer(res: ServerResponse, body: unknown): void {
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
    if (cutIn !== null && cutIn-- === 0) {
      cutIn = null;
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(bytes);
  }

  function patch(order: PurchaseOrder, text: string, res: ServerResponse): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return send(res, 400, { detail: 'JSON parse error' });
    }
    if ('delivery_status' in body && !STATUSES.includes(body.delivery_status as DeliveryStatus)) {
      return send(res, 400, { delivery_status: [`"${String(body.delivery_status)}" is not a valid choice.`] });
    }
    calls.patch++;
    // The seed does not say the server refuses a locked record; it is the client's to respect.
    if (order.is_locked) calls.patchWhileLocked++;
    for (const [k, v] of Object.entries(body)) {
      if (WRITABLE.has(k)) (order as unknown as Record<string, unknown>)[k] = v;
    }
    order.delivery_status_display = DELIVERY_STATUS_DISPLAY[order.delivery_status];
    order.updated_at = now();
    answer(res, order);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    misbehave,
    lock: (id, worker) => {
      const o = find(id);
      o.is_locked = worker !== null;
      o.locked_by_worker = worker ?? '';
      o.locked_at = worker === null ? null : now();
      o.updated_at = now();
    },
    softDelete: (id) => {
      const o = find(id);
      o.is_deleted = true;
      o.updated_at = now();
    },
    order: (id) => structuredClone(find(id)),
    change: (id, p) => {
      const o = find(id);
      Object.assign(o, p, { updated_at: now() });
      o.delivery_status_display = DELIVERY_STATUS_DISPLAY[o.delivery_status];
      malformed.delete(id);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}
