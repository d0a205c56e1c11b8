/**
 * The exceptions center (seed 000 §5): every order with an open error, filtered by step, error
 * type and time; the same errors grouped by reason so one fix serves many; bulk retry, hold and
 * release on a selection; the order detail panel beside it for errors and the status log.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkOrderResult, FailedOrder } from '../../../shared/exceptions';
import { ERROR_STEPS, type ErrorStep } from '../../../shared/statuses';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useStartLabelRun } from '../api/label-run-start';
import { useFailedOrders, useFailureGroups, type FailureFilter } from '../api/queries';
import { LabelResultPanel } from '../components/LabelResultPanel';
import { LabelRunProgress } from '../components/LabelRunProgress';
import { Spinner } from '../components/Spinner';
import { StatusChip } from '../components/StatusChip';
import { formatCount, formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';
import { OrderDetailPanel } from './OrderDetailPanel';

/** A yyyy-mm-dd from a date input, as the instant that local day starts (plus days). */
function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

function useFilter() {
  const [step, setStep] = useState<ErrorStep | ''>('');
  const [errorType, setErrorType] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const filter: FailureFilter = {
    ...(step ? { step } : {}),
    ...(errorType ? { errorType } : {}),
    ...(fromDay ? { from: dayStart(fromDay) } : {}),
    // The "to" day is included: errors up to the start of the day after.
    ...(toDay ? { to: dayStart(toDay, 1) } : {}),
  };
  return { filter, step, setStep, errorType, setErrorType, fromDay, setFromDay, toDay, setToDay };
}

