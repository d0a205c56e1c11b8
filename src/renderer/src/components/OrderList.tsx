/**
 * The order queue: a virtualised list that can hold 100,000 rows. The first page (100 rows, and
 * the total) comes first; every other page is fetched only when it scrolls into view, and rows
 * not loaded yet show as placeholders of the same height.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow as Row } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { loadedRows, rowAt } from '../api/order-cache';
import { fetchOrderPage, ORDER_PAGE_SIZE, queryKeys, useCounts } from '../api/queries';
import { useUi } from '../state/ui-store';
import { currentLanguage } from '../i18n';
import { OrderRow, ROW_HEIGHT, rowLabels } from './OrderRow';

const HEADER_HEIGHT = 36;
/** Rows fetched beyond the visible ones, so pages usually arrive before they scroll into view. */
const PREFETCH_ROWS = 60;

/** The pages holding the rows on screen and PREFETCH_ROWS either side of them. */
function pagesAround(first: number | undefined, last: number | undefined, total: number): number[] {
  if (first === undefined || last === undefined || total === 0) return [];
  const from = Math.floor(Math.max(0, first - PREFETCH_ROWS) / ORDER_PAGE_SIZE);
  const to = Math.floor(Math.min(total - 1, last + PREFETCH_ROWS) / ORDER_PAGE_SIZE);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}

/**
 * How many rows the queue has: its tab's count. A short first page is already the whole queue,
 * so a small tab or a narrow search does not wait for the counts.
 */
function queueLength(firstPage: readonly Row[] | undefined, count: number | undefined): number {
  if (firstPage && firstPage.length < ORDER_PAGE_SIZE) return firstPage.length;
  return count ?? firstPage?.length ?? 0;
}

