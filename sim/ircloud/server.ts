/**
 * iRCloud's order aggregation open API (seed 003, PROTOCOLS.md) on node:http, bound to
 * 127.0.0.1: the token endpoint (`GET /v2/oauth2/token`, tokens that expire after `expires_in`),
 * `orders/search` with `withDetails` and pageNum/pageSize paging (newest first), the HTTP 500 the
 * real server answers when `orderStatus` is passed, `order-audit` with code 525 for unpaid orders
 * of a pay-before-delivery buyer, and misbehaviour on demand (429 with Retry-After, 5xx, slow
 * answers, a cut answer, a broken order). It counts token fetches and audit calls for tests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { PREPAY_BUYER_ID } from './sample-orders';
import type { IrOrder } from './types';
import { readBody } from '../sim-http';

export interface IrCloudSimOptions {
  clientId: string;
  clientSecret: string;
  userName: string;
  password: string;
  orders: IrOrder[];
  /** Token lifetime in seconds; the real server gives 2592000 (30 days). */
  expiresInSeconds?: number;
  /** Buyers who pay before delivery: their unpaid orders answer 525 to an audit. */
  prepayBuyerIds?: number[];
  /** The server's clock (ms), for token expiry; Date.now by default. */
  now?: () => number;
}

export type IrFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

export interface IrCloudSim {
  url: string;
  counts: {
    total: number;
    /** Tokens handed out. */
    tokens: number;
    searches: number;
    /** Calls refused for a missing, unknown or expired token. */
    unauthorized: number;
    /** order-audit calls per order id. */
    audits: Map<number, number>;
  };
  misbehave: {
    failNext(n: number, failure: IrFailure): void;
    delayMs: number;
    cutNextResponse(): void;
    malformOrder(id: number, replacement?: unknown): void;
  };
  /** Forgets every token handed out, as a server restart or a revoked login would. */
  revokeTokens(): void;
  order(id: number): IrOrder | undefined;
  /** Adds or replaces an order and stamps updateTime with now. */
  upsertOrder(order: IrOrder): void;
  close(): Promise<void>;
}

const MAX_PAGE_SIZE = 100;
const SEARCH = '/order-aggregation/organizations/orders/search';
const AUDIT = '/order-aggregation/organizations/orders/order-audit';

