/**
 * The seed 001 shop API on node:http, bound to 127.0.0.1: `GET /api/orders` (page, pageSize,
 * search on the buyer's email, status, payment_method; newest first), `GET /api/orders/{id}`,
 * and the Shopify proxy `GET /api/shopify/orders/{shopify id}` that wants shop_domain and
 * access_token (query or JSON body). List and detail need no login, as the seed says. Envelopes
 * as in the seed (list `{success, message, data}`, detail `{code, msg, data}`) or one style for
 * both, and misbehaviour on demand (429 with Retry-After, 5xx, slow answers, a cut page, a
 * broken order, a detail without items).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { shopifyOrderOf, shopTime } from './sample-orders';
import type { SfListOrder, SfOrderDetail } from './types';
import { readBody } from '../sim-http';

export interface StorefrontSimOptions {
  orders: SfOrderDetail[];
  /** What the proxy accepts as shop_domain and access_token. */
  shopify: { shopDomain: string; accessToken: string };
  /** The most a page holds whatever pageSize asks for (the seed names none; 100 here). */
  maxPageSize?: number;
}

/** `seed`: list in `{success, message, data}`, detail in `{code, msg, data}`; or one style for both. */
export type SfEnvelope = 'seed' | 'success' | 'code';

export type SfFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

export interface StorefrontSim {
  url: string;
  /** Every request as "GET /api/orders?page=1…" (the proxy's access_token blanked). */
  requests: string[];
  envelope: SfEnvelope;
  /** The list carries each order's whole detail, as some deployments of the shop do. */
  listWithItems: boolean;
  misbehave: {
    failNext(n: number, failure: SfFailure): void;
    delayMs: number;
    /** After `after` more requests, the next `count` answers are cut half way (a dropped connection). */
    cutAnswers(after: number, count: number): void;
    /** The order's detail (and list entry) becomes `replacement`, by default one with unreadable line_items. */
    malformOrder(id: number, replacement?: unknown): void;
    /** The shop's own detail of this order comes without line_items; Shopify still has them. */
    stripDetailItems(id: number): void;
  };
  /** Adds or replaces an order and stamps updated_at with now. */
  upsertOrder(order: SfOrderDetail): void;
  getOrder(id: number): SfOrderDetail | undefined;
  /**
   * Runs `edit` right after the `n`-th order list answer from now is sent, before the next request
   * is read: staff changing an order's status while a pull walks the pages.
   */
  afterListAnswer(n: number, edit: () => void): void;
  close(): Promise<void>;
}

