/**
 * The queue toolbar's choice of shops: every shop, every store of one channel (when it has more
 * than one), or one store. It appears once there is more than one store to choose between; the
 * rows, the tab counts and "select all" follow it.
 */
import { useTranslation } from 'react-i18next';
import type { CredentialView } from '../../../shared/dto';
import { CHANNEL_PROVIDERS } from '../../../shared/statuses';
import { useCredentials } from '../api/queries';
import type { QueueSource } from '../api/queue-source';
import { useUi } from '../state/ui-store';

export function SourceFilter() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const source = useUi((s) => s.source);
  const setSource = useUi((s) => s.setSource);
  const stores = (credentials.data ?? []).filter((c) => c.type === 'order_channel');
  if (stores.length < 2 && source === '') return null;

  const byChannel = CHANNEL_PROVIDERS.map((channel) => ({
    channel,
    stores: stores.filter((c) => c.providerCode === channel),
  })).filter((g) => g.stores.length > 0);

  return (
    <select
      className="input source-filter"
      data-testid="queue-source"
      aria-label={t('orders.sourceLabel')}
      value={source}
      onChange={(e) => setSource(e.target.value as QueueSource)}
    >
      <option value="">{t('orders.allSources')}</option>
      {byChannel.map(({ channel, stores: own }) => (
        <optgroup key={channel} label={t(`channel.${channel}`)}>
          {own.length > 1 && (
            <option value={`channel:${channel}`}>
              {t('orders.allOfChannel', { channel: t(`channel.${channel}`) })}
            </option>
          )}
          {own.map((c: CredentialView) => (
            <option key={c.id} value={`store:${c.id}`}>
              {c.displayName}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
