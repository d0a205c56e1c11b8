/**
 * Automatic pulls change the database without the renderer asking, so no write answer tells
 * react-query what to refetch. While some shop has auto-pull on, the shop list is re-read once a
 * minute, and when a shop's last pull is newer than what the screen saw, the order queries are
 * refreshed. With auto-pull off (the default) nothing polls.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call } from './client';
import { queryKeys } from './queries';
import { queryClient } from './query-client';

const REFRESH_MS = 60_000;

export function useAutoPullRefresh(): void {
  const credentials = useQuery({
    queryKey: queryKeys.credentials,
    queryFn: () => call('credentials.list', {}),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((c) => c.isActive && (c.settings.autoPullMinutes ?? 0) > 0) ? REFRESH_MS : false,
  });
  const latest = (credentials.data ?? []).reduce(
    (max, c) => (c.lastPull && c.lastPull.at > max ? c.lastPull.at : max),
    '',
  );
  const seen = useRef(latest);
  useEffect(() => {
    if (latest > seen.current) void queryClient.invalidateQueries({ queryKey: ['orders'] });
    seen.current = latest;
  }, [latest]);
}
