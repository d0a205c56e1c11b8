/**
 * A bulk label run as it goes: a bar with counts, read from labels.runStatus every 200 ms while
 * the run lasts (it lives in main's memory, not in a table a write could invalidate), and Cancel.
 * When the run ends, the queue is refetched and the result panel takes over.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { queryClient } from '../api/query-client';
import { formatCount } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi, type ActiveLabelRun } from '../state/ui-store';
import { Spinner } from './Spinner';

const POLL_MS = 200;
/** What a run changes: orders (labels, statuses) and the outbox (tracking syncs it queued). */
const RUN_TABLES: readonly unknown[] = ['orders', 'outbox'];

export function LabelRunProgress({ run }: { run: ActiveLabelRun }) {
  const { t } = useTranslation();
  const setActiveRun = useUi((s) => s.setActiveRun);
  const setLabelRun = useUi((s) => s.setLabelRun);
  const status = useQuery({
    queryKey: ['labelRun', run.runId],
    queryFn: () => call('labels.runStatus', { runId: run.runId }),
    refetchInterval: (query) => (query.state.data?.running === false || query.state.error ? false : POLL_MS),
  });
  const cancel = useMutation({
    mutationFn: () => call('labels.cancelRun', { runId: run.runId }),
    onError: (error) => toast.error(messageOf(error)),
  });

  const ended = status.data && !status.data.running ? status.data : null;
  useEffect(() => {
    if (!ended) return;
    if (ended.error) toast.error(ended.error);
    setLabelRun({
      result: ended.result ?? { success: [], failed: [] },
      orderNumbers: run.orderNumbers,
      notStarted: ended.total - ended.done,
    });
    setActiveRun(null);
    void queryClient.invalidateQueries({ predicate: (q) => RUN_TABLES.includes(q.queryKey[0]) });
  }, [ended, run.orderNumbers, setActiveRun, setLabelRun]);

  const data = status.data;
  const total = data?.total ?? run.total;
  const done = data?.done ?? 0;
  const stopping = data?.cancelled === true || cancel.isPending;
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);

  return (
    <section className="run-panel" data-testid="label-run" data-done={done} data-total={total} aria-live="polite">
      <header className="run-panel__head">
        <Spinner size={16} />
        <strong data-testid="label-run-count">
          {t('labelRun.progress', { done: formatCount(done), total: formatCount(total) })}
        </strong>
        <span className="muted" data-testid="label-run-detail">
          {t('labelRun.detail', {
            made: formatCount(data?.succeeded ?? 0),
            failed: formatCount(data?.failed ?? 0),
          })}
        </span>
        <span className="run-panel__spacer" />
        {stopping && <span className="muted">{t('labelRun.stopping')}</span>}
        <button
          type="button"
          className="button button--small"
          data-testid="label-run-cancel"
          onClick={() => cancel.mutate()}
          disabled={stopping}
        >
          {t('labelRun.cancel')}
        </button>
      </header>
      <div
        className="run-panel__bar"
        role="progressbar"
        aria-label={t('labelRun.bar')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <span className="run-panel__fill" style={{ width: `${percent}%` }} />
      </div>
      {status.isError && (
        <p className="inline-error" role="alert">
          {messageOf(status.error)}{' '}
          <button type="button" className="link-button" onClick={() => setActiveRun(null)}>
            {t('common.dismiss')}
          </button>
        </p>
      )}
    </section>
  );
}
