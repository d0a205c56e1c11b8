/** Seed 000 §6: the dashboard's numbers, the seed's five first. */
import { z } from 'zod';
import { ORDER_STATUSES } from '../../../shared/statuses';
import { jsonEndpoint, type Endpoint } from './endpoint';
import { timestamp } from './schemas';

const currencyAmount = z.object({
  currency: z.string(),
  amount: z.string().describe('A decimal string with two places, such as "209.30".'),
  orders: z.number().int(),
});

export const dashboardEndpoint: Endpoint = jsonEndpoint({
  method: 'GET',
  path: '/api/dashboard/summary',
  operationId: 'dashboardSummary',
  tag: 'Dashboard',
  summary: "Today's figures, the queues' sizes, and two weeks of history",
  description:
    'pending_labels is the new plus waiting_labels queues, synced_not_batched the synced queue; "today" is the workstation\'s calendar day.',
  query: z.object({}).strict(),
  response: z.object({
    total_orders_today: z.number().int(),
    pending_labels: z.number().int(),
    label_failed: z.number().int(),
    synced_not_batched: z.number().int(),
    batches_today: z.number().int(),
    day: z.string(),
    by_status: z.record(z.enum([...ORDER_STATUSES, 'all']), z.number().int()),
    amount_today: z.array(currencyAmount).describe('Orders placed today, cancelled ones too, summed per currency.'),
    amount_all_time: z
      .array(currencyAmount)
      .describe('Every order in PackDesk, cancelled ones left out, summed per currency (beside by_status).'),
    orders_per_day: z.array(z.object({ day: z.string(), channel: z.string(), orders: z.number().int() })),
    label_attempts: z.array(z.object({ carrier: z.string(), attempts: z.number().int(), failed: z.number().int() })),
    outbox_backlog: z.array(
      z.object({ kind: z.string(), state: z.string(), jobs: z.number().int(), oldest_at: timestamp }),
    ),
  }),
  async run(_input, call) {
    const s = await call('dashboard.summary', {});
    return {
      total_orders_today: s.totalOrdersToday,
      pending_labels: s.pendingLabels,
      label_failed: s.labelFailed,
      synced_not_batched: s.syncedNotBatched,
      batches_today: s.batchesToday,
      day: s.day,
      by_status: s.byStatus,
      amount_today: s.amountToday,
      amount_all_time: s.amountAllTime,
      orders_per_day: s.ordersPerDay,
      label_attempts: s.labelAttempts,
      outbox_backlog: s.outboxBacklog.map((o) => ({
        kind: o.kind,
        state: o.state,
        jobs: o.jobs,
        oldest_at: o.oldestAt,
      })),
    };
  },
});
