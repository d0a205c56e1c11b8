/** What the queue already holds in react-query's cache, for selection and for naming orders. */
import type { OrderDetail, OrderRow } from '../../../shared/dto';
import type { StatusTab } from '../state/ui-store';
import { fetchOrderPage, ORDER_PAGE_SIZE, queryKeys } from './queries';
import { queryClient } from './query-client';
import type { QueueSource } from './queue-source';

/** Rows of every page of this tab, search and source that is already loaded, in queue order. */
export function loadedRows(status: StatusTab, search: string, source: QueueSource): OrderRow[] {
  const entries = queryClient.getQueriesData<OrderRow[]>({ queryKey: queryKeys.orderPagesOf(status, search, source) });
  return entries
    .filter((entry): entry is [readonly unknown[], OrderRow[]] => entry[1] !== undefined)
    .sort((a, b) => Number(a[0][5]) - Number(b[0][5]))
    .flatMap(([, page]) => page);
}

/** The row at a position of the queue, if its page is loaded. */
export function rowAt(status: StatusTab, search: string, source: QueueSource, index: number): OrderRow | undefined {
  const page = queryClient.getQueryData<OrderRow[]>(
    queryKeys.orderPage(status, search, source, Math.floor(index / ORDER_PAGE_SIZE)),
  );
  return page?.[index % ORDER_PAGE_SIZE];
}

/** Every row of this tab, search and source (fetching the pages not loaded yet); for "select all N". */
export async function allRows(
  status: StatusTab,
  search: string,
  source: QueueSource,
  total: number,
): Promise<OrderRow[]> {
  const pageCount = Math.ceil(total / ORDER_PAGE_SIZE);
  const pages = await Promise.all(
    Array.from({ length: pageCount }, (_, pageIndex) =>
      queryClient.ensureQueryData({
        queryKey: queryKeys.orderPage(status, search, source, pageIndex),
        queryFn: () => fetchOrderPage(status, search, source, pageIndex),
      }),
    ),
  );
  return pages.flat();
}

/** Order numbers for ids, from any loaded page or detail. */
export function orderNumbersFor(ids: Iterable<number>): Record<number, string> {
  const wanted = new Set(ids);
  const found: Record<number, string> = {};
  for (const [, page] of queryClient.getQueriesData<OrderRow[]>({ queryKey: ['orders', 'page'] })) {
    for (const row of page ?? []) if (wanted.has(row.id)) found[row.id] = row.orderNumber;
  }
  for (const [, detail] of queryClient.getQueriesData<OrderDetail>({ queryKey: ['orders', 'detail'] })) {
    if (detail && wanted.has(detail.id)) found[detail.id] = detail.orderNumber;
  }
  return found;
}

/** Those of these orders that, as loaded in the queue, come from this channel. */
export function idsFromChannel(ids: Iterable<number>, channel: string): number[] {
  const wanted = new Set(ids);
  const found: number[] = [];
  for (const [, page] of queryClient.getQueriesData<OrderRow[]>({ queryKey: ['orders', 'page'] })) {
    for (const row of page ?? []) if (row.channel === channel && wanted.delete(row.id)) found.push(row.id);
  }
  return found;
}
