/**
 * Audit at iRCloud, for a selection holding iRCloud orders: queues one outbox job per order
 * awaiting audit, then follows those jobs for a short while so the packer sees the outcome here
 * (audited, or iRCloud's reason, such as an unpaid pay-before-delivery order). Jobs still waiting
 * after that finish in the background; the outbox screen and the order's errors show them.
 */
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboxJobView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { idsFromChannel } from '../api/order-cache';
import { queryClient } from '../api/query-client';
import { formatCount } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';
import { CheckIcon } from './icons';
import { Spinner } from './Spinner';

/** How long the button follows its jobs before leaving them to the outbox. */
const FOLLOW_MS = 20_000;
const POLL_MS = 400;

const finished = (job: OutboxJobView) => job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';

async function followJobs(jobIds: number[]): Promise<OutboxJobView[]> {
  const deadline = Date.now() + FOLLOW_MS;
  for (;;) {
    const jobs = await call('outbox.jobs', { jobIds });
    // Jobs cut short by an unreachable server wait for the outbox; no point holding the button for them.
    if (jobs.every((j) => finished(j) || (j.state === 'waiting' && j.attempts > 0)) || Date.now() > deadline) {
      return jobs;
    }
    await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
  }
}

export function AuditButton() {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const clearSelection = useUi((s) => s.clearSelection);
  // Only the iRCloud orders of a mixed selection are sent: the others have nothing to audit.
  const ircloudIds = idsFromChannel(selected, 'ircloud');
  const audit = useMutation({
    mutationFn: async () => {
      const asked = await call('orders.audit', { orderIds: ircloudIds });
      const jobs = asked.jobIds.length > 0 ? await followJobs(asked.jobIds) : [];
      return { asked, jobs };
    },
    onSuccess: ({ asked, jobs }) => {
      const done = jobs.filter((j) => j.state === 'done').length;
      const waiting = jobs.filter((j) => !finished(j)).length;
      if (done > 0) toast.success(t('audit.done', { count: done, formatted: formatCount(done) }));
      if (waiting > 0) toast.info(t('audit.waiting', { count: waiting, formatted: formatCount(waiting) }));
      for (const job of jobs.filter((j) => j.state === 'failed').slice(0, 3)) {
        toast.error(t('audit.refused', { number: job.orderNumber ?? '', reason: job.lastError ?? '' }));
      }
      for (const f of asked.failed.slice(0, 3)) toast.error(f.error);
      clearSelection();
      // The outbox changed the orders in the background: their channel status and errors.
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'orders' || q.queryKey[0] === 'outbox',
      });
    },
    onError: (error) => toast.error(messageOf(error)),
  });
  if (ircloudIds.length === 0) return null;
  return (
    <button
      type="button"
      className="button button--large"
      data-testid="audit-ircloud"
      onClick={() => audit.mutate()}
      disabled={audit.isPending}
      aria-busy={audit.isPending}
    >
      {audit.isPending ? <Spinner size={16} /> : <CheckIcon width={18} height={18} />}
      <span>{audit.isPending ? t('audit.auditing') : t('audit.button')}</span>
    </button>
  );
}
