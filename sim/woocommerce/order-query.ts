/**
 * `GET /wc/v3/orders` arguments, validated against WooCommerce's collection schema (the same
 * limits, defaults and error messages), and the filtering, sorting and paging they ask for.
 */
import { invalidParams, notOneOf, type ParamProblem, type WooRestError } from './rest-error';
import { dateParamAsSiteWallClock } from './site-time';
import { WOO_ORDER_STATUSES, type WooOrder } from './types';

const LIST_STATUSES = ['any', 'trash', ...WOO_ORDER_STATUSES] as const;
const ORDERBY = ['date', 'id', 'include', 'title', 'slug', 'modified'] as const;
const ORDER = ['asc', 'desc'] as const;
/** Which date a bound filters on: creation (`after`, `before`) or last change (`modified_*`). */
const DATE_BOUNDS = [
  { param: 'after', field: 'created', cmp: 1 },
  { param: 'before', field: 'created', cmp: -1 },
  { param: 'modified_after', field: 'modified', cmp: 1 },
  { param: 'modified_before', field: 'modified', cmp: -1 },
] as const;

interface DateBound {
  field: 'created' | 'modified';
  /** 1: the order's date must be later than `wallClock`; -1: earlier. */
  cmp: 1 | -1;
  wallClock: string;
}

export interface OrderListQuery {
  page: number;
  perPage: number;
  /** null: any status but trash. */
  statuses: ReadonlySet<string> | null;
  dateBounds: DateBound[];
  datesAreGmt: boolean;
  orderby: (typeof ORDERBY)[number];
  order: (typeof ORDER)[number];
  search: string;
}

