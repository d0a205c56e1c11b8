import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Everything on screen comes from our own database: it only changes when we write, and
      // every write invalidates what it touched (client.ts). So no background refetching.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: (failureCount, error) => failureCount < 2 && error instanceof ApiError && error.code === 'network',
    },
    mutations: { retry: false },
  },
});
