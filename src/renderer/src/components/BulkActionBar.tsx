import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GenerateLabelsResult } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { allRows, orderNumbersFor } from '../api/order-cache';
import { useCounts } from '../api/queries';
import { formatCount } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi, type LabelChoice } from '../state/ui-store';
import { CarrierPicker, useLabelChoice } from './CarrierPicker';
import { LabelIcon } from './icons';
import { Spinner } from './Spinner';
import { SyncTrackingButton } from './SyncTrackingButton';

/** labels.generate takes at most this many ids; bigger selections go in several calls. */
const MAX_PER_CALL = 5000;

async function generateInChunks(orderIds: number[], choice: LabelChoice): Promise<GenerateLabelsResult> {
  const merged: GenerateLabelsResult = { success: [], failed: [] };
  for (let i = 0; i < orderIds.length; i += MAX_PER_CALL) {
    const part = await call('labels.generate', { orderIds: orderIds.slice(i, i + MAX_PER_CALL), ...choice });
    merged.success.push(...part.success);
    merged.failed.push(...part.failed);
  }
  return merged;
}

export function BulkActionBar() {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const status = useUi((s) => s.statusTab);
  const search = useUi((s) => s.search);
  const source = useUi((s) => s.source);
  const clearSelection = useUi((s) => s.clearSelection);
  const replaceSelection = useUi((s) => s.replaceSelection);
  const setLabelRun = useUi((s) => s.setLabelRun);
  const choice = useLabelChoice();
  const counts = useCounts(search, source);
  const total = counts.data && !counts.isPlaceholderData ? counts.data[status] : 0;

  const generate = useMutation({
    mutationFn: async () => {
      const ids = [...selected];
      const orderNumbers = orderNumbersFor(ids);
      return { result: await generateInChunks(ids, choice), orderNumbers };
    },
    onSuccess: (run) => {
      setLabelRun(run);
      clearSelection();
    },
    onError: (error) => toast.error(messageOf(error)),
  });

  const selectAll = useMutation({
    mutationFn: () => allRows(status, search, source, total),
    onSuccess: (rows) => replaceSelection(rows.map((r) => r.id)),
    onError: (error) => toast.error(messageOf(error)),
  });

  const count = selected.size;
  const canSelectAll = count < total && total <= MAX_PER_CALL;

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
      <SyncTrackingButton />
      <CarrierPicker disabled={generate.isPending} />
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="generate-labels"
        onClick={() => generate.mutate()}
        disabled={generate.isPending || count === 0}
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