export async function startIrCloudSim(opts: IrCloudSimOptions): Promise<IrCloudSim> {
  const now = opts.now ?? Date.now;
  const expiresIn = opts.expiresInSeconds ?? 2_592_000;
  const prepay = new Set(opts.prepayBuyerIds ?? [PREPAY_BUYER_ID]);
  const orders = new Map(opts.orders.map((o) => [o.id, structuredClone(o)]));
  const tokens = new Map<string, number>();
  const malformed = new Map<number, unknown>();
  const failures: IrFailure[] = [];
  let cutNext = false;
  const counts: IrCloudSim['counts'] = { total: 0, tokens: 0, searches: 0, unauthorized: 0, audits: new Map() };
  const misbehave: IrCloudSim['misbehave'] = {
    delayMs: 0,
    failNext: (n, failure) => failures.push(...Array.from({ length: n }, () => failure)),
    cutNextResponse: () => {
      cutNext = true;
    },
    malformOrder: (id, replacement) => {
      const o = orders.get(id);
      if (!o) throw new Error(`The simulated iRCloud has no order ${id} to break.`);
      malformed.set(id, replacement === undefined ? { ...o, orderDetails: 'unavailable' } : replacement);
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, springError(500, 'Internal Server Error', String(error), req.url ?? '/'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.total++;
    const text = await readBody(req);
    if (misbehave.delayMs > 0) await sleep(misbehave.delayMs);
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = {};
      if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(failure.retryAfterSeconds);
      }
      const message = failure.status === 429 ? '请求过于频繁' : '系统繁忙';
      return send(res, failure.status, { code: failure.status, data: null, message }, headers);
    }
    const url = new URL(req.url ?? '/', 'http://sim');
    if (req.method === 'GET' && url.pathname === '/v2/oauth2/token')
      return send(res, 200, issueToken(url.searchParams));

    const token = req.headers.access_token;
    const expires = typeof token === 'string' ? tokens.get(token) : undefined;
    if (expires === undefined || expires <= now()) {
      counts.unauthorized++;
      return send(res, 401, { code: 401, data: null, message: 'access_token无效或已过期' });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return send(res, 400, { code: 400, data: null, message: '请求参数格式错误' });
    }
    if (req.method === 'POST' && url.pathname === SEARCH) return search(res, body, url.pathname);
    if (req.method === 'PUT' && url.pathname === AUDIT) return send(res, 200, audit(body));
    return send(res, 404, springError(404, 'Not Found', 'No message available', url.pathname));
  }

  function issueToken(q: URLSearchParams): unknown {
    if (q.get('grant_type') !== 'client_credentials') {
      return { code: 151, data: null, message: 'unsupported grant_type' };
    }
    if (q.get('client_id') !== opts.clientId) return { code: 153, data: null, message: 'illegal client_id' };
    if (q.get('client_secret') !== opts.clientSecret)
      return { code: 154, data: null, message: 'illegal client_secret' };
    if (q.get('userName') !== opts.userName || q.get('password') !== opts.password) {
      return { code: 155, data: null, message: '用户名或密码错误' };
    }
    counts.tokens++;
    const accessToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, now() + expiresIn * 1000);
    return {
      code: 200,
      data: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: expiresIn,
        refresh_token: randomBytes(16).toString('hex'),
        scope: 'basic',
      },
      message: '操作成功',
    };
  }

  function search(res: ServerResponse, body: Record<string, unknown>, path: string): void {
    counts.searches++;
    // The real server fails on its own status filter (seed 003): callers must filter themselves.
    if ('orderStatus' in body) {
      return send(res, 500, springError(500, 'Internal Server Error', 'No enum constant', path));
    }
    const pageNum = typeof body.pageNum === 'number' && body.pageNum >= 1 ? Math.floor(body.pageNum) : 1;
    const asked = typeof body.pageSize === 'number' && body.pageSize >= 1 ? Math.floor(body.pageSize) : 10;
    const pageSize = Math.min(asked, MAX_PAGE_SIZE);
    const all = [...orders.values()].sort((a, b) => b.createTime - a.createTime || b.id - a.id);
    const items = all.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((o) => {
      const shown = malformed.get(o.id) ?? o;
      if (body.withDetails === true || typeof shown !== 'object' || shown === null) return shown;
      const { orderDetails: _details, ...withoutDetails } = shown as IrOrder;
      return withoutDetails;
    });
    const payload = {
      code: 200,
      data: { items, totalCount: all.length, currentPage: pageNum, totalPage: Math.ceil(all.length / pageSize) },
      message: '操作成功',
    };
    const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
    res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': bytes.length });
    if (cutNext) {
      cutNext = false;
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(bytes);
  }

  /** All or nothing, as one business answer: the first order that cannot be audited names the reason. */
  function audit(body: Record<string, unknown>): unknown {
    const ids = Array.isArray(body.ids) ? body.ids : [];
    if (ids.length === 0 || ids.some((id) => typeof id !== 'number')) {
      return { code: 400, data: null, message: 'ids不能为空' };
    }
    for (const id of ids as number[]) counts.audits.set(id, (counts.audits.get(id) ?? 0) + 1);
    for (const id of ids as number[]) {
      const o = orders.get(id);
      if (!o) return { code: 404, data: null, message: `订单不存在: ${id}` };
      if (o.orderStatus === 'CANCELLED')
        return { code: 400, data: null, message: `订单${o.orderCode}已作废，不能审核` };
      if (o.orderStatus === 'ORDER_AUDIT_PENDING' && prepay.has(o.buyer.id) && o.paymentStatus !== 'PAID') {
        return {
          code: 525,
          data: null,
          message: `客户[${o.buyer.name}]结算方式为先款后货，订单${o.orderCode}未付款，不能审核`,
        };
      }
    }
    // Auditing an order again changes nothing and is no error.
    for (const id of ids as number[]) {
      const o = orders.get(id)!;
      if (o.orderStatus !== 'ORDER_AUDIT_PENDING') continue;
      o.orderStatus = 'AUDITED';
      o.updateTime = now();
    }
    return { code: 200, message: '操作成功' };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    misbehave,
    revokeTokens: () => tokens.clear(),
    order: (id) => orders.get(id),
    upsertOrder: (o) => {
      orders.set(o.id, { ...structuredClone(o), updateTime: now() });
      malformed.delete(o.id);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/** What the real server's framework answers for its own failures: not the `{code, data, message}` envelope. */
function springError(status: number, error: string, message: string, path: string): unknown {
  return { timestamp: new Date().toISOString(), status, error, message, path };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': bytes.length,
  });
  res.end(bytes);
}