function BulkBar({ rows }: { rows: readonly FailedOrder[] }) {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const clearSelection = useUi((s) => s.clearSelection);
  const report = (done: string, result: BulkOrderResult) => {
    if (result.failed.length === 0) toast.success(done);
    else toast.error(`${done} ${t('exceptions.notDone', { count: result.failed.length })} ${result.failed[0]!.error}`);
    clearSelection();
  };
  const running = useUi((s) => s.activeRun !== null);
  // Each with the carrier and service its label failed with, as a run shown above the list with
  // progress and Cancel, the same as the label panel's retry.
  const retry = useStartLabelRun();
  const retryLabels = () => {
    const failedLabels = rows.filter((r) => selected.has(r.id) && r.status === 'label_failed');
    if (failedLabels.length === 0) return toast.error(t('exceptions.noLabelFailures'));
    retry.mutate({
      input: { orderIds: failedLabels.map((r) => r.id), retry: true },
      orderNumbers: Object.fromEntries(failedLabels.map((r) => [r.id, r.orderNumber])),
    });
  };
  // A sync the shop refused leaves the order at label_created; asking again re-queues its job.
  const retrySync = useMutation({
    mutationFn: async () => {
      const labelled = rows.filter((r) => selected.has(r.id) && r.status === 'label_created').map((r) => r.id);
      if (labelled.length === 0) throw new Error(t('exceptions.noSyncFailures'));
      const queued = await call('orders.syncTracking', { orderIds: labelled });
      return { success: queued.queued, failed: queued.failed };
    },
    onSuccess: (r) => report(t('exceptions.syncQueued', { count: r.success.length }), r),
    onError: (error) => toast.error(messageOf(error)),
  });
  const hold = useMutation({
    mutationFn: () => call('orders.hold', { orderIds: [...selected] }),
    onSuccess: (r) => report(t('exceptions.held', { count: r.success.length }), r),
    onError: (error) => toast.error(messageOf(error)),
  });
  const release = useMutation({
    mutationFn: () => call('orders.release', { orderIds: [...selected] }),
    onSuccess: (r) => report(t('exceptions.released', { count: r.success.length }), r),
    onError: (error) => toast.error(messageOf(error)),
  });
  const busy = retry.isPending || retrySync.isPending || hold.isPending || release.isPending;
  return (
    <div className="bulk-bar" data-testid="exceptions-bulk" role="toolbar" aria-label={t('bulk.label')}>
      <strong>{t('bulk.selected', { count: selected.size, formatted: formatCount(selected.size) })}</strong>
      <button
        type="button"
        className="button button--primary"
        data-testid="bulk-retry-label"
        disabled={busy || running}
        onClick={retryLabels}
      >
        {retry.isPending && <Spinner size={16} />}
        {t('exceptions.retryLabel')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="bulk-retry-sync"
        disabled={busy}
        onClick={() => retrySync.mutate()}
      >
        {retrySync.isPending && <Spinner size={16} />}
        {t('exceptions.retrySync')}
      </button>
      <button type="button" className="button" data-testid="bulk-hold" disabled={busy} onClick={() => hold.mutate()}>
        {hold.isPending && <Spinner size={16} />}
        {t('exceptions.hold')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="bulk-release"
        disabled={busy}
        onClick={() => release.mutate()}
      >
        {release.isPending && <Spinner size={16} />}
        {t('exceptions.release')}
      </button>
      <button type="button" className="button button--ghost" onClick={clearSelection} disabled={busy}>
        {t('bulk.clear')}
      </button>
    </div>
  );
}

export function ExceptionsScreen() {
  const { t } = useTranslation();
  const f = useFilter();
  const orders = useFailedOrders(f.filter);
  const groups = useFailureGroups(f.filter);
  const typesOfStep = useFailureGroups(f.step ? { step: f.step } : {});
  const selected = useUi((s) => s.selected);
  const toggleSelected = useUi((s) => s.toggleSelected);
  const replaceSelection = useUi((s) => s.replaceSelection);
  const clearSelection = useUi((s) => s.clearSelection);
  const openOrderId = useUi((s) => s.openOrderId);
  const openOrder = useUi((s) => s.openOrder);
  const activeRun = useUi((s) => s.activeRun);
  const labelRun = useUi((s) => s.labelRun);

  // A selection from the queue is not a selection of exceptions, and the other way round.
  useEffect(() => {
    clearSelection();
    openOrder(null);
    return clearSelection;
  }, [clearSelection, openOrder]);

  const rows = useMemo(() => orders.data?.rows ?? [], [orders.data]);
  const errorTypes = [...new Set((typesOfStep.data ?? []).map((g) => g.errorType))].sort();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div className="exceptions">
      <div className="exceptions__head">
        <h1>{t('nav.exceptions')}</h1>
        <span className="muted" data-testid="exceptions-total">
          {t('exceptions.needAttention', {
            count: orders.data?.total ?? 0,
            formatted: formatCount(orders.data?.total ?? 0),
          })}
        </span>
      </div>
      <div className="exceptions__filters" role="search">
        <label>
          <span>{t('exceptions.step')}</span>
          <select
            data-testid="filter-step"
            value={f.step}
            onChange={(e) => (f.setStep(e.target.value as ErrorStep | ''), f.setErrorType(''))}
          >
            <option value="">{t('exceptions.allSteps')}</option>
            {ERROR_STEPS.map((s) => (
              <option key={s} value={s}>
                {t(`step.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('exceptions.errorType')}</span>
          <select data-testid="filter-type" value={f.errorType} onChange={(e) => f.setErrorType(e.target.value)}>
            <option value="">{t('exceptions.allTypes')}</option>
            {errorTypes.map((type) => (
              <option key={type} value={type}>
                {t(`errorType.${type}`, type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('exceptions.from')}</span>
          <input
            type="date"
            data-testid="filter-from"
            value={f.fromDay}
            onChange={(e) => f.setFromDay(e.target.value)}
          />
        </label>
        <label>
          <span>{t('exceptions.to')}</span>
          <input type="date" data-testid="filter-to" value={f.toDay} onChange={(e) => f.setToDay(e.target.value)} />
        </label>
        {selected.size > 0 && <BulkBar rows={rows} />}
      </div>
      {activeRun && <LabelRunProgress key={activeRun.runId} run={activeRun} />}
      {labelRun && <LabelResultPanel run={labelRun} />}
      <div className="exceptions__body">
        <aside className="reasons" aria-label={t('exceptions.byReason')}>
          <h2>{t('exceptions.byReason')}</h2>
          {(groups.data ?? []).length === 0 && !groups.isPending && <p className="muted">{t('exceptions.empty')}</p>}
          <ul>
            {(groups.data ?? []).map((g) => (
              <li
                key={`${g.step}|${g.errorType}|${g.message}`}
                className="reason"
                data-testid="reason-group"
                data-step={g.step}
                data-count={g.orderCount}
              >
                <div className="reason__count">
                  {t('exceptions.orders', { count: g.orderCount, formatted: formatCount(g.orderCount) })}
                </div>
                <div className="reason__message">{g.message}</div>
                <div className="reason__tags">
                  <span className="tag">{t(`step.${g.step}`, g.step)}</span>
                  <span className="tag tag--plain">{t(`errorType.${g.errorType}`, g.errorType)}</span>
                </div>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="select-group"
                  onClick={() => replaceSelection(g.orderIds)}
                >
                  {t('exceptions.selectGroup')}
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <div className="exceptions__main">
          {orders.isPending ? (
            <Spinner size={24} label={t('common.loading')} />
          ) : rows.length === 0 ? (
            <p className="exceptions__empty muted" data-testid="exceptions-empty">
              {t('exceptions.empty')}
            </p>
          ) : (
            <table className="failed-table" data-testid="failed-orders">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label={t('exceptions.selectAll')}
                      checked={allSelected}
                      onChange={() => (allSelected ? clearSelection() : replaceSelection(rows.map((r) => r.id)))}
                    />
                  </th>
                  <th>{t('exceptions.order')}</th>
                  <th>{t('exceptions.shop')}</th>
                  <th>{t('exceptions.status')}</th>
                  <th>{t('exceptions.problem')}</th>
                  <th>{t('exceptions.when')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr
                    key={o.id}
                    data-testid="failed-order"
                    data-order-number={o.orderNumber}
                    className={openOrderId === o.id ? 'is-open' : selected.has(o.id) ? 'is-selected' : undefined}
                    onClick={() => openOrder(o.id)}
                  >
                    <td onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        aria-label={o.orderNumber}
                        checked={selected.has(o.id)}
                        onChange={() => toggleSelected(o.id)}
                      />
                    </td>
                    <td className="mono">{o.orderNumber}</td>
                    <td>
                      {t(`channel.${o.channel}`, o.channel)} <span className="muted">{o.storeName}</span>
                    </td>
                    <td>
                      <StatusChip status={o.status} />
                    </td>
                    <td>
                      <span className="tag">{t(`step.${o.lastError.step}`, o.lastError.step)}</span>{' '}
                      {o.lastError.message}
                      {o.errorCount > 1 && <span className="muted"> (+{o.errorCount - 1})</span>}
                    </td>
                    <td className="muted">{formatDateTime(o.lastError.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {openOrderId !== null && <OrderDetailPanel key={openOrderId} orderId={openOrderId} />}
      </div>
    </div>
  );
}
