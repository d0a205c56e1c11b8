/**
 * The check WooCommerce makes on requests over HTTPS (class-wc-rest-authentication.php,
 * perform_basic_authentication): the consumer key and secret from `consumer_key` /
 * `consumer_secret` in the query if both are there, else from HTTP Basic. WooCommerce says nothing
 * about a key it does not know (the request goes on logged out and the route answers
 * woocommerce_rest_cannot_*); only a known key with the wrong secret is refused in words.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AuthOutcome, OAuthCheckOptions } from './oauth-check';

export interface BasicRequest {
  query: readonly (readonly [string, string])[];
  authorization: string | undefined;
}

/** Null when the request offers no key this way (WooCommerce then tries OAuth). */
export function checkBasicAuth(keys: OAuthCheckOptions, req: BasicRequest): AuthOutcome | null {
  const offered = basicCredentials(req);
  if (!offered) return null;
  if (!sameText(offered.key, keys.consumerKey)) return { kind: 'anonymous' };
  if (!sameText(offered.secret, keys.consumerSecret)) {
    return {
      kind: 'refused',
      error: { status: 401, code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.' },
    };
  }
  return { kind: 'authenticated' };
}

/** Whether the request carries a key for Basic authentication at all, in either place. */
export function offersBasic(req: BasicRequest): boolean {
  return basicCredentials(req) !== null;
}

function basicCredentials(req: BasicRequest): { key: string; secret: string } | null {
  const param = (name: string): string => req.query.findLast(([k]) => k === name)?.[1] ?? '';
  if (param('consumer_key') !== '' && param('consumer_secret') !== '') {
    return { key: param('consumer_key'), secret: param('consumer_secret') };
  }
  const match = /^Basic\s+(\S+)$/i.exec(req.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // PHP fills PHP_AUTH_USER and PHP_AUTH_PW only for "user:password"; WooCommerce wants both non-empty.
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length === y.length && timingSafeEqual(x, y);
}
