/**
 * The packing station: scan a slip, a label or an order number and the order's items appear;
 * scan each item and the server says right or wrong at once (colour, sound, words). Scans come
 * from a keyboard-wedge scanner anywhere on the page (scanner/use-scanner.ts); the code box is
 * for a person typing.
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackItem, PackOrder, PackScanResult, ScanOutcome } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { StatusChip } from '../components/StatusChip';
import { formatDateTime } from '../formatting';
import { beep } from '../scanner/beep';
import { useScanner } from '../scanner/use-scanner';
import { usePacker } from '../state/packer-store';

type Tone = ScanOutcome | 'error' | 'done' | 'idle';

interface Feedback {
  tone: Tone;
  message: string;
  itemId: number | null;
  /** Counts answers, so the same message twice still flashes (and tests can wait on it). */
  seq: number;
}

const BAD: readonly Tone[] = ['wrong', 'extra', 'error'];

function PackerField() {
  const { t } = useTranslation();
  const packer = usePacker((s) => s.packer);
  const setPacker = usePacker((s) => s.setPacker);
  return (
    <label className="pack__packer">
      <span>{t('pack.packer')}</span>
      <input
        className="input"
        data-testid="packer-name"
        value={packer}
        placeholder={t('pack.packerPlaceholder')}
        onChange={(e) => setPacker(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
        maxLength={60}
      />
    </label>
  );
}

function HandCount({ order, item, onDone }: { order: PackOrder; item: PackItem; onDone: (r: PackScanResult) => void }) {
  const { t } = useTranslation();
  const packer = usePacker((s) => s.packer);
  const left = item.quantity - item.packed;
  const [quantity, setQuantity] = useState(left);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await call('pack.countByHand', {
        orderId: order.orderId,
        itemId: item.itemId,
        quantity,
        reason,
        packer,
      });
      onDone(result);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="pack-hand" data-testid="hand-count" onSubmit={(e) => void submit(e)}>
      <label>
        <span>{t('pack.handQuantity')}</span>
        <input
          className="input input--narrow"
          type="number"
          min={1}
          max={left}
          value={quantity}
          data-testid="hand-quantity"
          onChange={(e) => setQuantity(Number(e.target.value))}
        />
      </label>
      <label className="pack-hand__reason">
        <span>{t('pack.handReason')}</span>
        <input
          className="input"
          value={reason}
          data-testid="hand-reason"
          placeholder={t('pack.handReasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
      </label>
      <button type="submit" className="button button--primary" data-testid="hand-submit">
        {t('pack.handSubmit')}
      </button>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ItemRow({
  order,
  item,
  feedback,
  onHandCount,
}: {
  order: PackOrder;
  item: PackItem;
  feedback: Feedback;
  onHandCount: (r: PackScanResult) => void;
}) {
  const { t } = useTranslation();
  const [handOpen, setHandOpen] = useState(false);
  const done = item.packed >= item.quantity;
  const flagged = feedback.itemId === item.itemId && BAD.includes(feedback.tone);
  const state = flagged ? 'wrong' : done ? 'done' : item.packed > 0 ? 'partial' : 'todo';
  return (
    <li
      className={`pack-item pack-item--${state}`}
      data-testid="pack-item"
      data-sku={item.sku}
      data-state={state}
      data-packed={item.packed}
    >
      <div className="pack-item__count" data-testid="pack-item-count">
        <strong>{item.packed}</strong>
        <span> / {item.quantity}</span>
      </div>
      <div className="pack-item__what">
        <div className="pack-item__sku mono">{item.sku || '—'}</div>
        <div className="pack-item__name">{item.name}</div>
        {item.attributes.length > 0 && (
          <div className="muted">{item.attributes.map((a) => `${a.name}: ${a.value}`).join(' · ')}</div>
        )}
        {item.ean && (
          <div className="muted mono" data-testid="pack-item-ean" data-ean={item.ean}>
            EAN {item.ean}
          </div>
        )}
        {item.manual > 0 && <div className="pack-item__manual">{t('pack.countedByHand', { count: item.manual })}</div>}
      </div>
      <div className="pack-item__actions">
        {!done && order.status === 'batched' && (
          <button
            type="button"
            className="button button--small"
            data-testid="hand-count-open"
            onClick={() => setHandOpen((o) => !o)}
          >
            {t('pack.handOpen')}
          </button>
        )}
      </div>
      {handOpen && !done && (
        <HandCount
          order={order}
          item={item}
          onDone={(r) => {
            setHandOpen(false);
            onHandCount(r);
          }}
        />
      )}
    </li>
  );
}

export function PackScreen() {
  const { t } = useTranslation();
  const packer = usePacker((s) => s.packer);
  const [order, setOrder] = useState<PackOrder | null>(null);
  const [feedback, setFeedback] = useState<Feedback>({ tone: 'idle', message: '', itemId: null, seq: 0 });
  const [shipping, setShipping] = useState(false);
  const [typed, setTyped] = useState('');
  // Scans arrive faster than answers: each waits for the one before, so counts stay in order.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const current = useRef<PackOrder | null>(null);

  const show = useCallback((next: Omit<Feedback, 'seq'>, nextOrder?: PackOrder) => {
    if (nextOrder) {
      current.current = nextOrder;
      setOrder(nextOrder);
    }
    setFeedback((f) => ({ ...next, seq: f.seq + 1 }));
    if (BAD.includes(next.tone)) beep('wrong');
    else if (next.tone === 'done') beep('done');
    else if (next.tone === 'right') beep('right');
  }, []);

  const handle = useCallback(
    async (code: string) => {
      const open = current.current;
      try {
        if (open && open.status === 'batched') {
          if (!packer.trim()) {
            show({ tone: 'error', message: t('pack.choosePacker'), itemId: null });
            return;
          }
          const result = await call('pack.scanItem', { orderId: open.orderId, code, packer });
          const tone: Tone =
            result.outcome === 'right' && result.order.complete
              ? 'done'
              : result.outcome === 'order'
                ? 'idle'
                : result.outcome;
          show({ tone, message: result.message, itemId: result.itemId }, result.order);
        } else {
          const found = await call('pack.find', { code });
          show({ tone: found.status === 'packed' ? 'done' : 'idle', message: '', itemId: null }, found);
        }
      } catch (error) {
        show({ tone: 'error', message: messageOf(error), itemId: null });
      }
    },
    [packer, show, t],
  );

  const scan = useCallback(
    (code: string) => {
      queue.current = queue.current.then(() => handle(code));
    },
    [handle],
  );
  useScanner(scan);

  const afterHandCount = (result: PackScanResult) =>
    show(
      { tone: result.order.complete ? 'done' : 'right', message: result.message, itemId: result.itemId },
      result.order,
    );

  const ship = async () => {
    if (!order) return;
    setShipping(true);
    try {
      await call('pack.shipOrder', { orderId: order.orderId, packer: packer || 'packer' });
      show(
        { tone: 'idle', message: t('pack.shipped', { number: order.orderNumber }), itemId: null },
        {
          ...order,
          status: 'shipped',
        },
      );
    } catch (error) {
      show({ tone: 'error', message: messageOf(error), itemId: null });
    } finally {
      setShipping(false);
    }
  };

  const units = order?.items.reduce((sum, i) => sum + i.quantity, 0) ?? 0;
  const packedUnits = order?.items.reduce((sum, i) => sum + Math.min(i.packed, i.quantity), 0) ?? 0;
  const headline =
    order?.status === 'shipped' && feedback.tone === 'idle'
      ? t('pack.isShipped', { number: order.orderNumber })
      : feedback.tone === 'done' || (order?.complete && feedback.tone === 'idle')
        ? t('pack.tone.done')
        : t(`pack.tone.${feedback.tone}`, { defaultValue: '' });

  return (
    <div className="pack">
      <div className="pack__head">
        <div>
          <h1 className="screen-title">{t('pack.title')}</h1>
          <p className="screen-lead muted">{t('pack.lead')}</p>
        </div>
        <PackerField />
      </div>

      <div
        className={`pack-feedback pack-feedback--${order?.complete && feedback.tone === 'idle' ? 'done' : feedback.tone}`}
        data-testid="pack-feedback"
        data-tone={feedback.tone}
        data-seq={feedback.seq}
        role={BAD.includes(feedback.tone) ? 'alert' : 'status'}
      >
        <div className="pack-feedback__headline">{headline || (order ? t('pack.scanItems') : t('pack.scanSlip'))}</div>
        {feedback.message && (
          <div className="pack-feedback__message" data-testid="pack-message">
            {feedback.message}
          </div>
        )}
      </div>

      <form
        className="pack__typed"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) scan(typed.trim());
          setTyped('');
        }}
      >
        <input
          className="input"
          data-testid="pack-typed-code"
          value={typed}
          placeholder={t('pack.typePlaceholder')}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button">
          {t('pack.typeSubmit')}
        </button>
      </form>

      {order && (
        <section className="pack-order" data-testid="pack-order" data-order-number={order.orderNumber}>
          <header className="pack-order__head">
            <div>
              <div className="pack-order__number">
                {t('pack.order', { number: order.orderNumber })} <StatusChip status={order.status} />
              </div>
              <div className="muted">
                {order.recipientName} · {order.country}
                {order.trackingNumber && <span className="mono"> · {order.trackingNumber}</span>}
                {order.batchId && <span className="mono"> · {order.batchId}</span>}
              </div>
            </div>
            <div className="pack-order__progress" data-testid="pack-progress">
              <strong>{packedUnits}</strong> / {units}
            </div>
          </header>
          <ul className="pack-items">
            {order.items.map((item) => (
              <ItemRow key={item.itemId} order={order} item={item} feedback={feedback} onHandCount={afterHandCount} />
            ))}
          </ul>
          {order.status === 'packed' && (
            <footer className="pack-order__done" data-testid="pack-done">
              <span>
                {t('pack.packedBy', {
                  packer: order.packedBy ?? '',
                  at: order.packedAt ? formatDateTime(order.packedAt) : '',
                })}
              </span>
              <button
                type="button"
                className="button"
                data-testid="pack-ship"
                onClick={() => void ship()}
                disabled={shipping}
              >
                {t('pack.markShipped')}
              </button>
            </footer>
          )}
        </section>
      )}
    </div>
  );
}
