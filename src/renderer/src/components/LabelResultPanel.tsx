import { useTranslation } from 'react-i18next';
import { formatCount } from '../formatting';
import { useUi, type LabelRun } from '../state/ui-store';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

/** The carrier's words are kept; only a repeated "Order 1001: " in front is dropped. */
function reasonWithoutNumber(reason: string, orderNumber: string | undefined): string {
  if (!orderNumber) return reason;
  const prefix = `Order ${orderNumber}: `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}

export function LabelResultPanel({ run }: { run: LabelRun }) {
  const { t } = useTranslation();
  const setLabelRun = useUi((s) => s.setLabelRun);
  const openOrder = useUi((s) => s.openOrder);
  const replaceSelection = useUi((s) => s.replaceSelection);
  const setScreen = useUi((s) => s.setScreen);
  const created = run.result.success.length;
  const failed = run.result.failed.length;
  const tone = failed === 0 ? 'ok' : created === 0 ? 'bad' : 'mixed';

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
        {failed === 0 && created > 0 && (
          <button type="button" className="button button--small" onClick={() => setScreen('batches')}>
            {t('labels.nextBatch')}
          </button>
        )}
        <button type="button" className="icon-button" onClick={() => setLabelRun(null)} aria-label={t('common.close')}>
          <CloseIcon width={16} height={16} />
        </button>
      </header>
      {failed > 0 && (
        <ul className="result-panel__failures">
          {run.result.failed.map((f) => {
            const number = run.orderNumbers[f.order_id];
            return (
              <li key={f.order_id} data-testid="label-failure" data-order-id={f.order_id}>
                <button type="button" className="link-button result-panel__order" onClick={() => openOrder(f.order_id)}>
                  {number ?? `#${f.order_id}`}
                </button>
                <span className="result-panel__reason">{reasonWithoutNumber(f.error, number)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
