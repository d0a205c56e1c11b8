import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LabelChoice, ResolvedLabelChoice } from '../../../shared/carriers';
import type { Address, OrderDetail } from '../../../shared/dto';
import { UNTRACKABLE } from '../../../shared/tracking';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { usePrintJobs } from '../api/print-queries';
import { useOrder } from '../api/queries';
import { saveFile } from '../api/save-file';
import { AddressForm } from '../components/AddressForm';
import { useLabelChoice } from '../components/CarrierPicker';
import { describeChoice, LabelChoiceSelect } from '../components/LabelChoiceSelect';
import { CloseIcon, DownloadIcon, LabelIcon, PrinterIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import { StatusChip } from '../components/StatusChip';
import { TrackParcel } from '../components/TrackParcel';
import { countryName, formatDateTime, formatMoney } from '../formatting';
import { toast } from '../state/toast-store';
import { useUi } from '../state/ui-store';

/** Who moved an order: "pull:woocommerce" reads as "Order pull (WooCommerce)". */
function actorName(t: TFunction, actor: string): string {
  const [base = actor, source] = actor.split(':', 2);
  const name = t(`actor.${base}`, base);
  return source ? `${name} (${t(`channel.${source}`, source)})` : name;
}

const LABEL_READY: readonly string[] = ['new', 'waiting_labels', 'label_failed'];
/** Nothing bought yet: the address can still be put right (main checks this too). */
const ADDRESS_CORRECTABLE: readonly string[] = [...LABEL_READY, 'exception', 'on_hold'];

function AddressBlock({ address }: { address: Address }) {
  const { t } = useTranslation();
  const cityLine = [address.postcode, address.city].filter(Boolean).join(' ');
  const lines = [
    address.company,
    address.line1,
    address.line2,
    cityLine,
    address.state,
    address.country ? `${countryName(address.country)} (${address.country})` : '',
  ].filter(Boolean);
  return (
    <address className="address" data-testid="detail-address">
      <strong className="address__name">{address.name || t('orders.noName')}</strong>
      {lines.map((line, i) => (
        <span key={i}>{line}</span>
      ))}
      {(address.phone || address.email) && (
        <span className="address__contact">{[address.phone, address.email].filter(Boolean).join(' · ')}</span>
      )}
    </address>
  );
}

function LabelSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () => call('labels.file', { orderId: order.id }),
    onSuccess: saveFile,
    onError: (error) => toast.error(messageOf(error)),
  });
  const runPick = useLabelChoice();
  // What "Make label" buys with, as the line above it says: the bulk bar's pick, else the order's own choice.
  const choice: ResolvedLabelChoice = runPick ? { ...runPick, source: 'run' } : order.labelChoice;
  const generate = useMutation({
    mutationFn: () => {
      const arg = { orderIds: [order.id], carrier: choice.carrier, service: choice.service };
      return order.status === 'label_failed' ? call('labels.retry', arg) : call('labels.generate', arg);
    },
    onSuccess: (result) => {
      const failure = result.failed[0];
      if (failure) toast.error(failure.error);
      else toast.success(t('detail.labelMade', { number: order.orderNumber }));
    },
    onError: (error) => toast.error(messageOf(error)),
  });
  const setChoice = useMutation({
    mutationFn: (next: LabelChoice | null) => call('orders.setLabelChoice', { id: order.id, choice: next }),
    onError: (error) => toast.error(messageOf(error)),
  });

  if (!order.label) {
    return (
      <div className="detail__empty-label">
        <p className="muted">{t('detail.noLabel')}</p>
        {LABEL_READY.includes(order.status) && (
          <div className="label-choice" data-testid="detail-label-choice-box">
            <p data-testid="detail-label-choice" data-source={choice.source}>
              {describeChoice(t, choice)}
            </p>
            <label className="label-choice__field">
              <span className="muted">{t('labelChoice.forOrder')}</span>
              <LabelChoiceSelect
                testId="detail-label-choice-select"
                ariaLabel={t('labelChoice.forOrder')}
                value={order.labelChoice.source === 'order' ? order.labelChoice : null}
                unsetLabel={t('labelChoice.useShop')}
                disabled={setChoice.isPending}
                onChange={(next) => setChoice.mutate(next)}
              />
            </label>
          </div>
        )}
        {LABEL_READY.includes(order.status) && (
          <button
            type="button"
            className="button button--primary"
            data-testid="detail-generate-label"
            onClick={() => generate.mutate()}
            disabled={generate.isPending}
          >
            {generate.isPending ? <Spinner size={16} /> : <LabelIcon width={18} height={18} />}
            <span>{order.status === 'label_failed' ? t('detail.retryLabel') : t('detail.makeLabel')}</span>
          </button>
        )}
      </div>
    );
  }
  const label = order.label;
  return (
    <div className="label-box" data-testid="detail-label">
      <dl className="facts">
        <dt>{t('detail.carrier')}</dt>
        <dd>
          {t(`carrier.${label.carrier}`, label.carrier)} · {label.service}
        </dd>
        <dt>{t('detail.tracking')}</dt>
        <dd className="mono" data-testid="detail-tracking">
          {label.trackingNumber}
        </dd>
        <dt>{t('detail.labelCreated')}</dt>
        <dd>
          {formatDateTime(label.createdAt)} · {label.format.toUpperCase()}
        </dd>
      </dl>
      <div className="label-actions">
        <button
          type="button"
          className="button"
          data-testid="download-label"
          onClick={() => download.mutate()}
          disabled={download.isPending}
        >
          {download.isPending ? <Spinner size={16} /> : <DownloadIcon width={18} height={18} />}
          <span>{t('detail.downloadLabel')}</span>
        </button>
        <PrintLabelButton orderId={order.id} />
        <PrintSlipButton orderId={order.id} />
      </div>
      {!UNTRACKABLE[label.carrier] && <TrackParcel key={order.id} orderId={order.id} />}
    </div>
  );
}

