import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboxJobView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useOutboxJobs, useOutboxSummary } from '../api/outbox-queries';
import { Spinner } from '../components/Spinner';
import { formatDateTime } from '../formatting';
import { formatFromNow } from '../relative-time';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';

function JobActions({ job }: { job: OutboxJobView }) {
  const { t } = useTranslation();
  const retry = useMutation({
    mutationFn: () => call('outbox.retry', { jobId: job.id }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const what = t(`outbox.kind.${job.kind}`, job.kind);
  const cancel = useMutation({
    mutationFn: () => call('outbox.cancel', { jobId: job.id }),
    // The row leaves the list; the toast says it was on purpose, and for which order.
    onSuccess: () =>
      toast.success(t('outbox.cancelled', { what: job.orderNumber ? `${what} (${job.orderNumber})` : what })),
    onError: (error) => toast.error(messageOf(error)),
  });
  const busy = retry.isPending || cancel.isPending || job.state === 'running';
  return (
    <div className="outbox__actions">
      <button
        type="button"
        className="button button--small"
        data-testid="outbox-retry"
        onClick={() => retry.mutate()}
        disabled={busy}
      >
        {retry.isPending && <Spinner size={14} />}
        {t('outbox.retryNow')}
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        data-testid="outbox-cancel"
        onClick={() => {
          if (window.confirm(t('outbox.confirmCancel', { what }))) {
            cancel.mutate();
          }
        }}
        disabled={busy}
      >
        {t('outbox.cancel')}
      </button>
    </div>
  );
}

function AutoSyncSwitch({ on, disabled }: { on: boolean; disabled: boolean }) {
  const { t } = useTranslation();
  const set = useMutation({
    mutationFn: (next: boolean) => call('outbox.setAutoSync', { on: next }),
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <label className="outbox__auto">
      <input
        type="checkbox"
        data-testid="outbox-auto-sync"
        checked={set.isPending ? (set.variables ?? on) : on}
        disabled={disabled || set.isPending}
        onChange={(e) => set.mutate(e.target.checked)}
      />
      <span>{t('outbox.autoSync')}</span>
    </label>
  );
}

export function OutboxScreen() {
  const { t } = useTranslation();
  const jobs = useOutboxJobs();
  const summary = useOutboxSummary();
  const openOrder = useUi((s) => s.openOrder);
  const setScreen = useUi((s) => s.setScreen);

  return (
    <div className="outbox">
      <h1 className="screen-title">{t('outbox.title')}</h1>
      <p className="screen-lead muted">{t('outbox.lead')}</p>
      <AutoSyncSwitch on={summary.data?.autoSync ?? false} disabled={!summary.data} />

      {summary.data?.offline.map((o) => (
        <p key={o.credentialId ?? 0} className="outbox__outage" role="alert" data-testid="outbox-outage">
          <strong>{t('outbox.unreachable', { shop: o.storeName ?? t('outbox.noShop') })}</strong>{' '}
          {t('outbox.since', { time: formatDateTime(o.since) })} · {o.lastError}
        </p>
      ))}

      {jobs.isPending && <Spinner size={20} label={t('common.loading')} />}
      {jobs.isError && <p className="inline-error">{messageOf(jobs.error)}</p>}
      {jobs.isSuccess && jobs.data.length === 0 && (
        <div className="empty" data-testid="outbox-empty">
          <p>{t('outbox.empty')}</p>
        </div>
      )}
      {jobs.isSuccess && jobs.data.length > 0 && (
        <table className="table" data-testid="outbox-table">
          <thead>
            <tr>
              <th>{t('outbox.col.what')}</th>
              <th>{t('outbox.col.order')}</th>
              <th>{t('outbox.col.shop')}</th>
              <th>{t('outbox.col.state')}</th>
              <th className="num">{t('outbox.col.attempts')}</th>
              <th>{t('outbox.col.lastError')}</th>
              <th>{t('outbox.col.nextTry')}</th>
              <th className="actions">
                <span className="visually-hidden">{t('outbox.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((job) => (
              <tr
                key={job.id}
                data-testid="outbox-row"
                data-state={job.state}
                data-order-number={job.orderNumber ?? ''}
              >
                <td className="outbox__nowrap">{t(`outbox.kind.${job.kind}`, job.kind)}</td>
                <td className="mono strong">
                  {job.orderId !== null ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setScreen('orders');
                        openOrder(job.orderId);
                      }}
                    >
                      {job.orderNumber}
                    </button>
                  ) : job.purchaseOrderNumber !== null ? (
                    <span className="outbox__purchase-order" data-testid="outbox-purchase-order">
                      {t('outbox.purchaseOrder', { number: job.purchaseOrderNumber })}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="outbox__nowrap">{job.storeName ?? '—'}</td>
                <td>
                  <span className={`chip chip--job-${job.state}`}>{t(`outbox.state.${job.state}`)}</span>
                </td>
                <td className="num" data-testid="outbox-attempts">
                  {job.attempts}
                </td>
                <td className="outbox__error" data-testid="outbox-error">
                  {job.lastError ?? '—'}
                </td>
                <td className="outbox__nowrap" title={formatDateTime(job.nextTryAt)} data-testid="outbox-next-try">
                  {job.state === 'running'
                    ? t('outbox.state.running')
                    : job.nextTryAt
                      ? formatFromNow(job.nextTryAt)
                      : '—'}
                </td>
                <td className="actions">
                  <JobActions job={job} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
