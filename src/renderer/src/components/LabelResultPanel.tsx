import { useTranslation } from 'react-i18next';
import { useStartLabelRun } from '../api/label-run-start';
import { formatCount } from '../formatting';
import { useUi, type LabelRun } from '../state/ui-store';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';
import { groupFailures } from './label-failure-groups';
import { Spinner } from './Spinner';

export function LabelResultPanel({ run }: { run: LabelRun }) {
  const { t } = useTranslation();
  const setLabelRun = useUi((s) => s.setLabelRun);
  const running = useUi((s) => s.activeRun !== null);
  const openOrder = useUi((s) => s.openOrder);
  const replaceSelection = useUi((s) => s.replaceSelection);
  const setScreen = useUi((s) => s.setScreen);
  const created = run.result.success.length;
  const failed = run.result.failed.length;
  const notStarted = run.notStarted ?? 0;
  // A cancelled run is never all green: some orders are still waiting for a label.
  const tone = failed === 0 && notStarted === 0 ? 'ok' : created === 0 && failed > 0 ? 'bad' : 'mixed';
  const groups = groupFailures(run.result.failed, run.orderNumbers);

  // Each order goes again with the carrier and service it failed with, as a run with progress and
  // Cancel (LabelRunProgress); the panel then shows the retry's answer.
  const retry = useStartLabelRun();
  const retryAll = () =>
    retry.mutate({
      input: { orderIds: run.result.failed.map((f) => f.order_id), retry: true },
      orderNumbers: run.orderNumbers,
    });

  const summary =
    failed === 0
      ? t('labels.created', { count: created, formatted: formatCount(created) })
      : t('labels.createdAndFailed', {
          created: t('labels.created', { count: created, formatted: formatCount(created) }),
          failed: t('labels.failed', { count: failed, formatted: formatCount(failed) }),
        });

  return (
    <section
      className={`result-panel result-panel--${tone}`}
      data-testid="label-result"
      data-created={created}
      data-failed={failed}
      aria-live="polite"
    >
      <header className="result-panel__head">
        {failed === 0 ? <CheckIcon className="result-panel__icon" /> : <AlertIcon className="result-panel__icon" />}
        <strong className="result-panel__summary" data-testid="label-result-summary">
          {summary}
        </strong>
        <span className="result-panel__spacer" />
        {failed > 0 && (
          <button
            type="button"
            className="button button--small"
            onClick={() => replaceSelection(run.result.failed.map((f) => f.order_id))}
          >
            {t('labels.selectFailed')}
          </button>
        )}
        {failed > 0 && (
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="retry-failed"
            onClick={retryAll}
            disabled={retry.isPending || running}
            aria-busy={retry.isPending}
          >
            {retry.isPending && <Spinner size={14} />}
            {t('labels.retryFailed', { count: failed, formatted: formatCount(failed) })}
          </button>
        )}
        {failed === 0 && notStarted === 0 && created > 0 && (
          <button type="button" className="button button--small" onClick={() => setScreen('batches')}>
            {t('labels.nextBatch')}
          </button>
        )}
        <button type="button" className="icon-button" onClick={() => setLabelRun(null)} aria-label={t('common.close')}>
          <CloseIcon width={16} height={16} />
        </button>
      </header>
      {notStarted > 0 && (
        <p className="muted result-panel__note" data-testid="label-result-cancelled">
          {t('labels.cancelled', { count: notStarted, formatted: formatCount(notStarted) })}
        </p>
      )}
      {failed > 0 && (
        <ul className="result-panel__failures">
          {groups.map((group) => (
            <li
              key={group.reason}
              className="result-panel__group"
              data-testid="label-failure-group"
              data-count={group.orderIds.length}
            >
              <span className="result-panel__reason">
                {group.reason}
                {group.orderIds.length > 1 && (
                  <span className="result-panel__times">
                    {' '}
                    {t('labels.ordersWithReason', {
                      count: group.orderIds.length,
                      formatted: formatCount(group.orderIds.length),
                    })}
                  </span>
                )}
              </span>
              <span className="result-panel__orders">
                {group.orderIds.map((id) => (
                  <button
                    key={id}
                    type="button"
                    className="link-button result-panel__order"
                    data-testid="label-failure"
                    data-order-id={id}
                    onClick={() => openOrder(id)}
                  >
                    {run.orderNumbers[id] ?? `#${id}`}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
