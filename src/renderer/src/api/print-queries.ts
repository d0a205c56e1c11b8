/**
 * Printers and the print queue, as react-query queries (key table 'printers'). Printers change
 * state on their own (switched off, paper out), and jobs are added by other writes (a label
 * printed as it is bought) and move on by the queue's own retries, so these two are asked again
 * every few seconds while on screen, and afresh each time they come on screen.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from './client';

const PRINTERS_EVERY_MS = 5000;
const JOBS_EVERY_MS = 2000;

export const printKeys = {
  printers: ['printers', 'list'] as const,
  jobs: (orderId?: number) => ['printers', 'jobs', orderId ?? 'all'] as const,
  settings: ['printers', 'settings'] as const,
  discovered: ['printers', 'discover'] as const,
};

export function usePrinters() {
  return useQuery({
    queryKey: printKeys.printers,
    queryFn: () => call('printers.list', {}),
    staleTime: 0,
    refetchInterval: PRINTERS_EVERY_MS,
  });
}

/** Asked again often only while a job is still on its way to a printer. */
export function usePrintJobs(orderId?: number) {
  return useQuery({
    queryKey: printKeys.jobs(orderId),
    queryFn: () => call('print.jobs', orderId === undefined ? { limit: 100 } : { orderId, limit: 20 }),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.some((j) => j.state === 'queued' || j.state === 'printing' || j.state === 'waiting')
        ? JOBS_EVERY_MS
        : false,
  });
}

export function usePrintSettings() {
  return useQuery({ queryKey: printKeys.settings, queryFn: () => call('print.settings', {}) });
}

export function useDiscoveredPrinters() {
  return useQuery({ queryKey: printKeys.discovered, queryFn: () => call('printers.discover', {}), staleTime: 60_000 });
}