export function parseOrderListQuery(params: URLSearchParams): { query: OrderListQuery } | { error: WooRestError } {
  const problems: Record<string, ParamProblem> = {};
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    if (!/^-?\d+$/.test(raw.trim())) {
      problems[name] = { code: 'rest_invalid_type', message: `${name} is not of type integer.` };
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      problems[name] = {
        code: 'rest_out_of_bounds',
        message:
          max === Infinity
            ? `${name} must be greater than or equal to ${min}`
            : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`,
      };
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const found = allowed.find((a) => a === raw);
    if (found === undefined) problems[name] = notOneOf(name, allowed);
    return found ?? fallback;
  };

  const page = integer('page', 1, 1, Infinity);
  const perPage = integer('per_page', 10, 1, 100);
  const orderby = oneOf('orderby', ORDERBY, 'date');
  const order = oneOf('order', ORDER, 'desc');

  // WordPress accepts an array argument as a comma separated list.
  const statusList = (params.get('status') ?? 'any').split(',').map((s) => s.trim());
  const badIndex = statusList.findIndex((s) => !(LIST_STATUSES as readonly string[]).includes(s));
  if (badIndex >= 0) problems.status = notOneOf(`status[${badIndex}]`, LIST_STATUSES);

  const gmtFlag = params.get('dates_are_gmt');
  if (gmtFlag !== null && !['true', 'false', '1', '0'].includes(gmtFlag)) {
    problems.dates_are_gmt = { code: 'rest_invalid_type', message: 'dates_are_gmt is not of type boolean.' };
  }

  const dateBounds: DateBound[] = [];
  for (const { param, field, cmp } of DATE_BOUNDS) {
    const raw = params.get(param);
    if (raw === null) continue;
    const wallClock = dateParamAsSiteWallClock(raw);
    if (wallClock === null) problems[param] = { code: 'rest_invalid_date', message: 'Invalid date.' };
    else dateBounds.push({ field, cmp, wallClock });
  }

  if (Object.keys(problems).length > 0) return { error: invalidParams(problems) };
  return {
    query: {
      page,
      perPage,
      statuses: statusList.includes('any') ? null : new Set(statusList),
      dateBounds,
      datesAreGmt: gmtFlag === 'true' || gmtFlag === '1',
      orderby,
      order,
      search: (params.get('search') ?? '').trim().toLowerCase(),
    },
  };
}

export interface OrderListPage {
  orders: WooOrder[];
  total: number;
  totalPages: number;
}

/**
 * Every order of the query's statuses and search, in its order, before its date bounds: what
 * MySQL's index walk would give. A client paging by `modified_after` asks with a new bound every
 * page, so the sorted list is kept per `matchKey` and the bounds cut from it by `withinDates`.
 */
export function sortedOrders(all: Iterable<WooOrder>, q: OrderListQuery): WooOrder[] {
  const matching = [...all].filter(
    (o) =>
      (q.statuses === null ? o.status !== 'trash' : q.statuses.has(o.status)) &&
      (q.search === '' || searchText(o).includes(q.search)),
  );
  const direction = q.order === 'asc' ? 1 : -1;
  const sortKey = (o: WooOrder): string => {
    if (q.orderby === 'modified') return o.date_modified_gmt;
    if (q.orderby === 'id' || q.orderby === 'include') return String(o.id).padStart(20, '0');
    return o.date_created_gmt;
  };
  // Ties fall back to the id so pages never overlap or skip, as MySQL's order would not promise.
  matching.sort((a, b) => direction * (compareText(sortKey(a), sortKey(b)) || a.id - b.id));
  return matching;
}

/**
 * The orders of a sorted list within the query's date bounds, which are exclusive as WP_Date_Query's.
 * A bound on the date the list is sorted by cuts one end off by binary search, as an index would.
 */
export function withinDates(sorted: readonly WooOrder[], q: OrderListQuery): readonly WooOrder[] {
  const sortedBy =
    q.orderby === 'modified' ? 'modified' : q.orderby === 'id' || q.orderby === 'include' ? null : 'created';
  let list = sorted;
  for (const b of q.dateBounds) {
    // Both sides are "YYYY-MM-DDTHH:MM:SS" in the same zone, so text order is time order.
    const inside = (o: WooOrder): boolean => compareText(dateOf(o, b.field, q.datesAreGmt), b.wallClock) === b.cmp;
    if (b.field !== sortedBy) {
      list = list.filter(inside);
    } else if ((q.order === 'asc') === (b.cmp === -1)) {
      list = list.slice(
        0,
        firstWhere(list, (o) => !inside(o)),
      );
    } else {
      list = list.slice(firstWhere(list, inside));
    }
  }
  return list;
}

function dateOf(o: WooOrder, field: DateBound['field'], gmt: boolean): string {
  if (field === 'created') return gmt ? o.date_created_gmt : o.date_created;
  return gmt ? o.date_modified_gmt : o.date_modified;
}

/** The first index where `test` holds, in a list where it holds from some index on (else its length). */
function firstWhere(list: readonly WooOrder[], test: (o: WooOrder) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Everything but the page and the date bounds: queries with the same key sort the same orders alike. */
export function matchKey(q: OrderListQuery): string {
  return JSON.stringify({
    ...q,
    page: 0,
    dateBounds: [],
    statuses: q.statuses === null ? null : [...q.statuses].sort(),
  });
}

export function pageOfMatching(matching: readonly WooOrder[], q: OrderListQuery): OrderListPage {
  const start = (q.page - 1) * q.perPage;
  return {
    orders: matching.slice(start, start + q.perPage),
    total: matching.length,
    totalPages: Math.ceil(matching.length / q.perPage),
  };
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** What WooCommerce's order search looks in: both addresses, the buyer's email and the item names. */
function searchText(o: WooOrder): string {
  const address = (a: WooOrder['shipping']): string =>
    [a.first_name, a.last_name, a.company, a.address_1, a.address_2, a.city, a.state, a.postcode, a.country].join(' ');
  return [
    String(o.id),
    o.number,
    address(o.billing),
    o.billing.email,
    address(o.shipping),
    ...o.line_items.map((i) => i.name),
  ]
    .join(' ')
    .toLowerCase();
}
