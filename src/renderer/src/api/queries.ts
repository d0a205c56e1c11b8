/**
 * Reads of the database, as react-query queries. The first element of every key is the table it
 * reads ('app', 'credentials', 'orders', 'batches'): a write invalidates by table (client.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { ApiArg } from '../../../shared/contract';
import type { OrderStatus } from '../../../shared/statuses';
import i18n from '../i18n';
import { call } from './client';
import { queryClient } from './query-client';
import { sourceArgs, type QueueSource } from './queue-source';

export const ORDER_PAGE_SIZE = 100;

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  credentials: ['credentials', 'list'] as const,
  // Under 'credentials': a DHL account added, changed or switched off changes what is offered.
  carriers: ['credentials', 'carriers'] as const,
  counts: (search: string, source: QueueSource) => ['orders', 'counts', search, source] as const,
  orderPage: (status: OrderStatus | 'all', search: string, source: QueueSource, pageIndex: number) =>
    ['orders', 'page', status, search, source, pageIndex] as const,
  orderPagesOf: (status: OrderStatus | 'all', search: string, source: QueueSource) =>
    ['orders', 'page', status, search, source] as const,
  order: (id: number) => ['orders', 'detail', id] as const,
  batches: ['batches', 'list'] as const,
  failedOrders: (filter: FailureFilter) => ['orders', 'failed', filter] as const,
  failureGroups: (filter: FailureFilter) => ['orders', 'failureGroups', filter] as const,
  // Under 'orders': every write the dashboard counts (pulls, labels, batches) touches orders.
  dashboard: ['orders', 'dashboard'] as const,
};

/** The exceptions center's filter, as the failed-orders calls take it. */
export type FailureFilter = ApiArg<'orders.failureGroups'>;

export function fetchOrderPage(status: OrderStatus | 'all', search: string, source: QueueSource, pageIndex: number) {
  return call('orders.list', {
    ...(status === 'all' ? {} : { status }),
    ...(search ? { search } : {}),
    ...sourceArgs(source),
    offset: pageIndex * ORDER_PAGE_SIZE,
    limit: ORDER_PAGE_SIZE,
  });
}

export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: async () => {
      const info = await call('app.info', {});
      // Applied before the data reaches any screen, so the first paint is in the right language.
      if (info.language && i18n.language !== info.language) await i18n.changeLanguage(info.language);
      return info;
    },
  });
}

export function useCredentials() {
  return useQuery({ queryKey: queryKeys.credentials, queryFn: () => call('credentials.list', {}) });
}

export function useCarriers() {
  return useQuery({ queryKey: queryKeys.carriers, queryFn: () => call('carriers.list', {}) });
}

export function useCounts(search: string, source: QueueSource) {
  return useQuery({
    queryKey: queryKeys.counts(search, source),
    queryFn: () => call('orders.counts', { ...(search ? { search } : {}), ...sourceArgs(source) }),
    // Keep the old numbers on the tabs while the new search is counted: no flicker to zero.
    placeholderData: (previous) => previous,
  });
}

export function useOrder(id: number | null) {
  return useQuery({
    queryKey: queryKeys.order(id ?? 0),
    queryFn: () => call('orders.get', { id: id! }),
    enabled: id !== null,
  });
}

/** Jobs reach the printers on their own, so the list is asked again only while a batch's print is under way. */
const BATCH_PRINT_EVERY_MS = 2000;

export function useBatches() {
  return useQuery({
    queryKey: queryKeys.batches,
    queryFn: () => call('batches.list', {}),
    refetchInterval: (query) => (query.state.data?.some((b) => b.printJobsOpen > 0) ? BATCH_PRINT_EVERY_MS : false),
  });
}

/**
 * Asks for the queue's first page and counts at once, beside app.info, so the first rows do not
 * wait for a second round trip. (On a first start they are simply empty.)
 */
export function prefetchQueue(): void {
  void queryClient.prefetchQuery({
    queryKey: queryKeys.orderPage('all', '', '', 0),
    queryFn: () => fetchOrderPage('all', '', '', 0),
  });
  void queryClient.prefetchQuery({ queryKey: queryKeys.counts('', ''), queryFn: () => call('orders.counts', {}) });
}

export function useFailedOrders(filter: FailureFilter) {
  return useQuery({
    queryKey: queryKeys.failedOrders(filter),
    queryFn: () => call('orders.failed', { ...filter, limit: 500 }),
    placeholderData: (previous) => previous,
  });
}

export function useFailureGroups(filter: FailureFilter) {
  return useQuery({
    queryKey: queryKeys.failureGroups(filter),
    queryFn: () => call('orders.failureGroups', filter),
    placeholderData: (previous) => previous,
  });
}

export function useDashboard() {
  // The outbox and the clock move without a write from this screen: look again every half minute.
  return useQuery({
    queryKey: queryKeys.dashboard,
    queryFn: () => call('dashboard.summary', {}),
    refetchInterval: 30_000,
  });
}
