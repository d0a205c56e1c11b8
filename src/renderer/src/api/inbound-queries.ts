/**
 * Reads of the Inbound queue (purchase orders of the purchasing server). Keys start with
 * 'inbound', the table pulls and status changes touch. A change waiting in the outbox is looked
 * at again every few seconds until the server has it, since the outbox answers in the background.
 */
import { useQuery } from '@tanstack/react-query';
import type { ApiArg } from '../../../shared/contract';
import { call } from './client';

export type InboundFilter = ApiArg<'inbound.list'>;
export const INBOUND_PAGE_SIZE = 50;
const WHILE_SENDING_MS = 2_000;

export function useInboundPage(filter: InboundFilter) {
  return useQuery({
    queryKey: ['inbound', 'list', filter] as const,
    queryFn: () => call('inbound.list', filter),
    placeholderData: (previous) => previous,
    refetchInterval: (q) =>
      q.state.data?.rows.some((r) => r.pendingDeliveryStatus !== null) ? WHILE_SENDING_MS : false,
  });
}

/** The values the screen offers for the seed's field filters; a pull changes them ('inbound'). */
export function useInboundFilterChoices() {
  return useQuery({
    queryKey: ['inbound', 'choices'] as const,
    queryFn: () => call('inbound.filterChoices', {}),
  });
}

export function useInboundOrder(id: number | null) {
  return useQuery({
    queryKey: ['inbound', 'detail', id ?? 0] as const,
    queryFn: () => call('inbound.get', { id: id! }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.pendingDeliveryStatus ? WHILE_SENDING_MS : false),
  });
}
