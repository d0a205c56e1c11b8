/**
 * The part of Shopify's order search and paging our queries use: `query` terms `updated_at:>…`,
 * `status:open` and `fulfillment_status:unfulfilled` (joined by spaces or AND), `sortKey:
 * UPDATED_AT` (then id), and opaque cursors that name the last order of a page, so a page stays
 * right while orders change between requests.
 */
import type { ShopifyOrder } from './types';
import { legacyId } from './types';

export interface OrderFilter {
  updatedAfter: number | null;
  openOnly: boolean;
  unfulfilledOnly: boolean;
}

/** null: a term the sim does not know (Shopify ignores unknown terms; we want tests to notice). */
export function parseSearch(query: string | null | undefined): OrderFilter | { error: string } {
  const filter: OrderFilter = { updatedAfter: null, openOnly: false, unfulfilledOnly: false };
  if (!query) return filter;
  for (const term of query.split(/\s+(?:AND\s+)?/).filter((t) => t && t !== 'AND')) {
    const updated = /^updated_at:>'?([^']+)'?$/.exec(term);
    if (updated?.[1]) {
      const ms = Date.parse(updated[1]);
      if (Number.isNaN(ms)) return { error: `Invalid date in search term: ${term}` };
      filter.updatedAfter = ms;
    } else if (term === 'status:open') filter.openOnly = true;
    else if (term === 'fulfillment_status:unfulfilled') filter.unfulfilledOnly = true;
    else return { error: `The simulator does not know the search term ${term}` };
  }
  return filter;
}

const UNFULFILLED = new Set(['UNFULFILLED', 'PARTIALLY_FULFILLED', 'ON_HOLD', 'IN_PROGRESS', 'OPEN', 'SCHEDULED']);

function matches(o: ShopifyOrder, f: OrderFilter): boolean {
  if (f.updatedAfter !== null && Date.parse(o.updatedAt) <= f.updatedAfter) return false;
  if (f.openOnly && (o.closed || o.cancelledAt !== null)) return false;
  if (f.unfulfilledOnly && !UNFULFILLED.has(o.displayFulfillmentStatus)) return false;
  return true;
}

interface Position {
  updatedAt: number;
  id: number;
}

export function cursorOf(o: ShopifyOrder): string {
  return Buffer.from(JSON.stringify({ u: Date.parse(o.updatedAt), i: legacyId(o.id) })).toString('base64');
}

function positionOf(cursor: string): Position | null {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { u?: unknown; i?: unknown };
    return typeof p.u === 'number' && typeof p.i === 'number' ? { updatedAt: p.u, id: p.i } : null;
  } catch {
    return null;
  }
}

const order = (a: Position, b: Position): number => a.updatedAt - b.updatedAt || a.id - b.id;
const at = (o: ShopifyOrder): Position => ({ updatedAt: Date.parse(o.updatedAt), id: legacyId(o.id) });

export function selectPage(
  orders: Iterable<ShopifyOrder>,
  filter: OrderFilter,
  first: number,
  after: string | null,
): { nodes: ShopifyOrder[]; hasNextPage: boolean } | { error: string } {
  const from = after === null ? null : positionOf(after);
  if (after !== null && from === null) return { error: 'Invalid cursor for current pagination.' };
  const sorted = [...orders]
    .filter((o) => matches(o, filter))
    .map((o) => ({ o, p: at(o) }))
    .sort((a, b) => order(a.p, b.p));
  const rest = from === null ? sorted : sorted.filter(({ p }) => order(p, from) > 0);
  return { nodes: rest.slice(0, first).map(({ o }) => o), hasNextPage: rest.length > first };
}
