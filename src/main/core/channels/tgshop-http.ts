/**
 * One call to the seed 002 shop's admin API (Bearer token, `{code, message, data}` envelope) with
 * its answers put into words: 401/403 as a wrong token, business errors 1001-1009 as what they
 * mean. A business error is the shop saying no (`refused`), so the outbox does not try it again
 * the same way; its code stays in `providerCode` (1007: the status flow refused a jump).
 */
import { ChannelError } from './channel-error';
import type { ChannelConnection } from './channel-adapter';
import { baseUrlOf, parseJson, sendWithRetry, snippet, type HttpRetryOptions } from './provider-http';

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

/** "Its status flow refuses this step": the caller reads the order again and walks from there. */
export const JUMP_REFUSED = 1007;

export interface TgCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Below /admin/api/v1, e.g. /order/query. */
  path: string;
  body?: Record<string, unknown>;
}

/** The whole envelope of a 200 answer (the query's hasMore and lastId sit beside data). */
export type TgEnvelope = Record<string, unknown> & { data: unknown };

export async function tgAdmin(conn: ChannelConnection, call: TgCall, http: HttpRetryOptions): Promise<TgEnvelope> {
  const url = baseUrlOf(conn.baseUrl, 'The shop address');
  const root = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const who = `The Telegram shop at ${root}`;
  const answer = await sendWithRetry(
    who,
    () => ({
      url: `${root}/admin/api/v1${call.path}`,
      init: {
        method: call.method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conn.apiKey}` },
        ...(call.body ? { body: JSON.stringify(call.body) } : {}),
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
    throw new ChannelError(`${who} refused: ${words ? `${words} (${code} ${message})` : `${code} ${message}`}`, {
      ...details,
      ...(words ? { refused: true } : {}),
    });
  }
  return { ...envelope, data: envelope.data };
}

export function businessCodeOf(error: unknown): number | null {
  if (!(error instanceof ChannelError)) return null;
  const code = Number((error.details as { providerCode?: string } | undefined)?.providerCode);
  return Number.isInteger(code) ? code : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
