/**
 * The outbox as react-query reads it. The runner changes jobs (and orders) in the background,
 * where no write of the renderer's can tell the cache, so these two queries refetch on a modest
 * interval; when the outbox's last change moves, the order queries are invalidated too.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call } from './client';
import { queryClient } from './query-client';

/** Often enough that "Offline" appears and clears while the packer is still looking. */
const REFRESH_MS = 4_000;

export const outboxKeys = {
  summary: ['outbox', 'summary'] as const,
  jobs: ['outbox', 'jobs'] as const,
};

export function useOutboxSummary() {
  const summary = useQuery({
    queryKey: outboxKeys.summary,
    queryFn: () => call('outbox.summary', {}),
    refetchInterval: REFRESH_MS,
  });
  const changedAt = summary.data?.changedAt ?? null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (changedAt === null || changedAt === seen.current) return;
    const first = seen.current === null;
    seen.current = changedAt;
    // A job finished in the background: the queue and order detail may show a new status.
    if (!first)
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'orders' || q.queryKey[0] === 'outbox',
      });
  }, [changedAt]);
  return summary;
}

export function useOutboxJobs() {
  return useQuery({
    queryKey: outboxKeys.jobs,
    queryFn: () => call('outbox.list', { filter: 'open' }),
    refetchInterval: REFRESH_MS,
  });
}
