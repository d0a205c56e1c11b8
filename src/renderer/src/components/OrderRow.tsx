import type { TFunction } from 'i18next';
import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { OrderRow as Row } from '../../../shared/dto';
import { ORDER_STATUSES, type Language, type OrderStatus } from '../../../shared/statuses';
import { countryName, formatDateTime, formatMoney } from '../formatting';

export const ROW_HEIGHT = 40;

/**
 * Every word a row shows, translated once per language by the list. Rows mount and unmount on
 * every scrolled frame, so they do no translation work (and hold no i18n subscription) themselves.
 */
export interface RowLabels {
  lang: Language;
  status: Record<OrderStatus, string>;
  channelStatus(raw: string): string;
  channel(provider: string): string;
  selectRow: string;
  selectOrder(number: string): string;
  hasErrors: string;
  noName: string;
}

export function rowLabels(t: TFunction, lang: Language): RowLabels {
  const channelStatuses = new Map<string, string>();
  const channels = new Map<string, string>();
  const selectOrder = t('orders.selectOrder', { number: '\u0000' });
  return {
    lang,
    status: Object.fromEntries(ORDER_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<OrderStatus, string>,
    channelStatus: (raw) => {
      let label = channelStatuses.get(raw);
      if (label === undefined) {
        label = t(`channelStatus.${raw}`, raw);
        channelStatuses.set(raw, label);
      }
      return label;
    },
    channel: (provider) => {
      let label = channels.get(provider);
      if (label === undefined) {
        label = t(`channel.${provider}`, provider);
        channels.set(provider, label);
      }
      return label;
    },
    selectRow: t('orders.selectRow'),
    selectOrder: (number) => selectOrder.replace('\u0000', number),
    hasErrors: t('orders.hasErrors'),
    noName: t('orders.noName'),
  };
}

interface Props {
  index: number;
  row: Row | undefined;
  start: number;
  selected: boolean;
  open: boolean;
  cursor: boolean;
  labels: RowLabels;
  onCheck(index: number, row: Row, shiftKey: boolean): void;
  onOpen(index: number, row: Row): void;
}

function rowStyle(start: number): CSSProperties {
  return { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
}

/** One line of the queue; a placeholder with the same shape until its page arrives. */
export const OrderRow = memo(function OrderRow({
  index,
  row,
  start,
  selected,
  open,
  cursor,
  labels,
  onCheck,
  onOpen,
}: Props) {
  if (!row) {
    return (
      <div
        className="order-row order-grid order-row--placeholder"
        role="row"
        aria-rowindex={index + 2}
        aria-busy="true"
        data-testid="order-row-placeholder"
        style={rowStyle(start)}
      >
        <span role="gridcell" />
        <span role="gridcell" className="skeleton" />
        <span role="gridcell" className="skeleton skeleton--wide" />
        <span role="gridcell" className="skeleton skeleton--short" />
      </div>
    );
  }
  const classes = ['order-row', 'order-grid'];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  if (cursor) classes.push('is-cursor');
  return (
    <div
      id={`order-row-${index}`}
      className={classes.join(' ')}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="order-row"
      data-order-number={row.orderNumber}
      data-order-id={row.id}
      data-status={row.status}
      style={rowStyle(start)}
      onClick={() => onOpen(index, row)}
    >
      <label
        role="gridcell"
        className="cell cell--check"
        onClick={(e: MouseEvent) => e.stopPropagation()}
        title={labels.selectRow}
      >
        <input
          type="checkbox"
          data-testid="row-select"
          checked={selected}
          readOnly
          tabIndex={-1}
          aria-label={labels.selectOrder(row.orderNumber)}
          onClick={(e: MouseEvent<HTMLInputElement>) => onCheck(index, row, e.shiftKey)}
        />
      </label>
      <span role="gridcell" className="cell cell--number" title={row.orderNumber}>
        {row.orderNumber}
      </span>
      <span
        role="gridcell"
        className="cell cell--shop"
        data-testid="row-shop"
        data-channel={row.channel}
        title={`${labels.channel(row.channel)} · ${row.storeName}`}
      >
        <span className="cell--shop__store">{row.storeName}</span>
        <span className="cell--shop__channel">{labels.channel(row.channel)}</span>
      </span>
      <span role="gridcell" className="cell cell--recipient" title={row.recipientName}>
        {row.recipientName || <span className="muted">{labels.noName}</span>}
      </span>
      <span role="gridcell" className="cell cell--country" title={countryName(row.country, labels.lang)}>
        {row.country}
      </span>
      <span role="gridcell" className="cell cell--num">
        {row.itemCount}
      </span>
      <span role="gridcell" className="cell cell--num cell--money">
        {formatMoney(row.total, row.currency)}
      </span>
      <span role="gridcell" className="cell">
        <span className={`chip chip--${row.status}`} data-status={row.status}>
          {labels.status[row.status]}
        </span>
      </span>
      <span role="gridcell" className="cell cell--channel-status" title={row.channelStatus}>
        {labels.channelStatus(row.channelStatus)}
      </span>
      <span role="gridcell" className="cell cell--mono" title={row.trackingNumber ?? undefined}>
        {row.trackingNumber ?? <span className="muted">—</span>}
      </span>
      <span role="gridcell" className="cell cell--flag">
        {row.hasErrors && (
          <span className="error-marker" data-testid="row-error" title={labels.hasErrors}>
            <span className="visually-hidden">{labels.hasErrors}</span>
          </span>
        )}
      </span>
      <span role="gridcell" className="cell cell--date">
        {formatDateTime(row.placedAt, labels.lang)}
      </span>
    </div>
  );
});
