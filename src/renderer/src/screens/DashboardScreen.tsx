/**
 * The shift lead's dashboard (seed 000 §6): today's numbers as big figures that open their queue,
 * and pictures where looking beats reading: two weeks of orders per channel, label failures per
 * carrier, the offline queue. Drawn as plain SVG (no chart library).
 */
import { useTranslation } from 'react-i18next';
import type { CurrencyAmount, DashboardSummary } from '../../../shared/dashboard';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/statuses';
import { messageOf } from '../api/api-error';
import { useDashboard } from '../api/queries';
import { Spinner } from '../components/Spinner';
import { formatCount, formatDateTime, formatMoney } from '../formatting';
import { useUi, type StatusTab } from '../state/ui-store';

const CHANNEL_COLOURS = ['#2f6fdf', '#e08a1e', '#1f8a4c', '#8e44ad', '#c0392b', '#16a2b8'];

function Figure({
  id,
  label,
  value,
  tab,
  tone,
}: {
  id: string;
  label: string;
  value: number;
  tab?: StatusTab;
  tone?: 'bad' | 'warn';
}) {
  const setScreen = useUi((s) => s.setScreen);
  const setStatusTab = useUi((s) => s.setStatusTab);
  const body = (
    <>
      <span className="figure__value" data-testid={`figure-${id}`}>
        {formatCount(value)}
      </span>
      <span className="figure__label">{label}</span>
    </>
  );
  const className = `figure${tone && value > 0 ? ` figure--${tone}` : ''}`;
  if (!tab) return <div className={className}>{body}</div>;
  return (
    <button
      type="button"
      className={`${className} figure--link`}
      onClick={() => {
        setStatusTab(tab);
        setScreen('orders');
      }}
    >
      {body}
    </button>
  );
}

