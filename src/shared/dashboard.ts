/** The shift lead's numbers (seed 000 §6): each one is a count the queues show too. */
import type { StatusCounts } from './dto';

/** Orders summed in one currency; the amount is a decimal string (two places). */
export interface CurrencyAmount {
  currency: string;
  amount: string;
  orders: number;
}

export interface DashboardSummary {
  /** The station's calendar day the "today" figures are for, yyyy-mm-dd. */
  day: string;
  totalOrdersToday: number;
  /** Orders still to be labelled: the new and waiting_labels queues. */
  pendingLabels: number;
  labelFailed: number;
  /** Orders whose tracking the channel has, not yet in a batch: the synced queue. */
  syncedNotBatched: number;
  batchesToday: number;
  byStatus: StatusCounts;
  /** Orders placed today, summed per currency (amount as a decimal string). */
  amountToday: CurrencyAmount[];
  /** Every order ever, cancelled ones left out, summed per currency: the shop's turnover. */
  amountAllTime: CurrencyAmount[];
  /** The last 14 days, oldest first, and the orders placed on each per channel. */
  days: string[];
  ordersPerDay: { day: string; channel: string; orders: number }[];
  /** Label purchases of the last 14 days per carrier, and how many the carrier refused. */
  labelAttempts: { carrier: string; attempts: number; failed: number }[];
  /** Jobs still to do (or failed and waiting for a person) in the offline queue. */
  outboxBacklog: { kind: string; state: string; jobs: number; oldestAt: string }[];
}
