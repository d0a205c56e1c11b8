/**
 * The WooCommerce simulator against WooCommerce's documented behaviour: paging headers, argument
 * limits, filters, and the OAuth 1.0a checks it makes over plain HTTP. Requests are signed here
 * with the oauth-1.0a library, independent of the simulator's own verification.
 */
import { createHmac, randomUUID } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import type { WooOrder } from '../../sim/woocommerce/types';

const NOW = new Date('2026-11-24T09:00:00Z');
const ORDERS = sampleWooOrders({ count: 25, now: NOW });

let sim: WooSim;
beforeAll(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: ORDERS });
});
afterAll(() => sim.close());

interface Signing {
  key?: string;
  secret?: string;
  nonce?: string;
  timestamp?: number;
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256';
  inHeader?: boolean;
  method?: string;
}

function encode(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** A request signed as a WooCommerce client signs it, with every part overridable to break it. */
function signed(path: string, query: Record<string, string> = {}, s: Signing = {}): { url: string; init: RequestInit } {
  const signatureMethod = s.signatureMethod ?? 'HMAC-SHA256';
  const oauth = new OAuth({
    consumer: { key: s.key ?? KEY, secret: s.secret ?? SECRET },
    signature_method: signatureMethod,
    hash_function: (base, key) =>
      createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
        .update(base)
        .digest('base64'),
  });
  const pairs = Object.entries(query);
  const url = `${sim.url}/wp-json/wc/v3${path}${pairs.length ? `?${encode(pairs)}` : ''}`;
  const method = s.method ?? 'GET';
  const data: OAuth.Data = {
    oauth_consumer_key: s.key ?? KEY,
    oauth_nonce: s.nonce ?? randomUUID(),
    oauth_signature_method: signatureMethod,
    oauth_timestamp: s.timestamp ?? Math.floor(Date.now() / 1000),
    oauth_version: '1.0',
  };
  // getSignature merges the query into the object it is given, so it gets a copy.
  const auth: OAuth.Authorization = {
    ...data,
    oauth_signature: oauth.getSignature({ url, method }, undefined, { ...data }),
  };
  if (s.inHeader) return { url, init: { method, headers: { ...oauth.toHeader(auth) } } };
  const oauthPairs = Object.entries(auth).map(([k, v]): [string, string] => [k, String(v)]);
  return { url: `${url}${pairs.length ? '&' : '?'}${encode(oauthPairs)}`, init: { method } };
}

async function call(req: {
  url: string;
  init: RequestInit;
}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(req.url, req.init);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const ids = (body: unknown): number[] => (body as WooOrder[]).map((o) => o.id);

describe('order list', () => {
  it('pages with X-WP-Total, X-WP-TotalPages and a Link header', async () => {
    const middle = await call(signed('/orders', { page: '2', per_page: '10', orderby: 'id', order: 'asc' }));
    expect(middle.status).toBe(200);
    expect(middle.headers.get('x-wp-total')).toBe('25');
    expect(middle.headers.get('x-wp-totalpages')).toBe('3');
    expect(ids(middle.body)).toEqual(ORDERS.slice(10, 20).map((o) => o.id));
    const link = middle.headers.get('link') ?? '';
    expect(link).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/wp-json\/wc\/v3\/orders\?[^>]*page=1[^>]*>; rel="prev"/);
    expect(link).toMatch(/<[^>]*page=3[^>]*>; rel="next"/);
    expect(link).not.toContain('oauth_');

    const last = await call(signed('/orders', { page: '3', per_page: '10' }));
    expect((last.body as unknown[]).length).toBe(5);
    expect(last.headers.get('link')).not.toContain('rel="next"');

    const beyond = await call(signed('/orders', { page: '9', per_page: '10' }));
    expect(beyond.body).toEqual([]);
  });

  it('sends 10 per page by default, newest first', async () => {
    const res = await call(signed('/orders'));
    expect(ids(res.body)).toEqual(
      [...ORDERS]
        .reverse()
        .slice(0, 10)
        .map((o) => o.id),
    );
  });

  it('refuses more than 100 per page as WordPress does', async () => {
    const res = await call(signed('/orders', { per_page: '101' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): per_page',
      data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } },
    });
  });

  it('filters by a comma separated status list; "any" leaves out nothing but trash', async () => {
    const waiting = await call(signed('/orders', { status: 'processing,on-hold', per_page: '100' }));
    const expected = ORDERS.filter((o) => o.status === 'processing' || o.status === 'on-hold');
    expect(ids(waiting.body).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(expected.length).toBeLessThan(ORDERS.length);

    const done = await call(signed('/orders', { status: 'completed' }));
    expect((done.body as WooOrder[]).map((o) => o.status)).toEqual(['completed']);

    const any = await call(signed('/orders', { status: 'any', per_page: '100' }));
    expect((any.body as unknown[]).length).toBe(25);

    const bad = await call(signed('/orders', { status: 'shipped' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'rest_invalid_param', message: 'Invalid parameter(s): status' });
  });

  it('filters by modified_after, reading a zone-less date as UTC with dates_are_gmt', async () => {
    const pivot = ORDERS[20] as WooOrder;
    const cutoff = new Date(Date.parse(`${pivot.date_modified_gmt}Z`) - 30 * 60_000);
    const after = (instant: Date) =>
      ORDERS.filter((o) => Date.parse(`${o.date_modified_gmt}Z`) > instant.getTime())
        .map((o) => o.id)
        .sort();

    const zoneless = cutoff.toISOString().slice(0, 19);
    const res = await call(signed('/orders', { modified_after: zoneless, dates_are_gmt: 'true', per_page: '100' }));
    expect(ids(res.body).sort()).toEqual(after(cutoff));
    expect(ids(res.body)).toContain(pivot.id);

    // WordPress turns a date with a zone into site time (UTC+1 here) before comparing it with the UTC column.
    const zoned = await call(
      signed('/orders', { modified_after: cutoff.toISOString(), dates_are_gmt: 'true', per_page: '100' }),
    );
    expect(ids(zoned.body).sort()).toEqual(after(new Date(cutoff.getTime() + 60 * 60_000)));
    expect(ids(zoned.body)).not.toContain(pivot.id);
  });

  it('finds orders by search text in the address', async () => {
    const res = await call(signed('/orders', { search: 'łódź', per_page: '100' }));
    expect((res.body as WooOrder[]).every((o) => o.shipping.city === 'Łódź')).toBe(true);
    expect((res.body as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('single orders and notes', () => {
  it('answers one order, or WooCommerce\'s "Invalid ID." error', async () => {
    const one = await call(signed('/orders/1001'));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 1001, number: '1001', shipping: { last_name: '陈', first_name: '尧' } });

    const none = await call(signed('/orders/99999'));
    expect(none.status).toBe(404);
    expect(none.body).toEqual({
      code: 'woocommerce_rest_shop_order_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
  });

  it('changes the status with PUT and adds a note with POST', async () => {
    const put = signed('/orders/1002', {}, { method: 'PUT' });
    const updated = await call({
      url: put.url,
      init: {
        ...put.init,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'completed' }),
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: 1002, status: 'completed' });
    expect(sim.getOrder(1002)?.date_modified_gmt).not.toBe(ORDERS[1]?.date_modified_gmt);

    const post = signed('/orders/1002/notes', {}, { method: 'POST' });
    const note = await call({
      url: post.url,
      init: {
        ...post.init,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ note: 'Shipped with DHL 00340434161094042557', customer_note: true }),
      },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ note: 'Shipped with DHL 00340434161094042557', customer_note: true });
    expect(sim.notes(1002)).toHaveLength(1);
  });
});

describe('authentication over plain HTTP', () => {
  const authError = (message: string) => ({
    code: 'woocommerce_rest_authentication_error',
    message,
    data: { status: 401 },
  });

  it('accepts OAuth in the query or the Authorization header, HMAC-SHA256 or HMAC-SHA1', async () => {
    expect((await call(signed('/orders', { per_page: '1' }))).status).toBe(200);
    expect(
      (await call(signed('/orders', { per_page: '1' }, { inHeader: true, signatureMethod: 'HMAC-SHA1' }))).status,
    ).toBe(200);
  });

  it('does not accept HTTP Basic: the request stays anonymous and may not list orders', async () => {
    const basic = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
    const res = await call({
      url: `${sim.url}/wp-json/wc/v3/orders`,
      init: { headers: { Authorization: `Basic ${basic}` } },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
  });

  it('refuses a wrong secret, a wrong key, a reused nonce and a stale timestamp', async () => {
    const wrongSecret = await call(signed('/orders', {}, { secret: 'cs_wrong' }));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toEqual(authError('Invalid signature - provided signature does not match.'));

    expect((await call(signed('/orders', {}, { key: 'ck_wrong' }))).body).toEqual(
      authError('Consumer key is invalid.'),
    );

    const nonce = randomUUID();
    expect((await call(signed('/orders', {}, { nonce }))).status).toBe(200);
    expect((await call(signed('/orders', {}, { nonce }))).body).toEqual(
      authError('Invalid nonce - nonce has already been used.'),
    );

    const stale = Math.floor(Date.now() / 1000) - 16 * 60;
    expect((await call(signed('/orders', {}, { timestamp: stale }))).body).toEqual(authError('Invalid timestamp.'));
  });

  it('refuses a query changed after signing, and names missing OAuth parameters', async () => {
    const req = signed('/orders', { page: '1' });
    const tampered = await call({ url: req.url.replace('page=1', 'page=2'), init: req.init });
    expect(tampered.body).toEqual(authError('Invalid signature - provided signature does not match.'));

    const partial = await call({ url: `${sim.url}/wp-json/wc/v3/orders?oauth_consumer_key=${KEY}`, init: {} });
    expect(partial.status).toBe(401);
    expect(partial.body).toMatchObject({
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, oauth_signature_method',
    });
  });
});

describe('misbehaviour', () => {
  it('answers 429 with Retry-After from in front of the shop, then recovers', async () => {
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const limited = await fetch(signed('/orders').url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call(signed('/orders'))).status).toBe(200);
    expect(sim.requests.byPath['/wp-json/wc/v3/orders']).toBeGreaterThan(1);
  });
});
