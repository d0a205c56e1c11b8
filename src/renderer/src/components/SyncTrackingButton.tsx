import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { formatCount } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';
import { OutboxIcon } from './icons';
import { Spinner } from './Spinner';

/** Queues the selected orders' tracking for their shops; the outbox sends it, now or once they answer. */
export function SyncTrackingButton() {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const clearSelection = useUi((s) => s.clearSelection);
  const sync = useMutation({
    mutationFn: () => call('orders.syncTracking', { orderIds: [...selected] }),
    onSuccess: (result) => {
      if (result.queued.length > 0) {
        const n = result.queued.length;
        toast.success(t('outbox.queued', { count: n, formatted: formatCount(n) }));
      }
      for (const f of result.failed.slice(0, 3)) toast.error(f.error);
      clearSelection();
    },
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <button
      type="button"
      className="button button--large"
      data-testid="sync-tracking"
      onClick={() => sync.mutate()}
      disabled={sync.isPending || selected.size === 0}
      aria-busy={sync.isPending}
    >
      {sync.isPending ? <Spinner size={16} /> : <OutboxIcon width={18} height={18} />}
      <span>{t('outbox.syncTracking')}</span>
    </button>
  );
}
