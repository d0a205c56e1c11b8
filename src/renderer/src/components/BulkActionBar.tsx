import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { allRows, orderNumbersFor } from '../api/order-cache';
import { useStartLabelRun } from '../api/label-run-start';
import { useCounts } from '../api/queries';
import { formatCount } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';
import { AuditButton } from './AuditButton';
import { CarrierPicker, useLabelChoice } from './CarrierPicker';
import { LabelIcon } from './icons';
import { Spinner } from './Spinner';
import { SyncTrackingButton } from './SyncTrackingButton';

/** The most orders one label run takes (the contract's limit); "select all" offers no more. */
const MAX_PER_RUN = 5000;

export function BulkActionBar() {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const status = useUi((s) => s.statusTab);
  const search = useUi((s) => s.search);
  const source = useUi((s) => s.source);
  const clearSelection = useUi((s) => s.clearSelection);
  const replaceSelection = useUi((s) => s.replaceSelection);
  const running = useUi((s) => s.activeRun !== null);
  const choice = useLabelChoice();
  const counts = useCounts(search, source);
  const total = counts.data && !counts.isPlaceholderData ? counts.data[status] : 0;

  // Main answers at once with the run; its progress and the result come through LabelRunProgress.
  const generate = useStartLabelRun();
  const startRun = () => {
    const ids = [...selected];
    generate.mutate({ input: { orderIds: ids, ...(choice ?? {}) }, orderNumbers: orderNumbersFor(ids) });
  };

  const selectAll = useMutation({
    mutationFn: () => allRows(status, search, source, total),
    onSuccess: (rows) => replaceSelection(rows.map((r) => r.id)),
    onError: (error) => toast.error(messageOf(error)),
  });

  const count = selected.size;
  const canSelectAll = count < total && total <= MAX_PER_RUN;

  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <span className="bulk-bar__count" data-testid="selected-count">
        {t('bulk.selected', { count, formatted: formatCount(count) })}
      </span>
      {canSelectAll && (
        <button
          type="button"
          className="link-button"
          onClick={() => selectAll.mutate()}
          disabled={selectAll.isPending}
          data-testid="select-all-matching"
        >
          {selectAll.isPending && <Spinner size={14} />}
          {t('bulk.selectAllMatching', { count: total, formatted: formatCount(total) })}
        </button>
      )}
      <span className="bulk-bar__spacer" />
      <button type="button" className="button button--ghost" onClick={clearSelection} disabled={generate.isPending}>
        {t('bulk.clear')}
      </button>
      <AuditButton />
      <SyncTrackingButton />
      <CarrierPicker disabled={generate.isPending || running} />
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="generate-labels"
        onClick={startRun}
        disabled={generate.isPending || running || count === 0}
        aria-busy={generate.isPending}
      >
        {generate.isPending ? <Spinner size={16} /> : <LabelIcon width={18} height={18} />}
        <span>
          {generate.isPending ? t('bulk.generating', { count, formatted: formatCount(count) }) : t('bulk.generate')}
        </span>
      </button>
    </div>
  );
}
