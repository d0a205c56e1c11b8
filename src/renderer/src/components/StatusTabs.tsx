import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES } from '../../../shared/statuses';
import { useCounts } from '../api/queries';
import { formatCount } from '../formatting';
import { useUi, type StatusTab } from '../state/ui-store';

const TABS: readonly StatusTab[] = ['all', ...ORDER_STATUSES];

export function StatusTabs() {
  const { t } = useTranslation();
  const search = useUi((s) => s.search);
  const source = useUi((s) => s.source);
  const active = useUi((s) => s.statusTab);
  const setStatusTab = useUi((s) => s.setStatusTab);
  const counts = useCounts(search, source);
  const listRef = useRef<HTMLDivElement>(null);

  // Arrow keys move between tabs, as in any tab strip.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const at = TABS.indexOf(active);
    const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length]!;
    setStatusTab(next);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-testid="tab-${next}"]`)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={t('orders.tabsLabel')} ref={listRef} onKeyDown={onKeyDown}>
      {TABS.map((tab) => {
        const count = counts.data?.[tab];
        const selected = tab === active;
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`tab tab--${tab}${count === 0 && !selected ? ' tab--empty' : ''}`}
            data-testid={`tab-${tab}`}
            onClick={() => setStatusTab(tab)}
          >
            {tab !== 'all' && <span className={`dot dot--${tab}`} aria-hidden="true" />}
            <span className="tab__label">{tab === 'all' ? t('status.all') : t(`status.${tab}`)}</span>
            <span className="tab__count" data-testid={`tab-count-${tab}`}>
              {count === undefined ? '–' : formatCount(count)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
