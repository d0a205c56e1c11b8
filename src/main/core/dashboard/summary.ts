/**
 * The dashboard (seed 000 §6, seed 002 statistics). Every number is read the way the queues read
 * it (countByStatus is the queue tabs' own count), so the dashboard and the queues never
 * disagree. "Today" is the station's calendar day, as the batch ids name it.
 */
import type { DashboardSummary } from '../../../shared/dashboard';
import type { Clock } from '../clock';
import { stampedCache } from '../db/change-stamp';
import type { Db } from '../db/open';
import { countByStatus } from '../orders/order-queue';

export const CHART_DAYS = 14;
/** Outbox states that need nothing more from anyone (outbox-repo's done and cancelled). */
const SETTLED_JOB_STATES = ['done', 'cancelled'];

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Amounts are decimal strings; they are summed in hundredths so 0.1 + 0.2 stays 0.30. */
function formatHundredths(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

const toAmount = (a: { currency: string; orders: number; hundredths: number }) => ({
  currency: a.currency,
  amount: formatHundredths(a.hundredths),
  orders: a.orders,
});

/** One summary per day, recomputed after any write: a dashboard on several screens costs one count. */
const summaries = stampedCache<DashboardSummary>(4);

export function dashboardSummary(db: Db, clock: Clock): DashboardSummary {
  const now = clock();
  return summaries(db, dayOf(now), () => computeSummary(db, now));
}

function computeSummary(db: Db, now: Date): DashboardSummary {
  const sqlite = db.$client;
  const todayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const tomorrowStart = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const chartStart = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (CHART_DAYS - 1));
  /** Each chart day's local midnight, and the next one's: a day is the span between them. */
  const dayStarts = Array.from(
    { length: CHART_DAYS + 1 },
    (_, i) => new Date(chartStart.getFullYear(), chartStart.getMonth(), chartStart.getDate() + i),
  );
  const days = dayStarts.slice(0, CHART_DAYS).map(dayOf);
  const today = [todayStart.toISOString(), tomorrowStart.toISOString()];

  const byStatus = countByStatus(db, undefined);
  const amounts = sqlite
    .prepare(
      `SELECT currency, count(*) AS orders, sum(CAST(round(CAST(total AS REAL) * 100) AS INTEGER)) AS hundredths
       FROM orders WHERE placed_at >= ? AND placed_at < ? GROUP BY currency ORDER BY orders DESC, currency`,
    )
    .all(...today) as { currency: string; orders: number; hundredths: number }[];
  // The per-currency sums of migration 011: summing 200,000 totals took 130-200 ms.
  const amountsAllTime = sqlite
    .prepare(
      `SELECT currency, sum(orders) AS orders, sum(hundredths) AS hundredths FROM order_amounts
       WHERE status != 'cancelled' GROUP BY currency HAVING sum(orders) > 0 ORDER BY orders DESC, currency`,
    )
    .all() as { currency: string; orders: number; hundredths: number }[];
  const { batches } = sqlite
    .prepare('SELECT count(*) AS batches FROM batches WHERE day = ?')
    .get(dayOf(now).replaceAll('-', '')) as { batches: number };

  // One range of the (channel, placed_at) index per local day: bucketing each order with
  // date(placed_at, 'localtime') instead converts 20,000 timestamps and took 60-200 ms.
  const perDayStatement = sqlite.prepare(
    'SELECT channel, count(*) AS orders FROM orders WHERE placed_at >= ? AND placed_at < ? GROUP BY channel ORDER BY channel',
  );
  const perDay = days.flatMap((day, i) =>
    (
      perDayStatement.all(dayStarts[i]!.toISOString(), dayStarts[i + 1]!.toISOString()) as {
        channel: string;
        orders: number;
      }[]
    ).map((p) => ({ day, ...p })),
  );
  const labelAttempts = sqlite
    .prepare(
      `SELECT carrier, count(*) AS attempts, sum(state = 'failed') AS failed FROM labels
       WHERE created_at >= ? GROUP BY carrier ORDER BY carrier`,
    )
    .all(chartStart.toISOString()) as { carrier: string; attempts: number; failed: number }[];
  const outbox = sqlite
    .prepare(
      `SELECT kind, state, count(*) AS jobs, min(created_at) AS oldestAt FROM outbox_jobs
       WHERE state NOT IN (${SETTLED_JOB_STATES.map(() => '?').join(', ')})
       GROUP BY kind, state ORDER BY kind, state`,
    )
    .all(...SETTLED_JOB_STATES) as DashboardSummary['outboxBacklog'];

  return {
    day: dayOf(now),
    totalOrdersToday: amounts.reduce((n, a) => n + a.orders, 0),
    pendingLabels: byStatus.new + byStatus.waiting_labels,
    labelFailed: byStatus.label_failed,
    syncedNotBatched: byStatus.synced,
    batchesToday: batches,
    byStatus,
    amountToday: amounts.map(toAmount),
    amountAllTime: amountsAllTime.map(toAmount),
    days,
    ordersPerDay: perDay,
    labelAttempts,
    outboxBacklog: outbox,
  };
}