/** Print, or print again; the last job's state shows whether the label reached the printer. */
function PrintLabelButton({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const jobs = usePrintJobs(orderId);
  const last = jobs.data?.find((j) => j.kind === 'label');
  const print = useMutation({
    mutationFn: () => call('print.label', { orderId }),
    onSuccess: (job) => toast.success(t('detail.printQueued', { printer: job.printerName })),
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        data-testid="print-label"
        onClick={() => print.mutate()}
        disabled={print.isPending}
      >
        {print.isPending ? <Spinner size={16} /> : <PrinterIcon width={18} height={18} />}
        <span>{last ? t('detail.reprint') : t('detail.printLabel')}</span>
      </button>
      {last && (
        <p className="muted label-actions__state" data-testid="print-state" data-job-state={last.state}>
          {t('detail.printState', { state: t(`printJob.${last.state}`) })}
          {last.lastError && <> · {last.lastError}</>}
        </p>
      )}
    </>
  );
}

/** The order's packing slip to the A4 printer, e.g. for a parcel packed again. */
function PrintSlipButton({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const print = useMutation({
    mutationFn: () => call('print.packingSlip', { orderId }),
    onSuccess: (job) => toast.success(t('detail.slipQueued', { printer: job.printerName })),
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <button
      type="button"
      className="button"
      data-testid="print-slip"
      onClick={() => print.mutate()}
      disabled={print.isPending}
    >
      {print.isPending ? <Spinner size={16} /> : <PrinterIcon width={18} height={18} />}
      <span>{t('detail.printSlip')}</span>
    </button>
  );
}

function ErrorsSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const openErrors = order.errors.filter((e) => !e.resolved).length;
  return (
    <section className="detail__section" data-testid="detail-errors">
      <h3>
        {t('detail.errors')}{' '}
        {openErrors > 0 && (
          <span className="count-pill count-pill--bad">{t('detail.openErrors', { count: openErrors })}</span>
        )}
      </h3>
      {order.errors.length === 0 ? (
        <p className="muted">{t('detail.noErrors')}</p>
      ) : (
        <ul className="error-list">
          {order.errors.map((err) => (
            <li
              key={err.id}
              className={err.resolved ? 'error-item is-resolved' : 'error-item'}
              data-testid="detail-error"
              data-resolved={err.resolved}
            >
              <div className="error-item__head">
                <span className="tag">{t(`step.${err.step}`, err.step)}</span>
                <span className="tag tag--plain">{t(`errorType.${err.errorType}`, err.errorType)}</span>
                <span className="muted">{formatDateTime(err.at)}</span>
                {err.resolved && <span className="error-item__resolved">{t('detail.resolved')}</span>}
              </div>
              <p className="error-item__message">{err.message}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DetailBody({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const [editingAddress, setEditingAddress] = useState(false);
  const openErrors = order.errors.filter((e) => !e.resolved).length;
  return (
    <>
      <header className="detail__head">
        <div className="detail__title-row">
          <h2 className="detail__title" data-testid="detail-order-number">
            {order.orderNumber}
          </h2>
          <StatusChip status={order.status} />
        </div>
        <div className="detail__meta">
          <span>
            {t(`channel.${order.channel}`, order.channel)} · {order.sellerId}
          </span>
          <span>
            {t('detail.channelStatus')}:{' '}
            <strong>
              {order.channelStatus ? t(`channelStatus.${order.channelStatus}`, order.channelStatus) : '—'}
            </strong>
          </span>
          <span>
            {t('detail.placed')}: {formatDateTime(order.placedAt)}
          </span>
          {order.batchId && (
            <span>
              {t('detail.batch')}: <span className="mono">{order.batchId}</span>
            </span>
          )}
        </div>
      </header>

      {/* Open errors come first: they are why the packer opened this order. */}
      {openErrors > 0 && <ErrorsSection order={order} />}

      <section className="detail__section">
        <div className="section-head">
          <h3>{t('detail.shipTo')}</h3>
          {!editingAddress && ADDRESS_CORRECTABLE.includes(order.status) && (
            <button
              type="button"
              className="button button--small"
              data-testid="edit-address"
              onClick={() => setEditingAddress(true)}
            >
              {t('detail.editAddress')}
            </button>
          )}
        </div>
        {editingAddress ? (
          <AddressForm
            orderId={order.id}
            orderNumber={order.orderNumber}
            address={order.shipping}
            onDone={() => setEditingAddress(false)}
          />
        ) : (
          <AddressBlock address={order.shipping} />
        )}
        {order.customerNote && (
          <p className="note">
            <span className="note__label">{t('detail.customerNote')}</span> {order.customerNote}
          </p>
        )}
      </section>

      <section className="detail__section">
        <h3>
          {t('detail.items')} <span className="muted">({order.items.length})</span>
        </h3>
        <table className="table table--compact" data-testid="detail-items">
          <thead>
            <tr>
              <th>{t('detail.sku')}</th>
              <th>{t('detail.product')}</th>
              <th className="num">{t('detail.qty')}</th>
              <th className="num">{t('detail.price')}</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item, i) => (
              <tr key={`${item.sku}-${i}`}>
                <td className="mono">{item.sku}</td>
                <td>
                  {item.name}
                  {item.attributes.length > 0 && (
                    <span className="attrs">{item.attributes.map((a) => `${a.name}: ${a.value}`).join(' · ')}</span>
                  )}
                </td>
                <td className={`num${item.quantity > 1 ? ' qty-many' : ''}`}>{item.quantity}</td>
                <td className="num">{item.price}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>{t('detail.orderTotal')}</td>
              <td className="num">
                <strong>{formatMoney(order.total, order.currency)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </section>

      <section className="detail__section">
        <h3>{t('detail.label')}</h3>
        <LabelSection order={order} />
      </section>

      {openErrors === 0 && <ErrorsSection order={order} />}

      <section className="detail__section">
        <h3>{t('detail.log')}</h3>
        <ol className="log" data-testid="detail-log">
          {[...order.logs].reverse().map((log, i) => (
            <li key={i} className="log__item">
              <span className="log__time">{formatDateTime(log.at)}</span>
              <span className="log__move">
                {log.fromStatus ? t(`status.${log.fromStatus}`) : t('detail.logStart')} →{' '}
                <strong>{t(`status.${log.toStatus}`)}</strong>
              </span>
              <span className="log__who">
                {actorName(t, log.actor)}
                {log.reason && <> · {log.reason}</>}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function OrderDetailPanel({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const openOrder = useUi((s) => s.openOrder);
  const order = useOrder(orderId);
  return (
    <aside className="detail" data-testid="order-detail" aria-label={t('detail.label_aria')} data-order-id={orderId}>
      <button
        type="button"
        className="icon-button detail__close"
        onClick={() => openOrder(null)}
        aria-label={t('common.close')}
      >
        <CloseIcon />
      </button>
      {order.isPending && (
        <div className="detail__loading">
          <Spinner size={24} label={t('common.loading')} />
        </div>
      )}
      {order.isError && (
        <p className="inline-error" role="alert">
          {messageOf(order.error)}
        </p>
      )}
      {/* Keyed by order: another order never opens with this one's form still up. */}
      {order.isSuccess && <DetailBody key={order.data.id} order={order.data} />}
    </aside>
  );
}