export async function startStorefrontSim(opts: StorefrontSimOptions): Promise<StorefrontSim> {
  const orders = new Map(opts.orders.map((o) => [o.id, structuredClone(o)]));
  const broken = new Map<number, unknown>();
  const failures: SfFailure[] = [];
  const maxPageSize = opts.maxPageSize ?? 100;
  let cutSkip = 0;
  let cutLeft = 0;
  let afterList: { left: number; edit: () => void } | null = null;

  const sim: StorefrontSim = {
    url: '',
    requests: [],
    envelope: 'seed',
    listWithItems: false,
    misbehave: {
      delayMs: 0,
      failNext: (n, failure) => failures.push(...Array.from({ length: n }, () => failure)),
      cutAnswers: (after, count) => {
        cutSkip = after;
        cutLeft = count;
      },
      malformOrder: (id, replacement) => {
        const o = orders.get(id);
        if (!o) throw new Error(`The simulated shop has no order ${id} to break.`);
        broken.set(
          id,
          replacement === undefined ? { ...o, line_items: `${o.line_items[0]?.sku ?? ''} x1` } : replacement,
        );
      },
      stripDetailItems: (id) => {
        const o = orders.get(id);
        if (!o) throw new Error(`The simulated shop has no order ${id}.`);
        const { line_items: _dropped, ...rest } = o;
        broken.set(id, rest);
      },
    },
    upsertOrder: (o) => {
      const stored = structuredClone(o);
      stored.updated_at = shopTime(Date.now());
      orders.set(o.id, stored);
      broken.delete(o.id);
    },
    getOrder: (id) => {
      const o = orders.get(id);
      return o && structuredClone(o);
    },
    afterListAnswer: (n, edit) => {
      afterList = { left: n, edit };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };

  const detailOf = (o: SfOrderDetail): unknown => broken.get(o.id) ?? o;
  /** Answers to cut half way through. */
  const toCut = new WeakSet<ServerResponse>();

  function list(url: URL): unknown {
    const page = positiveInt(url.searchParams.get('page')) ?? 1;
    const pageSize = Math.min(positiveInt(url.searchParams.get('pageSize')) ?? 10, maxPageSize);
    const search = (url.searchParams.get('search') ?? '').toLowerCase();
    const status = url.searchParams.get('status') ?? '';
    const payment = url.searchParams.get('payment_method') ?? '';
    const matching = [...orders.values()]
      .filter(
        (o) =>
          (search === '' || o.customer_email.toLowerCase().includes(search)) &&
          (status === '' || o.status === status) &&
          (payment === '' || o.payment_method === payment),
      )
      .sort((a, b) => b.id - a.id);
    const slice = matching.slice((page - 1) * pageSize, page * pageSize);
    return {
      list: slice.map((o) => (sim.listWithItems ? detailOf(o) : summaryOf(o))),
      total: matching.length,
      page,
      pageSize,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const body = await readBody(req);
    const token = url.searchParams.has('access_token') ? '&access_token=…' : '';
    url.searchParams.delete('access_token');
    sim.requests.push(`${req.method} ${url.pathname}${url.search}${token}`);
    if (cutSkip > 0) cutSkip--;
    else if (cutLeft > 0) {
      cutLeft--;
      toCut.add(res);
    }
    if (sim.misbehave.delayMs > 0) await sleep(sim.misbehave.delayMs);
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = {};
      if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(failure.retryAfterSeconds);
      }
      const message = failure.status === 429 ? '请求过于频繁' : '查询订单失败: 数据库连接错误';
      return send(res, failure.status, { success: false, message }, headers);
    }
    if (req.method !== 'GET') return send(res, 405, { success: false, message: '方法不允许' });
    const { envelope } = sim;
    const listStyle = envelope === 'code' ? 'code' : 'success';
    const detailStyle = envelope === 'success' ? 'success' : 'code';

    if (url.pathname === '/api/orders') {
      ok(res, listStyle, list(url));
      if (afterList && --afterList.left === 0) {
        const { edit } = afterList;
        afterList = null;
        edit();
      }
      return;
    }
    const detail = /^\/api\/orders\/(\d+)$/.exec(url.pathname);
    if (detail) {
      const o = orders.get(Number(detail[1]));
      if (!o) return refuse(res, detailStyle, 404, '订单不存在');
      return ok(res, detailStyle, detailOf(o));
    }
    const proxied = /^\/api\/shopify\/orders\/(\d+)$/.exec(url.pathname);
    if (proxied) {
      const params = { ...jsonObject(body), ...Object.fromEntries(new URL(req.url ?? '/', 'http://sim').searchParams) };
      const proxyError = (status: number, error: string) =>
        send(res, status, { success: false, error: `获取订单失败: ${error}`, status_code: status });
      if (!params.shop_domain || !params.access_token) return proxyError(400, '缺少 shop_domain 或 access_token');
      if (params.shop_domain !== opts.shopify.shopDomain) return proxyError(404, 'Not Found (shop domain unknown)');
      if (params.access_token !== opts.shopify.accessToken) {
        return proxyError(401, '[API] Invalid API key or access token (unrecognized login or wrong password)');
      }
      const o = [...orders.values()].find((x) => x.shopify_order_id === proxied[1]);
      if (!o) return proxyError(404, 'Order not found');
      return send(res, 200, { success: true, order: shopifyOrderOf(o) });
    }
    return send(res, 404, { success: false, message: '资源不存在' });
  }

  function ok(res: ServerResponse, style: 'success' | 'code', data: unknown): void {
    const payload =
      style === 'success' ? { success: true, message: '操作成功', data } : { code: 0, msg: 'success', data };
    send(res, 200, payload);
  }

  function refuse(res: ServerResponse, style: 'success' | 'code', status: number, message: string): void {
    send(res, status, style === 'success' ? { success: false, message } : { code: 1, msg: message, status });
  }

  function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
    if (toCut.has(res)) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, { success: false, message: `服务器内部错误: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  sim.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sim;
}

function summaryOf(o: SfOrderDetail): SfListOrder {
  const { id, customer_email, total_amount, payment_method, status, created_at, updated_at } = o;
  return { id, customer_email, total_amount, payment_method, status, created_at, updated_at };
}

function positiveInt(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

function jsonObject(text: string): Record<string, string> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}
