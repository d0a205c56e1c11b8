/**
 * iRCloud's order aggregation (seed 003) as an order source: `orders/search` with
 * `withDetails: true`, 100 a page by pageNum, newest first. Its `orderStatus` filter answers HTTP
 * 500, so the adapter asks for everything and filters on our side (IRCLOUD_STATUSES). The search
 * has no change filter either: an incremental pull walks every page too, but passes on only the
 * orders whose updateTime is after the last pull. Staff audit orders through `auditOrder`
 * (`order-audit`), queued in the outbox; code 525 (pay before delivery) comes back in words.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelAdapter, ChannelConnection, PullPage } from './channel-adapter';
import { ChannelError } from './channel-error';
import { createIrCloudClient, type IrEnvelope } from './ircloud-http';
import { mapIrOrder } from './ircloud-order-map';
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from './provider-http';

const PAGE_SIZE = 100;
const SEARCH = '/order-aggregation/organizations/orders/search';
const AUDIT = '/order-aggregation/organizations/orders/order-audit';
/** The audit's refusal for orders whose buyer pays before delivery and has not paid. */
const PREPAY_UNPAID = 525;

export interface IrCloudAdapterOptions extends HttpRetryOptions {
  now: () => number;
}

export function createIrCloudAdapter(options: Partial<IrCloudAdapterOptions> = {}): ChannelAdapter {
  const { now = Date.now, ...http } = options;
  const client = createIrCloudClient({ http: { ...DEFAULT_HTTP_RETRY, ...http }, now });
  return {
    provider: 'ircloud',

    async pullPage(conn, opts): Promise<PullPage> {
      const pageNum = pageOf(opts.cursor);
      const data = await search(conn, pageNum, PAGE_SIZE);
      const mapOpts = { country: setting(conn, 'country', 'CN') };
      const page: PullPage = { orders: [], invalid: [], next: null };
      for (const raw of data.items) {
        const mapped = mapIrOrder(raw, mapOpts);
        if ('invalid' in mapped) page.invalid.push(mapped.invalid);
        else if ('order' in mapped && (opts.modifiedAfter === null || mapped.order.modifiedAt > opts.modifiedAfter)) {
          page.orders.push(mapped.order);
        }
      }
      if (pageNum < data.totalPage && data.items.length > 0) page.next = String(pageNum + 1);
      return page;
    },

    async testConnection(conn): Promise<void> {
      await client.freshToken(conn);
      await search(conn, 1, 1);
    },

    async auditOrder(conn, externalId): Promise<void> {
      const id = Number(externalId);
      if (!Number.isSafeInteger(id)) throw new AppError('bad_request', `"${externalId}" is not an iRCloud order id.`);
      const answer = await client.call(conn, 'PUT', AUDIT, { ids: [id] });
      if (answer.code === 200) return;
      const details = { providerCode: String(answer.code), refused: true };
      if (answer.code === PREPAY_UNPAID) {
        throw new ChannelError(
          `iRCloud will not audit this order yet: ${answer.message} (525: the customer pays before delivery; audit again once it is paid).`,
          details,
        );
      }
      throw new ChannelError(`iRCloud refused the audit: ${answer.code} ${answer.message}`, details);
    },
  };

  async function search(conn: ChannelConnection, pageNum: number, pageSize: number): Promise<SearchPage> {
    // Never `orderStatus`: the server answers HTTP 500 to it (seed 003).
    const answer = await client.call(conn, 'POST', SEARCH, { pageNum, pageSize, withDetails: true });
    return searchPage(answer);
  }
}

export const ircloudAdapter: ChannelAdapter = createIrCloudAdapter();

interface SearchPage {
  items: unknown[];
  totalPage: number;
}

function searchPage(answer: IrEnvelope): SearchPage {
  if (answer.code !== 200) {
    throw new ChannelError(`iRCloud refused the order search: ${answer.code} ${answer.message}`, {
      providerCode: String(answer.code),
    });
  }
  const data = answer.data;
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { items?: unknown }).items)) {
    throw new ChannelError('iRCloud answered the order search without a list of orders (data.items).');
  }
  const { items, totalPage } = data as { items: unknown[]; totalPage?: unknown };
  return { items, totalPage: typeof totalPage === 'number' ? totalPage : 1 };
}

function pageOf(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d*$/.test(cursor)) throw new AppError('internal', `"${cursor}" is not an iRCloud page cursor.`);
  return Number(cursor);
}

function setting(conn: ChannelConnection, key: string, fallback: string): string {
  const value = conn.settings[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
