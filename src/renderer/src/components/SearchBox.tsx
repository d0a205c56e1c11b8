import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOrderPage, queryKeys } from '../api/queries';
import { queryClient } from '../api/query-client';
import { useUi } from '../state/ui-store';
import { CloseIcon, SearchIcon } from './icons';

const DEBOUNCE_MS = 150;

/**
 * Search by order number, name, SKU or tracking number. A barcode scanner types like a keyboard
 * and ends with Enter: Enter searches at once, and a scan that finds exactly one order opens it.
 */
export function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const text = useUi((s) => s.searchText);
  const setText = useUi((s) => s.setSearchText);
  const setSearch = useUi((s) => s.setSearch);
  const openOrder = useUi((s) => s.openOrder);

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, setSearch]);

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && text) {
      e.stopPropagation();
      setText('');
      setSearch('');
      return;
    }
    if (e.key !== 'Enter') return;
    const search = text.trim();
    setSearch(search);
    if (!search) return;
    const { statusTab: status, source } = useUi.getState();
    try {
      const page = await queryClient.fetchQuery({
        queryKey: queryKeys.orderPage(status, search, source, 0),
        queryFn: () => fetchOrderPage(status, search, source, 0),
      });
      if (page.length === 1 && page[0]) openOrder(page[0].id);
    } catch {
      // The list shows the error in words; nothing more to do here.
    }
  };

  return (
    <div className="search">
      <SearchIcon className="search__icon" width={18} height={18} />
      <input
        ref={inputRef}
        className="search__input"
        type="search"
        data-testid="order-search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => void onKeyDown(e)}
        placeholder={t('orders.searchPlaceholder')}
        aria-label={t('orders.searchLabel')}
        spellCheck={false}
        autoComplete="off"
      />
      {text && (
        <button
          type="button"
          className="icon-button search__clear"
          onClick={() => {
            setText('');
            setSearch('');
            inputRef.current?.focus();
          }}
          aria-label={t('orders.clearSearch')}
        >
          <CloseIcon width={16} height={16} />
        </button>
      )}
      <kbd className="search__hint" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
