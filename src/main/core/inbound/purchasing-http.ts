/**
 * The seed 004 purchasing server (`/api/aggregation/purchasing/`): Bearer token, DRF page-number
 * paging (`count/next/previous/results`), the seed's filters, `search` and `ordering`, detail and
 * PATCH. It answers raw records; purchasing-record.ts reads them. Refusals become ChannelErrors
 * in words ("The purchasing server refused the token ...").
 */
import type { ChannelConnection } from '../channels/channel-adapter';
import { ChannelError } from '../channels/channel-error';
import {
  baseUrlOf,
  DEFAULT_HTTP_RETRY,
  parseJson,
  sendWithRetry,
  snippet,
  type HttpRetryOptions,
} from '../channels/provider-http';

const PREFIX = '/api/aggregation/purchasing/';

/** The list's filters as the seed names them. */
export const PURCHASING_FILTERS = [
  'delivery_status',
  'payment_method',
  'order_number',
  'official_account',
  'tracking_number',
  'batch_encoding',
  'batch_level_1',
  'batch_level_2',
  'batch_level_3',
  'creation_source',
  'is_locked',
  'is_deleted',
  'search',
  'ordering',
  'page_size',
] as const;
export type PurchasingQuery = Partial<Record<(typeof PURCHASING_FILTERS)[number], string>>;

export interface DrfPage {
  count: number;
  /** The server's own address of the next page; null on the last. */
  next: string | null;
  results: unknown[];
}

export interface PurchasingClient {
  /** The first page of a query, or the page a previous answer's `next` names. */
  listPage(conn: ChannelConnection, from: { query: PurchasingQuery } | { next: string }): Promise<DrfPage>;
  getOrder(conn: ChannelConnection, externalId: string): Promise<unknown>;
  patchOrder(conn: ChannelConnection, externalId: string, body: Record<string, unknown>): Promise<unknown>;
  testConnection(conn: ChannelConnection): Promise<void>;
}

export function createPurchasingClient(options: Partial<HttpRetryOptions> = {}): PurchasingClient {
  const http: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, ...options };

  async function call(conn: ChannelConnection, url: string, init: RequestInit = {}): Promise<unknown> {
    const root = rootOf(conn);
    const who = `The purchasing server at ${root}`;
    const headers = { Accept: 'application/json', Authorization: `Bearer ${conn.apiKey}`, ...init.headers };
    const answer = await sendWithRetry(who, () => ({ url, init: { ...init, headers } }), http, root);
    const body = parseJson(answer.text);
    const detail = isRecord(body) && typeof body.detail === 'string' ? body.detail : snippet(answer.text);
    const details = { url: root, httpStatus: answer.status };
    if (answer.status === 401) {
      throw new ChannelError(
        `The purchasing server refused the token (${detail}); enter its BATCH_STATS_API_TOKEN as the API token.`,
        details,
      );
    }
    if (answer.status === 403)
      throw new ChannelError(`The purchasing server says this token may not do that (${detail}).`, details);
    if (answer.status === 404)
      throw new ChannelError(`${who} does not know that address or record (${detail}).`, details);
    if (answer.status === 400) {
      throw new ChannelError(`${who} refused the change: ${isRecord(body) ? fieldErrors(body) : detail}`, {
        ...details,
        refused: true,
      });
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new ChannelError(`${who} answered ${answer.status} (${detail}).`, details);
    }
    if (body === undefined) {
      throw new ChannelError(
        `${who} answered with something that is not purchasing data ("${snippet(answer.text)}").`,
        details,
      );
    }
    return body;
  }

  const client: PurchasingClient = {
    async listPage(conn, from) {
      const root = rootOf(conn);
      let url: string;
      if ('next' in from) {
        // The token goes only where the account points: a `next` elsewhere is not followed.
        if (!from.next.startsWith(`${root}${PREFIX}`)) {
          throw new ChannelError(
            `The purchasing server sent a next page at another address (${from.next}); PackDesk did not follow it.`,
          );
        }
        url = from.next;
      } else {
        const u = new URL(`${root}${PREFIX}`);
        for (const [k, v] of Object.entries(from.query)) if (v !== undefined && v !== '') u.searchParams.set(k, v);
        url = u.toString();
      }
      const body = await call(conn, url);
      if (!isRecord(body) || !Array.isArray(body.results)) {
        throw new ChannelError(`The purchasing server at ${root} answered the list without its results.`, {
          url: root,
        });
      }
      return {
        count: typeof body.count === 'number' ? body.count : body.results.length,
        next: typeof body.next === 'string' && body.next !== '' ? body.next : null,
        results: body.results,
      };
    },
    getOrder: (conn, externalId) => call(conn, `${rootOf(conn)}${PREFIX}${encodeURIComponent(externalId)}/`),
    patchOrder: (conn, externalId, body) =>
      call(conn, `${rootOf(conn)}${PREFIX}${encodeURIComponent(externalId)}/`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async testConnection(conn) {
      await client.listPage(conn, { query: { page_size: '1' } });
    },
  };
  return client;
}

export const purchasingClient: PurchasingClient = createPurchasingClient();

function rootOf(conn: ChannelConnection): string {
  const url = baseUrlOf(conn.baseUrl, 'The purchasing server address');
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/aggregation\/purchasing$/, '')}`;
}

/** DRF's 400 body `{"field": ["why"]}` as one line. */
function fieldErrors(body: Record<string, unknown>): string {
  return Object.entries(body)
    .map(([field, why]) => `${field}: ${Array.isArray(why) ? why.join(' ') : String(why)}`)
    .join('; ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