export function OrderList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const labels = useMemo(() => rowLabels(t, lang), [t, lang]);
  const status = useUi((s) => s.statusTab);
  const search = useUi((s) => s.search);
  const source = useUi((s) => s.source);
  const selected = useUi((s) => s.selected);
  const openOrderId = useUi((s) => s.openOrderId);

  const first = useQuery({
    queryKey: queryKeys.orderPage(status, search, source, 0),
    queryFn: () => fetchOrderPage(status, search, source, 0),
  });
  const counts = useCounts(search, source);
  const total = queueLength(first.data, counts.isPlaceholderData ? undefined : counts.data?.[status]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();

  const pageIndexes = pagesAround(items[0]?.index, items.at(-1)?.index, total);
  const pages = useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      queryKey: queryKeys.orderPage(status, search, source, pageIndex),
      queryFn: () => fetchOrderPage(status, search, source, pageIndex),
    })),
  });
  const rowOf = (index: number): Row | undefined => {
    const at = pageIndexes.indexOf(Math.floor(index / ORDER_PAGE_SIZE));
    return at < 0 ? undefined : pages[at]?.data?.[index % ORDER_PAGE_SIZE];
  };
  const pageError = pages.find((p) => p.isError)?.error;

  // Keyboard: a cursor row that arrows move; Space selects it, Enter opens it.
  const [cursor, setCursor] = useState(-1);
  const lastChecked = useRef<number | null>(null);

  const onCheck = useCallback(
    (index: number, row: Row, shiftKey: boolean) => {
      const ui = useUi.getState();
      const on = !ui.selected.has(row.id);
      const from = lastChecked.current;
      if (shiftKey && from !== null && from !== index) {
        const ids: number[] = [];
        for (let i = Math.min(from, index); i <= Math.max(from, index); i++) {
          const r = rowAt(status, search, source, i);
          if (r) ids.push(r.id);
        }
        ui.setSelected(ids, on);
      } else {
        ui.toggleSelected(row.id);
      }
      lastChecked.current = index;
      setCursor(index);
    },
    [status, search, source],
  );

  const onOpen = useCallback((index: number, row: Row) => {
    useUi.getState().openOrder(row.id);
    setCursor(index);
  }, []);

  const moveCursor = (to: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const row = rowAt(status, search, source, next);
    // With the detail open, moving through the list shows each order in turn.
    if (row && useUi.getState().openOrderId !== null) useUi.getState().openOrder(row.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const row = cursor >= 0 ? rowAt(status, search, source, cursor) : undefined;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        moveCursor(cursor + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveCursor(cursor - 1);
        break;
      case 'PageDown':
        moveCursor(cursor + pageRows);
        break;
      case 'PageUp':
        moveCursor(cursor - pageRows);
        break;
      case 'Home':
        moveCursor(0);
        break;
      case 'End':
        moveCursor(total - 1);
        break;
      case ' ':
      case 'x':
        if (row) onCheck(cursor, row, e.shiftKey);
        break;
      case 'Enter':
        if (row) useUi.getState().openOrder(row.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Header checkbox: every loaded row of this tab, search and source.
  const visibleRows = items.map((item) => rowOf(item.index)).filter((r): r is Row => r !== undefined);
  const allVisibleSelected = visibleRows.length > 0 && visibleRows.every((r) => selected.has(r.id));
  const someVisibleSelected = visibleRows.some((r) => selected.has(r.id));
  const headerCheck = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerCheck.current) headerCheck.current.indeterminate = someVisibleSelected && !allVisibleSelected;
  }, [someVisibleSelected, allVisibleSelected]);
  // The box shows the rows on screen; what it does reaches every loaded row, as its title says.
  const toggleAllLoaded = () => {
    useUi.getState().setSelected(
      loadedRows(status, search, source).map((r) => r.id),
      !allVisibleSelected,
    );
  };

  if (first.isError) {
    return (
      <div className="list-state" role="alert">
        <p>{messageOf(first.error)}</p>
        <button type="button" className="button" onClick={() => void first.refetch()}>
          {t('common.tryAgain')}
        </button>
      </div>
    );
  }

  return (
    <div
      className="order-list"
      ref={scrollRef}
      role="grid"
      aria-label={t('orders.listLabel')}
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-activedescendant={cursor >= 0 && rowOf(cursor) ? `order-row-${cursor}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="order-list"
      data-total={first.isSuccess ? total : undefined}
    >
      <div className="order-list__inner" style={{ height: Math.max(virtualizer.getTotalSize(), HEADER_HEIGHT) }}>
        <div className="order-list__header order-grid" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
          <label role="columnheader" className="cell cell--check" title={t('orders.selectAllLoaded')}>
            <input
              ref={headerCheck}
              type="checkbox"
              data-testid="select-all"
              checked={allVisibleSelected}
              disabled={visibleRows.length === 0}
              onChange={toggleAllLoaded}
              aria-label={t('orders.selectAllLoaded')}
            />
          </label>
          <span role="columnheader" className="cell">
            {t('orders.col.number')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.shop')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.recipient')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.country')}
          </span>
          <span role="columnheader" className="cell cell--num">
            {t('orders.col.items')}
          </span>
          <span role="columnheader" className="cell cell--num">
            {t('orders.col.total')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.status')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.channelStatus')}
          </span>
          <span role="columnheader" className="cell">
            {t('orders.col.tracking')}
          </span>
          <span role="columnheader" className="cell cell--flag" title={t('orders.col.errors')}>
            <span className="error-marker error-marker--header" aria-hidden="true" />
            <span className="visually-hidden">{t('orders.col.errors')}</span>
          </span>
          <span role="columnheader" className="cell cell--date">
            {t('orders.col.placed')}
          </span>
        </div>

        {first.isPending &&
          total === 0 &&
          Array.from({ length: 12 }, (_, i) => (
            <OrderRow
              key={`loading-${i}`}
              index={i}
              row={undefined}
              start={HEADER_HEIGHT + i * ROW_HEIGHT}
              selected={false}
              open={false}
              cursor={false}
              labels={labels}
              onCheck={onCheck}
              onOpen={onOpen}
            />
          ))}

        {items.map((item) => {
          const row = rowOf(item.index);
          return (
            <OrderRow
              key={item.key}
              index={item.index}
              row={row}
              start={item.start}
              selected={row ? selected.has(row.id) : false}
              open={row ? row.id === openOrderId : false}
              cursor={item.index === cursor}
              labels={labels}
              onCheck={onCheck}
              onOpen={onOpen}
            />
          );
        })}
      </div>

      {first.isSuccess && total === 0 && (
        <div className="list-state" data-testid="orders-empty">
          <p className="list-state__title">{search ? t('orders.noMatch', { search }) : t('orders.emptyTab')}</p>
          {!search && status === 'all' && <p className="muted">{t('orders.emptyHint')}</p>}
        </div>
      )}
      {pageError && (
        <div className="list-state list-state--floating" role="alert">
          {messageOf(pageError)}
        </div>
      )}
    </div>
  );
}
