/**
 * The seed 002 Telegram mini-shop's admin order API on node:http, bound to 127.0.0.1: Bearer
 * token, `POST /admin/api/v1/order/query` with its filters and lastId cursor paging (newest
 * first, the next page holds ids below lastId), `GET /admin/api/v1/order/{id}`, the write-backs
 * accept / deliver / exception / status that keep to the shop's status flow (a jump is refused
 * with 1007; every call is counted), the `{code, message, data}` envelope (business errors with
 * HTTP 200, as the shop's own wrapper sends them), and misbehaviour on demand (429 with
 * Retry-After, 5xx, slow answers, a cut page, a broken order, a lost answer to a write, a stale
 * read, a write refused with any business error of the seed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { shopTime } from './sample-orders';
import { ACTION_MOVES, jumpAllowed, type TgAction } from './status-flow';
import type { TgOrderDetail, TgOrderStatus } from './types';
import { readBody } from '../sim-http';

export interface TgShopSimOptions {
  adminToken: string;
  orders: TgOrderDetail[];
}

export type TgFailure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

/** Seed 002's business error codes with the shop's own words. */
export const TG_BUSINESS_ERRORS = {
  1001: '订单不存在',
  1002: '商品不存在',
  1003: '商品已下架',
  1004: '商品库存不足',
  1005: '商品属性组合无效',
  1006: '支付方式错误',
  1007: '订单状态不允许此操作',
  1008: '支付凭证URL不能为空',
  1009: '订单已支付，无需重复提交支付凭证',
} as const;
export type TgBusinessCode = keyof typeof TG_BUSINESS_ERRORS;

/** One write-back call as the shop received it, refused ones included. */
export interface TgWrite {
  action: TgAction | 'status';
  /** The remark of accept / deliver, the reason of exception. */
  text: string | null;
  from: TgOrderStatus;
  /** The status it moved to; null when refused. */
  to: TgOrderStatus | null;
  /** The business error it was refused with (1007 for a jump). */
  refusedWith?: TgBusinessCode;
}

export interface TgShopSim {
  url: string;
  requests: { total: number };
  misbehave: {
    failNext(n: number, failure: TgFailure): void;
    delayMs: number;
    cutNextResponse(): void;
    malformOrder(id: number, replacement?: unknown): void;
    /** The next write is done, then its connection is cut before the answer. */
    loseNextWriteAnswer(): void;
    /** The next read of one order answers this status instead of the real one (a lagging replica). */
    staleNextRead(status: TgOrderStatus): void;
    /** The next write is refused with this business error (HTTP 200) and not carried out. */
    failNextWrite(code: TgBusinessCode): void;
  };
  /** Every write-back call to this order, in order. */
  writes(id: number): TgWrite[];
  getOrder(id: number): TgOrderDetail | undefined;
  /** Adds or replaces an order and stamps updateTime with now. */
  upsertOrder(order: TgOrderDetail): void;
  close(): Promise<void>;
}

const MAX_PAGE_SIZE = 100;

