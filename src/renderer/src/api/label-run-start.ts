/**
 * Starts a bulk label run and hands it to LabelRunProgress (bar, counts, Cancel), the one way the
 * bulk bar, the result panel's Retry all and the Exceptions screen's retry begin a run.
 */
import { useMutation } from '@tanstack/react-query';
import type { ApiArg } from '../../../shared/contract';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';
import { messageOf } from './api-error';
import { call } from './client';

interface RunRequest {
  input: ApiArg<'labels.start'>;
  /** The order numbers the result panel names failures by. */
  orderNumbers: Record<number, string>;
}

export function useStartLabelRun() {
  const setLabelRun = useUi((s) => s.setLabelRun);
  const setActiveRun = useUi((s) => s.setActiveRun);
  const clearSelection = useUi((s) => s.clearSelection);
  return useMutation({
    mutationFn: async ({ input, orderNumbers }: RunRequest) => {
      const run = await call('labels.start', input);
      return { runId: run.runId, total: run.total, orderNumbers };
    },
    onSuccess: (run) => {
      setLabelRun(null);
      setActiveRun(run);
      clearSelection();
    },
    onError: (error) => toast.error(messageOf(error)),
  });
}
