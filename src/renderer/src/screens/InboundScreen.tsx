/**
 * The Inbound queue: purchase orders coming to the warehouse from the purchasing server (seed
 * 004), not customer orders. Filter by delivery status, lock and one of the seed's fields (payment,
 * account, source, batch: a value the held orders have), search as the server does, open
 * one to see its inventory items and change its delivery status; the change waits in the outbox
 * until the server has it. An order a worker holds cannot be changed, and says who holds it.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INBOUND_CHOICE_FIELDS, type InboundChoiceField, type InboundRow } from '../../../shared/inbound';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../shared/statuses';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { INBOUND_PAGE_SIZE, useInboundFilterChoices, useInboundOrder, useInboundPage } from '../api/inbound-queries';
import { CloseIcon, PullIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';

type LockFilter = 'all' | 'locked' | 'free';
/** One of the seed's field filters: which field, and the value it must have. */
type FieldFilter = { field: InboundChoiceField; value: string } | null;

/** One select for every field filter: a group of the values held per field, so nothing is typed. */
function FieldFilterSelect({ value, onChange }: { value: FieldFilter; onChange: (next: FieldFilter) => void }) {
  const { t } = useTranslation();
  const choices = useInboundFilterChoices().data;
  // A tab cannot occur in a value kept from the server's one-line fields.
  const encode = (f: NonNullable<FieldFilter>) => `${f.field}\t${f.value}`;
  return (
    <select
      className="input inbound__field-filter"
      data-testid="inbound-field-filter"
      aria-label={t('inbound.fieldFilter')}
      value={value ? encode(value) : ''}
      onChange={(e) => {
        const [field, ...rest] = e.target.value.split('\t');
        const known = INBOUND_CHOICE_FIELDS.find((f) => f === field);
        onChange(known ? { field: known, value: rest.join('\t') } : null);
      }}
    >
      <option value="">{t('inbound.anyField')}</option>
      {INBOUND_CHOICE_FIELDS.filter((field) => (choices?.[field].length ?? 0) > 0).map((field) => (
        <optgroup key={field} label={t(`inbound.field.${field}`)}>
          {choices![field].map((v) => (
            // The field named in the text too: a closed select shows only the chosen option.
            <option key={v} value={encode({ field, value: v })}>
              {t('inbound.fieldValue', { field: t(`inbound.field.${field}`), value: v })}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

export function DeliveryChip({ row }: { row: Pick<InboundRow, 'deliveryStatus' | 'pendingDeliveryStatus'> }) {
  const { t } = useTranslation();
  const status = row.deliveryStatus;
  return (
    <span className="inbound__status">
      <span
        className={`chip chip--delivery-${status ?? 'unknown'}`}
        data-testid="delivery-chip"
        data-status={status ?? ''}
      >
        {status ? t(`delivery.${status}`) : t('inbound.unreadable')}
      </span>
      {row.pendingDeliveryStatus && (
        <span className="inbound__pending muted" data-testid="delivery-pending">
          → {t(`delivery.${row.pendingDeliveryStatus}`)} · {t('inbound.sending')}
        </span>
      )}
    </span>
  );
}

function LockCell({ row }: { row: InboundRow }) {
  const { t } = useTranslation();
  if (!row.isLocked) return <span className="muted">—</span>;
  return (
    <span
      className="chip chip--locked"
      data-testid="lock-holder"
      title={t('inbound.lockedReason', { worker: row.lockedBy || t('inbound.someWorker') })}
    >
      {t('inbound.lockedBy', { worker: row.lockedBy || t('inbound.someWorker') })}
    </span>
  );
}

function StatusControl({
  id,
  current,
  locked,
  lockedBy,
  deleted,
}: {
  id: number;
  current: DeliveryStatus | null;
  locked: boolean;
  lockedBy: string;
  deleted: boolean;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<DeliveryStatus | ''>('');
  const change = useMutation({
    mutationFn: (status: DeliveryStatus) => call('inbound.setDeliveryStatus', { id, status }),
    onSuccess: () => {
      setChoice('');
      toast.success(t('inbound.queued'));
    },
    onError: (error) => toast.error(messageOf(error)),
  });
  const reason = deleted
    ? t('inbound.deletedReason')
    : locked
      ? t('inbound.lockedReason', { worker: lockedBy || t('inbound.someWorker') })
      : null;
  return (
    <div className="inbound__control">
      <label className="field">
        <span>{t('inbound.changeStatus')}</span>
        <select
          className="input"
          data-testid="delivery-select"
          value={choice}
          disabled={reason !== null || change.isPending}
          onChange={(e) => setChoice(e.target.value as DeliveryStatus | '')}
        >
          <option value="">{t('inbound.chooseStatus')}</option>
          {DELIVERY_STATUSES.filter((s) => s !== current).map((s) => (
            <option key={s} value={s}>
              {t(`delivery.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--primary"
        data-testid="delivery-save"
        disabled={reason !== null || choice === '' || change.isPending}
        onClick={() => choice && change.mutate(choice)}
      >
        {change.isPending && <Spinner size={14} />}
        {t('inbound.send')}
      </button>
      {reason && (
        <p className="inbound__reason" data-testid="delivery-disabled-reason">
          {reason}
        </p>
      )}
    </div>
  );
}

function InboundDetailPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const order = useInboundOrder(id);
  const o = order.data;
  return (
    <aside className="detail inbound__detail" data-testid="inbound-detail" aria-label={t('inbound.detailLabel')}>
      <button type="button" className="icon-button detail__close" onClick={onClose} aria-label={t('common.close')}>
        <CloseIcon />
      </button>
      {order.isPending && <Spinner size={20} label={t('common.loading')} />}
      {order.isError && <p className="inline-error">{messageOf(order.error)}</p>}
      {o && (
        <>
          <div className="detail__head">
            <h2 className="detail__title mono">{o.orderNumber || `#${o.externalId}`}</h2>
            <DeliveryChip row={o} />
            <p className="detail__meta muted">
              {o.storeName} · {o.officialAccount || o.accountUsed} · {formatDateTime(o.createdAt)}
            </p>
          </div>
          {o.isDeleted && <p className="inline-error">{t('inbound.deletedReason')}</p>}
          {o.pullError && (
            <p className="inline-error" data-testid="inbound-pull-error">
              {t('inbound.pullError')}: {o.pullError}
            </p>
          )}
          {o.deliveryStatusError && (
            <p className="inline-error" data-testid="delivery-error">
              {o.deliveryStatusError}
            </p>
          )}
          <section className="detail__section">
            <StatusControl
              key={`${o.id}:${o.deliveryStatus ?? ''}:${o.pendingDeliveryStatus ?? ''}`}
              id={o.id}
              current={o.pendingDeliveryStatus ?? o.deliveryStatus}
              locked={o.isLocked}
              lockedBy={o.lockedBy}
              deleted={o.isDeleted}
            />
          </section>
          <section className="detail__section">
            <dl className="inbound__facts">
              <dt>{t('inbound.col.tracking')}</dt>
              <dd className="mono">{o.trackingNumber || '—'}</dd>
              <dt>{t('inbound.shippingMethod')}</dt>
              <dd>{o.shippingMethod || '—'}</dd>
              <dt>{t('inbound.estimatedDelivery')}</dt>
              <dd>{o.estimatedDeliveryDate ?? '—'}</dd>
              <dt>{t('inbound.col.batch')}</dt>
              <dd className="mono">{[o.batchEncoding, ...o.batchLevels].filter(Boolean).join(' / ') || '—'}</dd>
              <dt>{t('inbound.payment')}</dt>
              <dd>{o.paymentMethod || '—'}</dd>
              <dt>{t('inbound.col.lock')}</dt>
              <dd>{o.isLocked ? `${o.lockedBy || t('inbound.someWorker')} · ${formatDateTime(o.lockedAt)}` : '—'}</dd>
            </dl>
          </section>
          <section className="detail__section">
            <h3>{t('inbound.items', { count: o.items.length })}</h3>
            <table className="table table--compact" data-testid="inbound-items">
              <thead>
                <tr>
                  <th>{t('inbound.item.flag')}</th>
                  <th>{t('inbound.item.product')}</th>
                  <th>{t('inbound.item.status')}</th>
                </tr>
              </thead>
              <tbody>
                {o.items.map((item) => (
                  <tr key={item.externalId} data-testid="inbound-item">
                    <td className="mono">{item.flag || item.uuid}</td>
                    <td>{item.productType ?? '—'}</td>
                    <td>{t(`inventory.${item.status}`, item.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </aside>
  );
}

export function InboundScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [lock, setLock] = useState<LockFilter>('all');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [fieldFilter, setFieldFilter] = useState<FieldFilter>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const filter = {
    ...(status ? { deliveryStatus: status } : {}),
    ...(lock === 'all' ? {} : { locked: lock === 'locked' }),
    includeDeleted,
    ...(fieldFilter ? { [fieldFilter.field]: fieldFilter.value } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
    offset: page * INBOUND_PAGE_SIZE,
    limit: INBOUND_PAGE_SIZE,
  };
  const list = useInboundPage(filter);
  const pull = useMutation({
    mutationFn: () => call('inbound.pull', {}),
    onSuccess: (r) => toast.success(t('inbound.pulled', { pulled: r.pulled, fresh: r.new_orders, failed: r.failed })),
    onError: (error) => toast.error(messageOf(error)),
  });
  const total = list.data?.total ?? 0;
  const reset = () => setPage(0);

  return (
    <div className={`inbound${openId !== null ? ' inbound--open' : ''}`}>
      <div className="inbound__main">
        <div className="inbound__title-row">
          <h1 className="screen-title">{t('inbound.title')}</h1>
          <button
            type="button"
            className="button"
            data-testid="inbound-pull"
            onClick={() => pull.mutate()}
            disabled={pull.isPending}
          >
            {pull.isPending ? <Spinner size={14} /> : <PullIcon />}
            {t('inbound.pull')}
          </button>
        </div>
        <p className="screen-lead muted">{t('inbound.lead')}</p>
        <div className="inbound__filters">
          <input
            className="input"
            type="search"
            data-testid="inbound-search"
            placeholder={t('inbound.searchPlaceholder')}
            aria-label={t('inbound.searchLabel')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              reset();
            }}
          />
          <select
            className="input"
            data-testid="inbound-status-filter"
            aria-label={t('inbound.col.status')}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as DeliveryStatus | '');
              reset();
            }}
          >
            <option value="">{t('inbound.allStatuses')}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`delivery.${s}`)}
              </option>
            ))}
          </select>
          <select
            className="input"
            data-testid="inbound-lock-filter"
            aria-label={t('inbound.col.lock')}
            value={lock}
            onChange={(e) => {
              setLock(e.target.value as LockFilter);
              reset();
            }}
          >
            <option value="all">{t('inbound.lockAll')}</option>
            <option value="locked">{t('inbound.lockLocked')}</option>
            <option value="free">{t('inbound.lockFree')}</option>
          </select>
          <FieldFilterSelect
            value={fieldFilter}
            onChange={(next) => {
              setFieldFilter(next);
              reset();
            }}
          />
          <label className="inbound__deleted">
            <input
              type="checkbox"
              checked={includeDeleted}
              onChange={(e) => {
                setIncludeDeleted(e.target.checked);
                reset();
              }}
            />
            <span>{t('inbound.showDeleted')}</span>
          </label>
        </div>

        {list.isPending && <Spinner size={20} label={t('common.loading')} />}
        {list.isError && <p className="inline-error">{messageOf(list.error)}</p>}
        {list.isSuccess && total === 0 && (
          <div className="empty" data-testid="inbound-empty">
            <p>{t('inbound.empty')}</p>
          </div>
        )}
        {list.data && total > 0 && (
          <>
            <table className="table" data-testid="inbound-table">
              <thead>
                <tr>
                  <th>{t('inbound.col.order')}</th>
                  <th className="inbound__wide">{t('inbound.col.account')}</th>
                  <th className="inbound__wide">{t('inbound.col.batch')}</th>
                  <th>{t('inbound.col.tracking')}</th>
                  <th className="num">{t('inbound.col.items')}</th>
                  <th>{t('inbound.col.status')}</th>
                  <th>{t('inbound.col.lock')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.rows.map((row) => (
                  <tr
                    key={row.id}
                    data-testid="inbound-row"
                    data-external-id={row.externalId}
                    className={`inbound__row${row.id === openId ? ' is-open' : ''}${row.isDeleted ? ' is-deleted' : ''}`}
                    onClick={() => setOpenId(row.id)}
                  >
                    <td className="mono strong">
                      <button type="button" className="link-button" onClick={() => setOpenId(row.id)}>
                        {row.orderNumber || `#${row.externalId}`}
                      </button>
                      {row.pullError && (
                        <span className="chip chip--exception inbound__flag">{t('inbound.unreadable')}</span>
                      )}
                    </td>
                    <td className="inbound__wide">{row.accountUsed || row.storeName}</td>
                    <td className="mono inbound__wide">{row.batchEncoding || '—'}</td>
                    <td className="mono nowrap">{row.trackingNumber || '—'}</td>
                    <td className="num">{row.inventoryCount}</td>
                    <td>
                      <DeliveryChip row={row} />
                    </td>
                    <td>
                      <LockCell row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="inbound__pager">
              <span className="muted" data-testid="inbound-count">
                {t('inbound.range', {
                  from: page * INBOUND_PAGE_SIZE + 1,
                  to: Math.min(total, (page + 1) * INBOUND_PAGE_SIZE),
                  total,
                })}
              </span>
              <button
                type="button"
                className="button button--small"
                disabled={page === 0}
                onClick={() => setPage(page - 1)}
              >
                {t('inbound.previous')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={(page + 1) * INBOUND_PAGE_SIZE >= total}
                onClick={() => setPage(page + 1)}
              >
                {t('inbound.next')}
              </button>
            </div>
          </>
        )}
      </div>
      {openId !== null && <InboundDetailPanel id={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}
