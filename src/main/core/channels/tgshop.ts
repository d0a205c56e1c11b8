/**
 * The seed 002 Telegram mini-shop as an order source, through its admin API
 * (`POST /admin/api/v1/order/query`, Bearer token, lastId cursor paging, 100 a page). Its query
 * filters by one status and by creation time, not by change, so a pull walks the open statuses
 * (0 placed, 1 preparing, 5 exception) each time, and an incremental pull also the cancelled
 * orders (4) created within the last 30 days, so a cancellation is seen. Tracking goes back by
 * walking the order to delivered, and a held order is marked as an exception (tgshop-writeback.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter, ChannelConnection, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from './provider-http';
import { tgAdmin } from './tgshop-http';
import { mapTgOrder } from './tgshop-order-map';
import { deliverWithTracking, markException } from './tgshop-writeback';

const PAGE_SIZE = 100;
const OPEN_STATUSES = [0, 1, 5];
const CANCELLED = 4;
const CANCELLED_LOOKBACK_MS = 30 * 86_400_000;

export function createTgShopAdapter(options: Partial<HttpRetryOptions> = {}): ChannelAdapter {
  const http: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, ...options };
  return {
    provider: 'tgshop',

    async pullPage(conn, opts): Promise<PullPage> {
      const statuses = opts.modifiedAfter === null ? OPEN_STATUSES : [...OPEN_STATUSES, CANCELLED];
      const { index, lastId } = cursorOf(opts.cursor);
      const status = statuses[index];
      if (status === undefined) throw new AppError('internal', `"${opts.cursor}" is not a Telegram shop cursor.`);
      const mapOpts = { utcOffset: setting(conn, 'utcOffset', '+08:00'), country: setting(conn, 'country', 'HK') };
      const query: Record<string, unknown> = { orderStatus: status, pageSize: PAGE_SIZE, lastId };
      if (status === CANCELLED && opts.modifiedAfter !== null) {
        query.startTime = shopTime(Date.parse(opts.modifiedAfter) - CANCELLED_LOOKBACK_MS, mapOpts.utcOffset);
      }
      const body = await adminQuery(conn, query, http);
      const page: PullPage = { orders: [], invalid: [], next: null };
      for (const raw of body.data) {
        const mapped = mapTgOrder(raw, mapOpts);
        if ('order' in mapped) page.orders.push(mapped.order);
        else page.invalid.push(mapped.invalid);
      }
      if (body.hasMore && body.lastId !== null) page.next = `${index}:${body.lastId}`;
      else if (index + 1 < statuses.length) page.next = `${index + 1}:`;
      return page;
    },

    async testConnection(conn): Promise<void> {
      await adminQuery(conn, { pageSize: 1, lastId: null }, http);
    },

    syncTracking: (conn, sync) => deliverWithTracking(conn, sync, http),
    reportException: (conn, report) => markException(conn, report.externalId, report.reason, http),
  };
}

export const tgshopAdapter: ChannelAdapter = createTgShopAdapter();

async function adminQuery(
  conn: ChannelConnection,
  query: Record<string, unknown>,
  http: HttpRetryOptions,
): Promise<{ data: unknown[]; hasMore: boolean; lastId: number | null }> {
  const envelope = await tgAdmin(conn, { method: 'POST', path: '/order/query', body: query }, http);
  if (!Array.isArray(envelope.data)) {
    throw new ChannelError(`The Telegram shop at ${conn.baseUrl} answered the order query without a list of orders.`, {
      url: conn.baseUrl,
    });
  }
  return {
    data: envelope.data,
    hasMore: envelope.hasMore === true,
    lastId: typeof envelope.lastId === 'number' ? envelope.lastId : null,
  };
}

/** "1:57": the second status of the walk, ids below 57; "1:": that status from the newest. */
function cursorOf(cursor: string | null): { index: number; lastId: number | null } {
  if (cursor === null) return { index: 0, lastId: null };
  const m = /^(\d+):(\d*)$/.exec(cursor);
  if (!m) throw new AppError('internal', `"${cursor}" is not a Telegram shop cursor.`);
  return { index: Number(m[1]), lastId: m[2] ? Number(m[2]) : null };
}

function setting(conn: ChannelConnection, key: string, fallback: string): string {
  const value = conn.settings[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** The shop's own clock, as its API writes times: local, without a zone. */
function shopTime(ms: number, utcOffset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  const offsetMs = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(ms + offsetMs).toISOString().slice(0, 19);
}
