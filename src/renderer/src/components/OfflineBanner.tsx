import { useTranslation } from 'react-i18next';
import { useOutboxSummary } from '../api/outbox-queries';
import { formatCount } from '../formatting';
import { formatFromNow } from '../relative-time';
import { useUi } from '../state/ui-store';
import { AlertIcon } from './icons';

/**
 * Says so when a shop cannot be reached and actions wait for it, or when a shop refused some:
 * the packer should not have to open the outbox to learn that tracking has not gone out.
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const summary = useOutboxSummary();
  const setScreen = useUi((s) => s.setScreen);
  const data = summary.data;
  if (!data) return null;
  const offline = data.offlineWaiting > 0;
  if (!offline && data.failed === 0) return null;

  const holding = data.offline.filter((o) => o.waiting > 0);
  const shops = holding
    .map((o) => o.storeName ?? '')
    .filter(Boolean)
    .join(', ');
  const nextTry = holding.map((o) => o.nextTryAt).sort()[0];
  return (
    <div
      className={offline ? 'offline-banner' : 'offline-banner offline-banner--attention'}
      role="status"
      data-testid="offline-banner"
    >
      <AlertIcon width={18} height={18} />
      <strong data-testid="offline-banner-text">
        {offline
          ? t('outbox.offline', { count: data.offlineWaiting, formatted: formatCount(data.offlineWaiting) })
          : t('outbox.needAttention', { count: data.failed, formatted: formatCount(data.failed) })}
      </strong>
      {offline && (
        <span className="offline-banner__detail">
          {t('outbox.offlineDetail', { shops, time: formatFromNow(nextTry) })}
        </span>
      )}
      <span className="offline-banner__spacer" />
      <button type="button" className="button button--small" onClick={() => setScreen('outbox')}>
        {t('outbox.review')}
      </button>
    </div>
  );
}
