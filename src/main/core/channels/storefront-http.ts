/**
 * The seed 001 shop's three calls, through the shared retry layer: the order list, an order's
 * detail, and the Shopify proxy. The shop answers in two envelopes (the list in
 * `{success, message, data}`, the detail in `{code, msg, data}`); either is read wherever it comes.
 * A refusal about one order (订单不存在) is handed back for the caller to record on that order; a
 * refusal of the whole shop is thrown as a ChannelError in words.
 */
import { ChannelError } from './channel-error';
import { baseUrlOf, parseJson, sendWithRetry, snippet, type HttpRetryOptions } from './provider-http';

export type ShopReply = { ok: true; data: unknown } | { ok: false; httpStatus: number; message: string };

export interface ShopifyProxy {
  shopDomain: string;
  accessToken: string;
  shopId: number | null;
}

/** The shop's API root: the address as entered, with a trailing `/api` taken off (the calls add it). */
export function shopRoot(baseUrl: string): string {
  const url = baseUrlOf(baseUrl, 'The shop address');
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}

export async function shopGet(
  root: string,
  path: string,
  query: Record<string, string>,
  http: HttpRetryOptions,
): Promise<ShopReply> {
  const who = `The shop at ${root}`;
  const search = new URLSearchParams(query).toString();
  const answer = await sendWithRetry(
    who,
    () => ({ url: `${root}${path}${search ? `?${search}` : ''}`, init: { headers: { Accept: 'application/json' } } }),
    http,
    root,
  );
  const details = { url: root, httpStatus: answer.status };
  const envelope = envelopeOf(parseJson(answer.text));
  if (answer.status === 401 || answer.status === 403) {
    throw new ChannelError(
      `${who} asks for a login (${answer.status}${envelope ? ` ${envelope.message}` : ''}); ` +
        'its order API is read without one, as seed 001 documents it. Check the address.',
      details,
    );
  }
  if (!envelope) {
    throw new ChannelError(
      `${who} answered ${answer.status} with something that is not its order API ("${snippet(answer.text)}"); ` +
        'check the address (the part before /api/orders).',
      details,
    );
  }
  if (envelope.ok) return { ok: true, data: envelope.data };
  return { ok: false, httpStatus: answer.status, message: envelope.message || `answered ${answer.status}` };
}

/**
 * The Shopify order behind a shop order, or null when Shopify has no such order. A refused token
 * or shop is thrown: every other order would be refused the same way.
 */
export async function shopifyOrder(
  root: string,
  proxy: ShopifyProxy,
  shopifyId: string,
  http: HttpRetryOptions,
): Promise<Record<string, unknown> | null> {
  const query: Record<string, string> = { shop_domain: proxy.shopDomain, access_token: proxy.accessToken };
  if (proxy.shopId !== null) query.shop_id = String(proxy.shopId);
  const who = `The shop's Shopify proxy at ${root}`;
  // The seed sends these in a JSON body of a GET, which fetch cannot send; the query carries them.
  const answer = await sendWithRetry(
    who,
    () => ({
      url: `${root}/api/shopify/orders/${encodeURIComponent(shopifyId)}?${new URLSearchParams(query).toString()}`,
      init: { headers: { Accept: 'application/json' } },
    }),
    http,
    root,
  );
  const body = parseJson(answer.text);
  const details = { url: root, httpStatus: answer.status };
  if (!isRecord(body) || typeof body.success !== 'boolean') {
    throw new ChannelError(
      `${who} answered ${answer.status} with something that is not a Shopify order ("${snippet(answer.text)}").`,
      details,
    );
  }
  if (body.success && isRecord(body.order)) return body.order;
  const status = typeof body.status_code === 'number' ? body.status_code : answer.status;
  const error = typeof body.error === 'string' ? body.error : `answered ${status}`;
  if (status === 401 || status === 403) {
    throw new ChannelError(
      `Shopify refused the access token through the shop's proxy (${error}); ` +
        `enter the Admin API access token (shpat_…) of ${proxy.shopDomain}.`,
      { ...details, providerCode: String(status) },
    );
  }
  if (status === 404) return null;
  throw new ChannelError(`${who} refused order ${shopifyId}: ${error}`, { ...details, providerCode: String(status) });
}

interface Envelope {
  ok: boolean;
  message: string;
  data: unknown;
}

/** `{success, message, data}` or `{code, msg, data}` (code 0 is success); anything else is not the shop. */
function envelopeOf(body: unknown): Envelope | null {
  if (!isRecord(body)) return null;
  if (typeof body.success === 'boolean') {
    return { ok: body.success, message: words(body.message ?? body.msg), data: body.data };
  }
  const code = typeof body.code === 'number' ? body.code : typeof body.code === 'string' ? Number(body.code) : NaN;
  if (Number.isNaN(code)) return null;
  return { ok: code === 0, message: words(body.msg ?? body.message), data: body.data };
}

function words(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
