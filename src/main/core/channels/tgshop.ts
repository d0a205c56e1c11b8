/**
 * The seed 002 Telegram mini-shop as an order source, through its admin API
 * (`POST /admin/api/v1/order/query`, Bearer token, lastId cursor paging, 100 a page). Its query
 * filters by one status and by creation time, not by change, so a pull walks the open statuses
 * (0 placed, 1 preparing, 5 exception) each time, and an incremental pull also the cancelled
 * orders (4) created within the last 30 days, so a cancellation is seen.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter, ChannelConnection, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import {
  baseUrlOf,
  DEFAULT_HTTP_RETRY,
  parseJson,
  sendWithRetry,
  snippet,
  type HttpRetryOptions,
} from './provider-http';
import { mapTgOrder } from './tgshop-order-map';

const PAGE_SIZE = 100;
const OPEN_STATUSES = [0, 1, 5];
const CANCELLED = 4;
const CANCELLED_LOOKBACK_MS = 30 * 86_400_000;

/** The shop's business error codes (seed 002), in words. */
const BUSINESS_ERRORS: Readonly<Record<number, string>> = {
  1001: 'the order does not exist',
  1002: 'the product does not exist',
  1003: 'the product is no longer on sale',
  1004: 'the product is out of stock',
  1005: 'that combination of options is not valid',
  1006: 'the payment method is wrong',
  1007: 'the order is not in a state that allows this (the shop refuses to skip a step)',
  1008: 'the payment proof address is missing',
  1009: 'the order is already paid',
};

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
  };
}

export const tgshopAdapter: ChannelAdapter = createTgShopAdapter();

interface QueryAnswer {
  data: unknown[];
  hasMore: boolean;
  lastId: number | null;
}

async function adminQuery(
  conn: ChannelConnection,
  query: Record<string, unknown>,
  http: HttpRetryOptions,
): Promise<QueryAnswer> {
  const url = baseUrlOf(conn.baseUrl, 'The shop address');
  const root = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const who = `The Telegram shop at ${root}`;
  const answer = await sendWithRetry(
    who,
    () => ({
      url: `${root}/admin/api/v1/order/query`,
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conn.apiKey}` },
        body: JSON.stringify(query),
      },
    }),
    http,
    root,
  );
  const body = parseJson(answer.text);
  const envelope = isRecord(body) ? body : null;
  const code = typeof envelope?.code === 'number' ? envelope.code : answer.status;
  const message = typeof envelope?.message === 'string' ? envelope.message : snippet(answer.text);
  const details = { url: root, httpStatus: answer.status, providerCode: String(code) };
  if (answer.status === 401 || code === 401) {
    throw new ChannelError(
      `The Telegram shop refused the admin token (${message}); enter the shop's admin Bearer token.`,
      details,
    );
  }
  if (answer.status === 403 || code === 403) {
    throw new ChannelError(`The Telegram shop says this token is not an admin's (${message}).`, details);
  }
  if (!envelope)
    throw new ChannelError(
      `${who} answered with something that is not shop data ("${snippet(answer.text)}").`,
      details,
    );
  if (code !== 200) {
    const words = BUSINESS_ERRORS[code];
    throw new ChannelError(
      `${who} refused: ${words ? `${words} (${code} ${message})` : `${code} ${message}`}`,
      details,
    );
  }
  if (!Array.isArray(envelope.data))
    throw new ChannelError(`${who} answered the order query without a list of orders.`, details);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
