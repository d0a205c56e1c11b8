/**
 * Reading a shop's WooCommerce REST API v3: signing as WooCommerce demands (HTTP Basic over
 * HTTPS; one-legged OAuth 1.0a over plain HTTP, where WooCommerce refuses Basic), retrying what
 * may pass on a second try (429, 5xx, dropped connections, timeouts) a bounded number of times,
 * and turning every failure into a ChannelError a packer can act on.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import OAuth from 'oauth-1.0a';
import type { ChannelConnection } from './channel-adapter';
import { ChannelError } from './channel-error';

export interface WooHttpOptions {
  /** Tries per request, the first one included. */
  maxAttempts: number;
  /** Wait before the second try; it doubles for each further one. */
  backoffMs: number;
  /** The longest wait a Retry-After header can ask for; a longer ask is cut to this. */
  maxRetryAfterMs: number;
  /** Per try, until the whole body has arrived. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_WOO_HTTP: WooHttpOptions = {
  maxAttempts: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 30_000,
  sleep: (ms) => sleep(ms),
};

export interface WooAnswer {
  body: unknown;
  headers: Headers;
  /** The shop's address as messages show it. */
  shop: string;
}

type Attempt = { kind: 'answer'; answer: WooAnswer } | { kind: 'retry'; failure: string; retryAfterMs: number | null };

/** GET `{site}/wp-json/wc/v3{path}?{query}`; resolves with parsed JSON or throws ChannelError. */
export function wooGet(
  conn: ChannelConnection,
  path: string,
  query: Readonly<Record<string, string>>,
  http: WooHttpOptions,
): Promise<WooAnswer> {
  return wooRequest(conn, { method: 'GET', path, query }, http);
}

export interface WooRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Under the namespace, e.g. `/orders/12/notes`. */
  path: string;
  /** The REST namespace under /wp-json; WooCommerce's own by default, extensions have theirs. */
  namespace?: string;
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON (WooCommerce does not sign a JSON body). */
  body?: unknown;
}

/**
 * One call to the shop. A read is retried as wooGet explains; a write is tried once, because a
 * write whose answer was lost may have happened: the caller reads the shop before writing again.
 */
export async function wooRequest(conn: ChannelConnection, req: WooRequest, http: WooHttpOptions): Promise<WooAnswer> {
  const site = siteOf(conn.baseUrl);
  const maxAttempts = req.method === 'GET' ? http.maxAttempts : 1;
  const path = `/wp-json/${req.namespace ?? 'wc/v3'}${req.path}`;
  const failures: string[] = [];
  for (let attempt = 1; ; attempt++) {
    // Signed afresh for every try: WooCommerce refuses a nonce it has seen, even on a failed request.
    const signed = signedRequest(conn, site, req.method, path, req.query ?? {});
    if (req.body !== undefined) signed.headers['Content-Type'] = 'application/json';
    const outcome = await tryOnce(
      site,
      { ...signed, method: req.method, body: req.body === undefined ? undefined : JSON.stringify(req.body) },
      http,
    );
    if (outcome.kind === 'answer') return outcome.answer;
    failures.push(outcome.failure);
    if (attempt >= maxAttempts) {
      throw new ChannelError(giveUpMessage(site.root, failures), { url: site.root, unreachable: true });
    }
    await http.sleep(outcome.retryAfterMs ?? http.backoffMs * 2 ** (attempt - 1));
  }
}

interface Site {
  /** scheme://host[:port][/subfolder], normalised (lower-case host, no default port), no trailing slash. */
  root: string;
  https: boolean;
}

function siteOf(baseUrl: string): Site {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new ChannelError(
      `The shop address "${baseUrl}" is not a web address; it should look like https://shop.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ChannelError(`The shop address "${baseUrl}" must start with https:// (or http://).`);
  }
  return { root: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, https: url.protocol === 'https:' };
}