function OrdersPerDay({ s }: { s: DashboardSummary }) {
  const { t } = useTranslation();
  const channels = [...new Set(s.ordersPerDay.map((p) => p.channel))].sort();
  const perDay = s.days.map((day) =>
    channels.map((c) => s.ordersPerDay.find((p) => p.day === day && p.channel === c)?.orders ?? 0),
  );
  const max = Math.max(1, ...perDay.map((v) => v.reduce((a, b) => a + b, 0)));
  const W = 700;
  const H = 200;
  const slot = W / s.days.length;
  const bar = slot * 0.62;
  return (
    <figure className="chart" data-testid="chart-orders-per-day">
      <figcaption>{t('dashboard.ordersPerDay')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H + 40}`} role="img" aria-label={t('dashboard.ordersPerDay')}>
        <line x1="0" x2={W} y1={H} y2={H} className="chart__axis" />
        {perDay.map((values, i) => {
          let y = H;
          const total = values.reduce((a, b) => a + b, 0);
          const x = i * slot + (slot - bar) / 2;
          return (
            <g key={s.days[i]}>
              {values.map((v, c) => {
                const h = (v / max) * (H - 18);
                y -= h;
                return v > 0 ? (
                  <rect
                    key={c}
                    x={x}
                    y={y}
                    width={bar}
                    height={h}
                    fill={CHANNEL_COLOURS[c % CHANNEL_COLOURS.length]}
                    rx="2"
                  />
                ) : null;
              })}
              {total > 0 && (
                <text x={x + bar / 2} y={y - 4} className="chart__value">
                  {formatCount(total)}
                </text>
              )}
              <text x={x + bar / 2} y={H + 16} className="chart__tick">
                {s.days[i]!.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="chart__legend">
        {channels.map((c, i) => (
          <span key={c}>
            <i style={{ background: CHANNEL_COLOURS[i % CHANNEL_COLOURS.length] }} />
            {t(`channel.${c}`, c)}
          </span>
        ))}
      </div>
    </figure>
  );
}

/** Horizontal bars, each a part of a whole: label, bar, and the numbers in words. */
function Bars({
  rows,
  testId,
}: {
  rows: { key: string; label: string; value: number; of: number; text: string; tone: 'bad' | 'ok' | 'warn' }[];
  testId: string;
}) {
  return (
    <ul className="hbars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} data-key={r.key} data-value={r.value}>
          <span className="hbars__label">{r.label}</span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="hbars__bar" aria-hidden="true">
            <rect x="0" y="0" width="100" height="10" className="hbars__track" />
            <rect
              x="0"
              y="0"
              width={r.of > 0 ? (r.value / r.of) * 100 : 0}
              height="10"
              className={`hbars__fill hbars__fill--${r.tone}`}
            />
          </svg>
          <span className="hbars__text">{r.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** Sums per currency, biggest first: each never added to another currency's. */
function Amounts({ amounts, empty, testId }: { amounts: readonly CurrencyAmount[]; empty: string; testId: string }) {
  const { t } = useTranslation();
  if (amounts.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="amounts" data-testid={testId}>
      {amounts.map((a) => (
        <li key={a.currency} data-currency={a.currency} data-amount={a.amount}>
          <strong>{formatMoney(a.amount, a.currency)}</strong>
          <span className="muted">
            {t('dashboard.fromOrders', { count: a.orders, formatted: formatCount(a.orders) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

const STATUS_TONE: Partial<Record<OrderStatus, 'bad' | 'warn'>> = {
  label_failed: 'bad',
  exception: 'bad',
  on_hold: 'warn',
};

export function DashboardScreen() {
  const { t } = useTranslation();
  const summary = useDashboard();
  if (summary.isPending) return <Spinner size={28} label={t('common.loading')} />;
  if (summary.isError) return <p role="alert">{messageOf(summary.error)}</p>;
  const s = summary.data;
  const statuses = ORDER_STATUSES.filter((st) => s.byStatus[st] > 0);
  const maxStatus = Math.max(1, ...statuses.map((st) => s.byStatus[st]));
  const backlogMax = Math.max(1, ...s.outboxBacklog.map((o) => o.jobs));
  return (
    <div className="dashboard" data-testid="dashboard" data-day={s.day}>
      <div className="dashboard__head">
        <h1>{t('nav.dashboard')}</h1>
        <span className="muted">{t('dashboard.today', { day: s.day })}</span>
      </div>
      <div className="figures">
        <Figure id="today" label={t('dashboard.totalOrdersToday')} value={s.totalOrdersToday} />
        <Figure id="pending-labels" label={t('dashboard.pendingLabels')} value={s.pendingLabels} tab="new" />
        <Figure
          id="label-failed"
          label={t('dashboard.labelFailed')}
          value={s.labelFailed}
          tab="label_failed"
          tone="bad"
        />
        <Figure
          id="synced-not-batched"
          label={t('dashboard.syncedNotBatched')}
          value={s.syncedNotBatched}
          tab="synced"
          tone="warn"
        />
        <Figure id="batches-today" label={t('dashboard.batchesToday')} value={s.batchesToday} />
      </div>
      <div className="dashboard__grid">
        <section className="panel panel--wide">
          <OrdersPerDay s={s} />
        </section>
        <section className="panel">
          <h2>{t('dashboard.byStatus')}</h2>
          <Bars
            testId="by-status"
            rows={statuses.map((st) => ({
              key: st,
              label: t(`status.${st}`),
              value: s.byStatus[st],
              of: maxStatus,
              text: formatCount(s.byStatus[st]),
              tone: STATUS_TONE[st] ?? 'ok',
            }))}
          />
        </section>
        <section className="panel">
          <h2>{t('dashboard.takings')}</h2>
          <h3 className="panel__sub">{t('dashboard.takingsToday')}</h3>
          <Amounts amounts={s.amountToday} empty={t('dashboard.noOrdersToday')} testId="amounts-today" />
          <h3 className="panel__sub">{t('dashboard.takingsAllTime')}</h3>
          <Amounts amounts={s.amountAllTime} empty={t('dashboard.noOrders')} testId="amounts-all-time" />
        </section>
        <section className="panel">
          <h2>{t('dashboard.labelFailures')}</h2>
          {s.labelAttempts.length === 0 ? (
            <p className="muted">{t('dashboard.noLabels')}</p>
          ) : (
            <Bars
              testId="label-failures"
              rows={s.labelAttempts.map((l) => ({
                key: l.carrier,
                label: t(`carrier.${l.carrier}`, l.carrier),
                value: l.failed,
                of: l.attempts,
                text: t('dashboard.failedOf', {
                  failed: formatCount(l.failed),
                  attempts: formatCount(l.attempts),
                  percent: Math.round((l.failed / l.attempts) * 100),
                }),
                tone: 'bad',
              }))}
            />
          )}
        </section>
        <section className="panel">
          <h2>{t('dashboard.outbox')}</h2>
          {s.outboxBacklog.length === 0 ? (
            <p className="muted" data-testid="outbox-empty">
              {t('dashboard.outboxEmpty')}
            </p>
          ) : (
            <Bars
              testId="outbox"
              rows={s.outboxBacklog.map((o) => ({
                key: `${o.kind}|${o.state}`,
                // In the Outbox screen's words, not the job's codes.
                label: `${t(`outbox.kind.${o.kind}`, o.kind)} · ${t(`outbox.state.${o.state}`, o.state)}`,
                value: o.jobs,
                of: backlogMax,
                text: t('dashboard.jobsSince', {
                  count: o.jobs,
                  formatted: formatCount(o.jobs),
                  since: formatDateTime(o.oldestAt),
                }),
                tone: o.state === 'failed' ? 'bad' : 'warn',
              }))}
            />
          )}
        </section>
      </div>
    </div>
  );
}