export async function startTgShopSim(opts: TgShopSimOptions): Promise<TgShopSim> {
  const orders = new Map(opts.orders.map((o) => [o.order.id, structuredClone(o)]));
  const malformed = new Map<number, unknown>();
  const failures: TgFailure[] = [];
  const writes = new Map<number, TgWrite[]>();
  let cutNext = false;
  let loseNextWrite = false;
  let staleStatus: TgOrderStatus | null = null;
  let refuseNextWrite: TgBusinessCode | null = null;
  const requests = { total: 0 };
  const misbehave: TgShopSim['misbehave'] = {
    delayMs: 0,
    failNext: (n, failure) => failures.push(...Array.from({ length: n }, () => failure)),
    cutNextResponse: () => {
      cutNext = true;
    },
    malformOrder: (id, replacement) => {
      const o = orders.get(id);
      if (!o) throw new Error(`The simulated shop has no order ${id} to break.`);
      malformed.set(id, replacement === undefined ? { ...o, orderItems: null } : replacement);
    },
    loseNextWriteAnswer: () => {
      loseNextWrite = true;
    },
    staleNextRead: (status) => {
      staleStatus = status;
    },
    failNextWrite: (code) => {
      refuseNextWrite = code;
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else envelope(res, 500, 500, `服务器内部错误: ${String(error)}`, null);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests.total++;
    const text = await readBody(req);
    if (misbehave.delayMs > 0) await sleep(misbehave.delayMs);
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(failure.retryAfterSeconds);
      }
      res.writeHead(failure.status, headers);
      res.end(
        JSON.stringify({
          code: failure.status,
          message: failure.status === 429 ? '请求过于频繁' : '服务器内部错误',
          data: null,
        }),
      );
      return;
    }
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const one = /^\/admin\/api\/v1\/order\/(\d+)(?:\/(accept|deliver|exception|status))?$/.exec(path);
    const known = (req.method === 'POST' && path === '/admin/api/v1/order/query') || one;
    if (!known) return envelope(res, 404, 404, '资源不存在', null);
    if (req.headers.authorization !== `Bearer ${opts.adminToken}`) return envelope(res, 401, 401, '未授权', null);

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return envelope(res, 400, 400, '请求参数错误', null);
    }
    if (one) {
      const id = Number(one[1]);
      const action = one[2] as TgAction | 'status' | undefined;
      if (action === undefined && req.method === 'GET') return readOne(res, id);
      if (action !== undefined && req.method === 'PUT') return write(req, res, id, action, body);
      return envelope(res, 404, 404, '资源不存在', null);
    }
    const pageSize = body.pageSize ?? 10;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return envelope(res, 400, 400, `请求参数错误: pageSize 必须在 1 到 ${MAX_PAGE_SIZE} 之间`, null);
    }
    const lastId = typeof body.lastId === 'number' ? body.lastId : null;
    const status = typeof body.orderStatus === 'number' ? body.orderStatus : null;
    const start = typeof body.startTime === 'string' ? body.startTime : null;
    const matching = [...orders.values()]
      .filter(
        (o) =>
          (status === null || o.order.orderStatus === status) &&
          (start === null || o.order.createTime >= start) &&
          (lastId === null || o.order.id < lastId),
      )
      .sort((a, b) => b.order.id - a.order.id);
    const page = matching.slice(0, pageSize);
    const payload = {
      code: 200,
      message: '查询成功',
      data: page.map((o) => malformed.get(o.order.id) ?? o),
      hasMore: matching.length > pageSize,
      lastId: page.at(-1)?.order.id ?? null,
      count: page.length,
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

  function readOne(res: ServerResponse, id: number): void {
    const o = orders.get(id);
    if (!o) return refuseWith(res, 1001);
    const data = structuredClone(malformed.get(id) ?? o) as TgOrderDetail;
    if (staleStatus !== null && data.order) data.order.orderStatus = staleStatus;
    staleStatus = null;
    envelope(res, 200, 200, '获取成功', data);
  }

  function write(
    req: IncomingMessage,
    res: ServerResponse,
    id: number,
    action: TgAction | 'status',
    body: Record<string, unknown>,
  ): void {
    const o = orders.get(id);
    if (!o) return refuseWith(res, 1001);
    const from = o.order.orderStatus;
    const text = action === 'exception' ? body.reason : body.remark;
    if (action === 'exception' && (typeof text !== 'string' || text.trim() === '')) {
      return envelope(res, 400, 400, '请求参数错误: reason 不能为空', null);
    }
    let to: TgOrderStatus | null;
    if (action === 'status') {
      const asked = body.orderStatus;
      if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0 || asked > 5) {
        return envelope(res, 400, 400, '请求参数错误: orderStatus', null);
      }
      to = jumpAllowed(from, asked as TgOrderStatus) ? (asked as TgOrderStatus) : null;
    } else {
      const move = ACTION_MOVES[action];
      to = move.from.includes(from) ? move.to : null;
    }
    const refusal: TgBusinessCode | null = refuseNextWrite ?? (to === null ? 1007 : null);
    refuseNextWrite = null;
    const log = writes.get(id) ?? [];
    log.push({
      action,
      text: typeof text === 'string' ? text : null,
      from,
      to: refusal === null ? to : null,
      ...(refusal === null ? {} : { refusedWith: refusal }),
    });
    writes.set(id, log);
    if (refusal !== null || to === null) return refuseWith(res, refusal ?? 1007);
    o.order.orderStatus = to;
    if (typeof text === 'string') o.order.remark = text;
    o.order.updateTime = shopTime(Date.now());
    if (loseNextWrite) {
      loseNextWrite = false;
      req.socket.destroy();
      return;
    }
    envelope(res, 200, 200, '更新成功', {
      id,
      orderNo: o.order.orderNo,
      orderStatus: to,
      payStatus: o.order.payStatus,
      updateTime: o.order.updateTime,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    misbehave,
    writes: (id) => writes.get(id) ?? [],
    getOrder: (id) => structuredClone(orders.get(id)),
    upsertOrder: (o) => {
      const stored = structuredClone(o);
      stored.order.updateTime = shopTime(Date.now());
      orders.set(o.order.id, stored);
      malformed.delete(o.order.id);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function refuseWith(res: ServerResponse, code: TgBusinessCode): void {
  envelope(res, 200, code, TG_BUSINESS_ERRORS[code], null);
}

function envelope(res: ServerResponse, http: number, code: number, message: string, data: unknown): void {
  const bytes = Buffer.from(JSON.stringify({ code, message, data }), 'utf8');
  res.writeHead(http, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': bytes.length });
  res.end(bytes);
}