function signedRequest(
  conn: ChannelConnection,
  site: Site,
  method: WooRequest['method'],
  path: string,
  query: Readonly<Record<string, string>>,
): { url: string; headers: Record<string, string> } {
  const endpoint = `${site.root}${path}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (site.https) {
    headers.Authorization = `Basic ${Buffer.from(`${conn.apiKey}:${conn.apiSecret}`, 'utf8').toString('base64')}`;
    return { url: withQuery(endpoint, Object.entries(query)), headers };
  }
  const oauth = new OAuth({
    consumer: { key: conn.apiKey, secret: conn.apiSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  // The library reads the query back out of the URL, so it must be encoded exactly as RFC 5849 encodes.
  const unsigned = withQuery(endpoint, Object.entries(query));
  // authorize() also copies the query into what it returns; only the oauth_* part is added to the URL.
  const oauthParams = Object.entries(oauth.authorize({ url: unsigned, method }))
    .filter(([k]) => k.startsWith('oauth_'))
    .map(([k, v]): [string, string] => [k, String(v)]);
  return { url: withQuery(unsigned, oauthParams), headers };
}

function withQuery(url: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return url;
  const query = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** RFC 3986 percent-encoding, which OAuth signs (encodeURIComponent leaves !'()* alone). */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function tryOnce(
  site: Site,
  request: { url: string; method: string; headers: Record<string, string>; body: string | undefined },
  http: WooHttpOptions,
): Promise<Attempt> {
  let res: Response;
  let text: string;
  try {
    // Redirects are not followed: a signature made for one address is refused at another.
    res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(http.timeoutMs),
    });
    text = await res.text();
  } catch (error) {
    return { kind: 'retry', failure: networkFailure(error, http.timeoutMs), retryAfterMs: null };
  }

  if (res.status === 429 || res.status >= 500) {
    return {
      kind: 'retry',
      failure: res.status === 429 ? 'asked PackDesk to slow down (429 Too Many Requests)' : `answered ${res.status}`,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), http.maxRetryAfterMs),
    };
  }
  const body = parseJson(text);
  if (res.ok) {
    if (body === undefined) {
      throw new ChannelError(
        `The shop at ${site.root} answered with something that is not WooCommerce data ("${snippet(text)}"); ` +
          'a plugin or the web host may be printing messages into the API.',
        { url: site.root, httpStatus: res.status },
      );
    }
    return { kind: 'answer', answer: { body, headers: res.headers, shop: site.root } };
  }
  throw refusal(site, res, body, text);
}

function refusal(site: Site, res: Response, body: unknown, text: string): ChannelError {
  const code = wooField(body, 'code');
  const message = wooField(body, 'message') ?? snippet(text);
  const details = { url: site.root, httpStatus: res.status, ...(code === undefined ? {} : { providerCode: code }) };
  if (res.status === 401) {
    // Over HTTPS this code means the key never arrived: some web servers drop the Authorization header.
    const hint = code === 'woocommerce_rest_cannot_view' ? ' (the shop did not receive the key at all)' : '';
    return new ChannelError(`WooCommerce refused the consumer key: ${stripTags(message)}${hint}`, details);
  }
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.get('location') ?? 'another address';
    return new ChannelError(
      `The shop at ${site.root} sends PackDesk on to ${to}; enter that address for the shop instead.`,
      details,
    );
  }
  if (res.status === 404 && code === 'rest_no_route') {
    return new ChannelError(
      `The shop at ${site.root} has no WooCommerce REST API (404 rest_no_route); check the address, that WooCommerce ` +
        'is active and that permalinks in WordPress are not set to "Plain".',
      details,
    );
  }
  return new ChannelError(
    `The shop at ${site.root} refused the request (${res.status}${code ? ` ${code}` : ''}): ${stripTags(message)}`,
    details,
  );
}

function giveUpMessage(root: string, failures: readonly string[]): string {
  const last = failures.at(-1) ?? '';
  // One try is the caller's choice (the outbox tries again itself): no advice, just what happened.
  if (failures.length === 1) return `The shop at ${root} ${last}.`;
  const times = timesInWords(failures.length);
  if (failures.every((f) => f === last)) return `The shop at ${root} ${last} ${times}; try again later.`;
  return `The shop at ${root} failed ${times} in a row (last it ${last}); try again later.`;
}

function timesInWords(n: number): string {
  return ['', 'once', 'twice', 'three times', 'four times', 'five times'][n] ?? `${n} times`;
}

/** What went wrong below HTTP, in words; undici hides the system error code in `cause`. */
function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}`;
  }
  const code = systemCode(error);
  if (code === 'ECONNREFUSED') return 'refused the connection';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not be found (check the address)';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return 'dropped the connection mid-answer';
  }
  if (code?.includes('CERT')) return 'has an HTTPS certificate PackDesk cannot trust';
  return `could not be reached${code ? ` (${code})` : ''}`;
}

function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

/** Retry-After is seconds or an HTTP date; the wait is bounded so a pull never hangs for long. */
function retryAfterMs(header: string | null, capMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const ms = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? null : Math.min(Math.max(ms, 0), capMs);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function wooField(body: unknown, key: 'code' | 'message'): string | undefined {
  if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([:;,.!?])/g, '$1')
    .trim();
}

function snippet(text: string): string {
  const plain = stripTags(text);
  return plain.length > 80 ? `${plain.slice(0, 80)}…` : plain;
}
