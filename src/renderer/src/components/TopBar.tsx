import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useCredentials } from '../api/queries';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';
import { Logo, PullIcon, StoreIcon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';
import { Spinner } from './Spinner';

export function TopBar() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const shops = (credentials.data ?? []).filter((c) => c.type === 'order_channel' && c.isActive);

  const pull = useMutation({
    mutationFn: () => call('orders.pull', {}),
    onSuccess: (r) => {
      const text = t('pull.result', { pulled: r.pulled, newOrders: r.new_orders, failed: r.failed });
      if (r.pulled === 0) toast.info(t('pull.upToDate'));
      else if (r.failed > 0) toast.error(text);
      else toast.success(text);
    },
    onError: (error) => toast.error(messageOf(error)),
  });

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <Logo />
        <span className="topbar__name">PackDesk</span>
      </div>
      <div className="topbar__shops" aria-label={t('shops.label')}>
        {shops.length === 0 && credentials.isSuccess && <span className="muted">{t('shops.none')}</span>}
        {shops.map((shop) => (
          <span
            key={shop.id}
            className="shop-chip"
            data-testid="shop-chip"
            title={
              shop.lastPulledAt
                ? t('shops.lastPulled', { time: formatDateTime(shop.lastPulledAt) })
                : t('shops.neverPulled')
            }
          >
            <StoreIcon width={16} height={16} />
            <span className="shop-chip__name">{shop.displayName}</span>
            <span className="shop-chip__provider">{t(`channel.${shop.providerCode}`, shop.providerCode)}</span>
            {shop.isSandbox && <span className="badge badge--training">{t('shops.training')}</span>}
          </span>
        ))}
      </div>
      <div className="topbar__actions">
        <button
          type="button"
          className="button button--primary button--large"
          data-testid="pull-now"
          onClick={() => pull.mutate()}
          disabled={pull.isPending}
          aria-busy={pull.isPending}
        >
          {pull.isPending ? <Spinner size={16} /> : <PullIcon width={18} height={18} />}
          <span>{pull.isPending ? t('pull.pulling') : t('pull.button')}</span>
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}
