/**
 * Talking to a Shopify store's Admin GraphQL API at one pinned version: the access token header,
 * Shopify's leaky bucket respected before each query (from the last answer's
 * extensions.cost.throttleStatus, so we wait for the bucket instead of being refused), THROTTLED
 * answers (HTTP 200) waited out a bounded number of times, and refusals put into words.
 */
import type { ChannelConnection } from './channel-adapter';
import { ChannelError } from './channel-error';
import { baseUrlOf, parseJson, sendWithRetry, snippet, type HttpAnswer, type HttpRetryOptions } from './provider-http';

/** Pinned: Shopify changes fields between quarterly versions; we move deliberately, not by drift. */
export const SHOPIFY_API_VERSION = '2025-01';

export interface ShopifyHttpOptions extends HttpRetryOptions {
  /** THROTTLED answers in a row before giving up on a query. */
  maxThrottled: number;
}

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** The bucket as a store last told us, per store address, and what our last query cost. */
export type BucketMemory = Map<string, { status: ThrottleStatus; atMs: number; cost: number }>;

type Json = Record<string, unknown>;

export async function shopifyQuery(
  conn: ChannelConnection,
  query: string,
  variables: Json,
  http: ShopifyHttpOptions,
  buckets: BucketMemory,
): Promise<Json> {
  const url = baseUrlOf(conn.baseUrl, 'The store address');
  const root = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const endpoint = `${root}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  const body = JSON.stringify({ query, variables });
  for (let throttled = 0; ;) {
    await waitForBucket(buckets.get(root), http);
    const answer = await sendWithRetry(
      `The Shopify store at ${root}`,
      () => ({
        url: endpoint,
        init: {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'X-Shopify-Access-Token': conn.apiKey,
          },
          body,
        },
      }),
      http,
      root,
    );
    const json = parseJson(answer.text);
    if (answer.status !== 200) throw refusal(root, answer, json);
    if (!isRecord(json)) {
      throw new ChannelError(
        `The Shopify store at ${root} answered with something that is not Shopify data ("${snippet(answer.text)}").`,
        { url: root, httpStatus: answer.status },
      );
    }
    const cost = costOf(json);
    if (cost) buckets.set(root, { status: cost.status, atMs: Date.now(), cost: cost.requested });
    const errors = Array.isArray(json.errors) ? json.errors.filter(isRecord) : [];
    if (errors.some((e) => isRecord(e.extensions) && e.extensions.code === 'THROTTLED')) {
      throttled++;
      if (throttled >= http.maxThrottled) {
        throw new ChannelError(
          `Shopify kept asking PackDesk to slow down (throttled ${throttled} times in a row at ${root}); try again in a minute.`,
          { url: root, providerCode: 'THROTTLED' },
        );
      }
      // Nothing to go on (no cost in the answer): wait as the general backoff would.
      if (!cost) await http.sleep(http.backoffMs * 2 ** (throttled - 1));
      continue;
    }
    if (errors.length > 0) {
      const words = errors.map((e) => (typeof e.message === 'string' ? e.message : 'an error')).join('; ');
      throw new ChannelError(`The Shopify store at ${root} refused PackDesk's query: ${words}`, { url: root });
    }
    if (!isRecord(json.data)) {
      throw new ChannelError(`The Shopify store at ${root} answered without data.`, { url: root });
    }
    return json.data;
  }
}

/** Waits until the bucket, refilled since the last answer, holds what our last query cost. */
async function waitForBucket(
  memory: { status: ThrottleStatus; atMs: number; cost: number } | undefined,
  http: ShopifyHttpOptions,
): Promise<void> {
  if (!memory || memory.status.restoreRate <= 0) return;
  const { maximumAvailable, currentlyAvailable, restoreRate } = memory.status;
  const need = Math.min(memory.cost, maximumAvailable);
  const now = Math.min(maximumAvailable, currentlyAvailable + ((Date.now() - memory.atMs) / 1000) * restoreRate);
  if (now >= need) return;
  await http.sleep(Math.ceil(((need - now) / restoreRate) * 1000));
}

function costOf(json: Json): { requested: number; status: ThrottleStatus } | null {
  const cost = isRecord(json.extensions) && isRecord(json.extensions.cost) ? json.extensions.cost : null;
  const status = cost && isRecord(cost.throttleStatus) ? cost.throttleStatus : null;
  if (!cost || !status) return null;
  const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const max = n(status.maximumAvailable);
  const available = n(status.currentlyAvailable);
  const rate = n(status.restoreRate);
  const requested = n(cost.requestedQueryCost);
  if (max === null || available === null || rate === null || requested === null) return null;
  return { requested, status: { maximumAvailable: max, currentlyAvailable: available, restoreRate: rate } };
}

function refusal(root: string, answer: HttpAnswer, json: unknown): ChannelError {
  const said = isRecord(json) && typeof json.errors === 'string' ? json.errors : snippet(answer.text);
  const details = { url: root, httpStatus: answer.status };
  switch (answer.status) {
    case 401:
      return new ChannelError(
        `Shopify refused the access token: ${said}. Enter the Admin API access token (shpat_…) of the store's app.`,
        details,
      );
    case 402:
      return new ChannelError(`The Shopify store at ${root} is frozen (402 Payment Required): ${said}`, details);
    case 403:
      return new ChannelError(
        `Shopify does not let this access token read orders at ${root} (403): give the app the read_orders scope.`,
        details,
      );
    case 404:
      return new ChannelError(
        `There is no Shopify Admin API at ${root} (404); the address should look like https://your-store.myshopify.com.`,
        details,
      );
    default:
      if (answer.status >= 300 && answer.status < 400) {
        const to = answer.headers.get('location') ?? 'another address';
        return new ChannelError(
          `The Shopify store at ${root} sends PackDesk on to ${to}; enter that address instead.`,
          details,
        );
      }
      return new ChannelError(`The Shopify store at ${root} refused the request (${answer.status}): ${said}`, details);
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
