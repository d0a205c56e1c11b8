/**
 * Reading a shop's WooCommerce REST API v3: signing as WooCommerce demands (HTTP Basic over
 * HTTPS; one-legged OAuth 1.0a over plain HTTP, where WooCommerce refuses Basic) and turning its
 * refusals into a ChannelError a packer can act on. Retries live in provider-http.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { ChannelConnection } from './channel-adapter';
import { ChannelError } from './channel-error';
import {
  baseUrlOf,
  parseJson,
  sendWithRetry,
  snippet,
  stripTags,
  type HttpAnswer,
  type HttpRequest,
  type HttpRetryOptions,
} from './provider-http';

export interface WooAnswer {
  body: unknown;
  headers: Headers;
  /** The shop's address as messages show it. */
  shop: string;
}

/** GET `{site}/wp-json/wc/v3{path}?{query}`; resolves with parsed JSON or throws ChannelError. */
export function wooGet(
  conn: ChannelConnection,
  path: string,
  query: Readonly<Record<string, string>>,
  http: HttpRetryOptions,
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
 * One call to the shop. A read is retried as provider-http explains; a write is tried once,
 * because a write whose answer was lost may have happened: the caller reads the shop before
 * writing again.
 */
export async function wooRequest(conn: ChannelConnection, req: WooRequest, http: HttpRetryOptions): Promise<WooAnswer> {
  const site = siteOf(conn.baseUrl);
  const path = `/wp-json/${req.namespace ?? 'wc/v3'}${req.path}`;
  const tries = req.method === 'GET' ? http : { ...http, maxAttempts: 1 };
  // Signed afresh for every try: WooCommerce refuses a nonce it has seen, even on a failed request.
  const answer = await sendWithRetry(
    `The shop at ${site.root}`,
    () => {
      const signed = signedRequest(conn, site, req.method, path, req.query ?? {});
      if (req.body === undefined) return signed;
      const headers = { ...(signed.init?.headers as Record<string, string>), 'Content-Type': 'application/json' };
      return { url: signed.url, init: { method: req.method, headers, body: JSON.stringify(req.body) } };
    },
    tries,
    site.root,
  );
  const body = parseJson(answer.text);
  if (answer.status >= 200 && answer.status < 300) {
    if (body === undefined) {
      throw new ChannelError(
        `The shop at ${site.root} answered with something that is not WooCommerce data ("${snippet(answer.text)}"); ` +
          'a plugin or the web host may be printing messages into the API.',
        { url: site.root, httpStatus: answer.status },
      );
    }
    return { body, headers: answer.headers, shop: site.root };
  }
  throw refusal(site, answer, body);
}

interface Site {
  /** scheme://host[:port][/subfolder], normalised (lower-case host, no default port), no trailing slash. */
  root: string;
  https: boolean;
}

function siteOf(baseUrl: string): Site {
  const url = baseUrlOf(baseUrl, 'The shop address');
  return { root: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, https: url.protocol === 'https:' };
}

function signedRequest(
  conn: ChannelConnection,
  site: Site,
  method: WooRequest['method'],
  path: string,
  query: Readonly<Record<string, string>>,
): HttpRequest {
  const endpoint = `${site.root}${path}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (site.https) {
    headers.Authorization = `Basic ${Buffer.from(`${conn.apiKey}:${conn.apiSecret}`, 'utf8').toString('base64')}`;
    return { url: withQuery(endpoint, Object.entries(query)), init: { method, headers } };
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
  return { url: withQuery(unsigned, oauthParams), init: { method, headers } };
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

function refusal(site: Site, answer: HttpAnswer, body: unknown): ChannelError {
  const code = wooField(body, 'code');
  const message = wooField(body, 'message') ?? snippet(answer.text);
  const details = { url: site.root, httpStatus: answer.status, ...(code === undefined ? {} : { providerCode: code }) };
  if (answer.status === 401) {
    // WooCommerce answers a key it does not know (over HTTPS) as if none came, and some web servers drop the Authorization header.
    const hint =
      code === 'woocommerce_rest_cannot_view'
        ? ' (the shop does not know this key, or never received it: some web servers drop the Authorization header)'
        : '';
    return new ChannelError(`WooCommerce refused the consumer key: ${stripTags(message)}${hint}`, details);
  }
  if (answer.status >= 300 && answer.status < 400) {
    const to = answer.headers.get('location') ?? 'another address';
    return new ChannelError(
      `The shop at ${site.root} sends PackDesk on to ${to}; enter that address for the shop instead.`,
      details,
    );
  }
  if (answer.status === 404 && code === 'rest_no_route') {
    return new ChannelError(
      `The shop at ${site.root} has no WooCommerce REST API (404 rest_no_route); check the address, that WooCommerce ` +
        'is active and that permalinks in WordPress are not set to "Plain".',
      details,
    );
  }
  return new ChannelError(
    `The shop at ${site.root} refused the request (${answer.status}${code ? ` ${code}` : ''}): ${stripTags(message)}`,
    details,
  );
}

function wooField(body: unknown, key: 'code' | 'message'): string | undefined {
  if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
