import { useTranslation } from 'react-i18next';
import type { BatchStatus, OrderStatus } from '../../../shared/statuses';

export function StatusChip({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip--${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function BatchStatusChip({ status }: { status: BatchStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip--batch-${status}`} data-status={status}>
      {t(`batchStatus.${status}`)}
    </span>
  );
}
