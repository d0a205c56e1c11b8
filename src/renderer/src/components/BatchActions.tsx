/**
 * What a shift lead does with a batch: print its files (labels to the label printer, slips and
 * pick list to A4; the batch turns printed by itself once they have printed), or mark them printed
 * by hand, hand its packed parcels to the carrier, close it once every order is packed. The
 * server refuses what does not fit, in words.
 */
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { usePacker } from '../state/packer-store';
import { toast } from '../state/toast-store';
import { PrinterIcon } from './icons';
import { Spinner } from './Spinner';

export function BatchActions({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const packer = usePacker((s) => s.packer);
  const onError = (error: unknown) => toast.error(messageOf(error));
  const print = useMutation({
    mutationFn: () => call('batches.print', { batchId: batch.batchId }),
    onSuccess: (jobs) =>
      toast.success(
        t('batches.printQueued', {
          labels: jobs.find((j) => j.kind === 'label')?.printerName,
          a4: jobs.find((j) => j.kind !== 'label')?.printerName,
        }),
      ),
    onError,
  });
  const printed = useMutation({ mutationFn: () => call('batches.markPrinted', { batchId: batch.batchId }), onError });
  const close = useMutation({ mutationFn: () => call('batches.close', { batchId: batch.batchId }), onError });
  const ship = useMutation({
    mutationFn: () => call('batches.ship', { batchId: batch.batchId, packer: packer.trim() || 'shift lead' }),
    onSuccess: (r) => toast.success(t('batches.shipped', { count: r.shipped })),
    onError,
  });
  return (
    <span className="batch-actions">
      <button
        type="button"
        className="button button--small"
        data-testid="batch-print"
        onClick={() => print.mutate()}
        disabled={print.isPending}
        aria-busy={print.isPending}
      >
        {print.isPending ? <Spinner size={14} /> : <PrinterIcon width={16} height={16} />}
        <span>{t('batches.print')}</span>
      </button>
      {batch.status === 'created' && batch.printJobsOpen === 0 && (
        <button
          type="button"
          className="button button--small"
          data-testid="batch-mark-printed"
          onClick={() => printed.mutate()}
          disabled={printed.isPending}
        >
          {t('batches.markPrinted')}
        </button>
      )}
      {batch.packedCount > batch.shippedCount && (
        <button
          type="button"
          className="button button--small"
          data-testid="batch-ship"
          onClick={() => ship.mutate()}
          disabled={ship.isPending}
        >
          {t('batches.ship')}
        </button>
      )}
      {batch.status === 'packed' && (
        <button
          type="button"
          className="button button--small"
          data-testid="batch-close"
          onClick={() => close.mutate()}
          disabled={close.isPending}
        >
          {t('batches.close')}
        </button>
      )}
    </span>
  );
}
