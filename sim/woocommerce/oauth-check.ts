/**
 * The check WooCommerce makes on requests over plain HTTP (class-wc-rest-authentication.php):
 * one-legged OAuth 1.0a. Written by hand from RFC 5849, independent of any client library, so a
 * client that signs wrongly fails here as it would against a real shop. The checks run in
 * WooCommerce's order: parameters present, consumer key, signature, then timestamp and nonce, and
 * fail with WooCommerce's own messages.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WooRestError } from './rest-error';

export interface OAuthRequest {
  method: string;
  /** scheme://host[:port]/path as the client addressed it (RFC 5849 3.4.1.2), no query. */
  baseUri: string;
  /** Query string pairs, form-decoded, in the order they came. */
  query: readonly (readonly [string, string])[];
  authorization: string | undefined;
}

export type AuthOutcome = { kind: 'anonymous' } | { kind: 'authenticated' } | { kind: 'refused'; error: WooRestError };

export interface OAuthCheckOptions {
  consumerKey: string;
  consumerSecret: string;
}

const REQUIRED = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
] as const;
const WINDOW_SECONDS = 15 * 60;
const HASHES: Readonly<Record<string, string>> = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256' };

export function createOAuthCheck(keys: OAuthCheckOptions): (req: OAuthRequest, nowMs: number) => AuthOutcome {
  // A nonce only has to stay unique while its timestamp is inside the window.
  const usedNonces = new Map<string, number>();

  return (req, nowMs) => {
    const headerPairs = parseAuthorizationHeader(req.authorization);
    const value = (name: string): string =>
      headerPairs.findLast(([k]) => k === name)?.[1] ?? req.query.findLast(([k]) => k === name)?.[1] ?? '';

    const missing = REQUIRED.filter((name) => value(name) === '');
    // With none of them the client is not trying OAuth at all; the route's permission check answers.
    if (missing.length === REQUIRED.length) return { kind: 'anonymous' };
    if (missing.length > 0) {
      const noun = missing.length === 1 ? 'parameter' : 'parameters';
      return refuse(`Missing OAuth ${noun} ${missing.join(', ')}`, 'woocommerce_rest_authentication_missing_parameter');
    }

    if (value('oauth_consumer_key') !== keys.consumerKey) return refuse('Consumer key is invalid.');

    const hash = HASHES[value('oauth_signature_method')];
    if (!hash) return refuse('Invalid signature - signature method is invalid.');
    const signed = [...req.query, ...headerPairs].filter(([k]) => k !== 'oauth_signature');
    const expected = createHmac(hash, `${rfc3986(keys.consumerSecret)}&`)
      .update(signatureBaseString(req.method, req.baseUri, signed))
      .digest();
    // A "+" in a query string arrives as a space once form-decoded; WooCommerce puts it back.
    const provided = Buffer.from(value('oauth_signature').replaceAll(' ', '+'), 'base64');
    if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
      return refuse('Invalid signature - provided signature does not match.');
    }

    const stamp = value('oauth_timestamp');
    const nowSeconds = Math.floor(nowMs / 1000);
    if (!/^\d+$/.test(stamp) || Math.abs(Number(stamp) - nowSeconds) > WINDOW_SECONDS) {
      return refuse('Invalid timestamp.');
    }
    for (const [nonce, at] of usedNonces) if (at < nowSeconds - WINDOW_SECONDS) usedNonces.delete(nonce);
    const nonce = value('oauth_nonce');
    if (usedNonces.has(nonce)) return refuse('Invalid nonce - nonce has already been used.');
    usedNonces.set(nonce, Number(stamp));
    return { kind: 'authenticated' };
  };
}

function refuse(message: string, code = 'woocommerce_rest_authentication_error'): AuthOutcome {
  return { kind: 'refused', error: { status: 401, code, message } };
}

/** RFC 5849 3.4.1: METHOD & base URI & the sorted, encoded parameters, each part encoded again. */
export function signatureBaseString(
  method: string,
  baseUri: string,
  params: readonly (readonly [string, string])[],
): string {
  const normalized = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), rfc3986(baseUri), rfc3986(normalized)].join('&');
}

/** Byte order, as RFC 5849 asks; localeCompare would sort by language rules. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** RFC 3986 unreserved characters stay, everything else is %XX (encodeURIComponent leaves !'()* alone). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Authorization: OAuth oauth_x="v", ...`: only oauth_* parameters count, `realm` does not. */
function parseAuthorizationHeader(header: string | undefined): [string, string][] {
  if (!header?.startsWith('OAuth ')) return [];
  return [...header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [
    m[1] ?? '',
    formDecode(m[2] ?? m[3] ?? ''),
  ]);
}

/** PHP's urldecode: "+" is a space; a broken escape is kept as written rather than failing the request. */
export function formDecode(value: string): string {
  const spaced = value.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
