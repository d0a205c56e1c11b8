import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkActionBar } from '../components/BulkActionBar';
import { CloseIcon } from '../components/icons';
import { LabelResultPanel } from '../components/LabelResultPanel';
import { LabelRunProgress } from '../components/LabelRunProgress';
import { OrderList } from '../components/OrderList';
import { SearchBox } from '../components/SearchBox';
import { SourceFilter } from '../components/SourceFilter';
import { StatusTabs } from '../components/StatusTabs';
import { useUi } from '../state/ui-store';
import { OrderDetailPanel } from './OrderDetailPanel';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function FirstPullBanner() {
  const { t } = useTranslation();
  const firstPull = useUi((s) => s.firstPull);
  const setFirstPull = useUi((s) => s.setFirstPull);
  if (!firstPull) return null;
  return (
    <div className="banner banner--training" data-testid="pull-summary" role="status">
      <span className="badge badge--training">{t('shops.training')}</span>
      <span>
        {t('firstStart.pulled', { pulled: firstPull.pulled, newOrders: firstPull.new_orders })}{' '}
        <span className="muted">{t('firstStart.nextStep')}</span>
      </span>
      <button type="button" className="icon-button" onClick={() => setFirstPull(null)} aria-label={t('common.dismiss')}>
        <CloseIcon width={16} height={16} />
      </button>
    </div>
  );
}

export function OrdersScreen() {
  const { t } = useTranslation();
  const statusTab = useUi((s) => s.statusTab);
  const search = useUi((s) => s.search);
  const source = useUi((s) => s.source);
  const selectedCount = useUi((s) => s.selected.size);
  const openOrderId = useUi((s) => s.openOrderId);
  const labelRun = useUi((s) => s.labelRun);
  const activeRun = useUi((s) => s.activeRun);
  const searchRef = useRef<HTMLInputElement>(null);

  // "/" jumps to the search box (or a scan goes there); Escape closes the detail.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Escape' && useUi.getState().openOrderId !== null && !isTyping(e.target)) {
        useUi.getState().openOrder(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="orders">
      <FirstPullBanner />
      <div className="orders__head">
        <h1 className="visually-hidden">{t('nav.orders')}</h1>
        <StatusTabs />
      </div>
      <div className="orders__toolbar">
        <SearchBox inputRef={searchRef} />
        <SourceFilter />
        {selectedCount > 0 ? <BulkActionBar /> : <span className="orders__hint muted">{t('orders.selectHint')}</span>}
      </div>
      <div className="orders__body">
        <div className="orders__main">
          {activeRun && <LabelRunProgress key={activeRun.runId} run={activeRun} />}
          {labelRun && <LabelResultPanel run={labelRun} />}
          {/* A new tab, search or source starts at the top with a fresh cursor. */}
          <OrderList key={`${statusTab}\u0000${search}\u0000${source}`} />
        </div>
        {openOrderId !== null && <OrderDetailPanel key={openOrderId} orderId={openOrderId} />}
      </div>
    </div>
  );
}
