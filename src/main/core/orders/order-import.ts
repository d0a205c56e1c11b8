/**
 * Writes what a channel sent into our tables. One order per transaction, so an interrupted pull
 * never leaves an order without its items. Keyed by (credential, external id): pulling the same
 * orders again creates nothing new.
 */
import type { OrderStatus } from '../../../shared/statuses';
import type { InvalidOrder, NormalizedOrder } from '../channels/channel-adapter';
import type { Db } from '../db/open';
import { inTransaction, prepared } from '../db/statements';
import { enqueueLabelVoid, type BoughtLabel } from '../outbox/label-void';
import { recordError, resolveErrors } from './order-errors';
import { buildSearchText } from './search-text';
import { insertLog, transition } from './state-machine';
import { emptyAddress } from './empty-address';

export interface ImportSource {
  credentialId: number;
  channel: string;
  sellerId: string;
}

/** `skipped`: an order first seen already cancelled, which nobody needs to pack. */
export type ImportOutcome = 'new' | 'updated' | 'unchanged' | 'skipped';

/** Statuses in which nothing has been bought or promised yet, so the channel's data may replace ours. */
const UNSHIPPED: readonly OrderStatus[] = ['new', 'waiting_labels', 'label_failed', 'exception', 'on_hold'];

interface ExistingOrder {
  id: number;
  status: OrderStatus;
  resume_status: OrderStatus | null;
  channel_modified_at: string;
  tracking_number: string | null;
}

export function importOrder(db: Db, src: ImportSource, order: NormalizedOrder, at: string): ImportOutcome {
  return inTransaction(db, (): ImportOutcome => {
    const existing = prepared(
      db,
      'SELECT id, status, resume_status, channel_modified_at, tracking_number FROM orders WHERE credential_id = ? AND external_id = ?',
    ).get(src.credentialId, order.externalId) as ExistingOrder | undefined;
    const ctx = { actor: `pull:${src.channel}`, at };

    if (!existing) {
      if (order.cancelled) return 'skipped';
      const id = insertOrder(db, src, order, at);
      insertLog(db, id, null, 'new', { ...ctx, reason: `Pulled from ${src.channel} ${src.sellerId}` });
      flagProblems(db, id, order.problems, at);
      return 'new';
    }
    if (existing.channel_modified_at === order.modifiedAt) return 'unchanged';
    if (order.cancelled) {
      cancelOnChannel(db, src, existing, order, at);
      return 'updated';
    }

    if (UNSHIPPED.includes(existing.status) && !existing.tracking_number) {
      updateOrder(db, existing.id, order, at);
      resolveErrors(db, existing.id, 'pull', at);
      if (order.problems.length > 0) {
        flagProblems(db, existing.id, order.problems, at);
      } else if (existing.status === 'exception' && existing.resume_status === 'new') {
        transition(db, existing.id, 'new', { ...ctx, reason: 'The channel now sends complete data' });
      }
    } else {
      // A label exists: what was shipped must not change silently, so only the channel's status moves
      // and a changed address or changed items stop the order for a person to look at.
      updateChannelStatus(db, existing.id, order, at);
      const changes = changesAfterLabel(db, existing.id, order);
      if (changes.length > 0) flagChangeAfterLabel(db, src, existing, changes, at);
    }
    return 'updated';
  });
}

function updateChannelStatus(db: Db, orderId: number, order: NormalizedOrder, at: string): void {
  db.$client
    .prepare('UPDATE orders SET channel_status = ?, channel_modified_at = ?, raw = ?, updated_at = ? WHERE id = ?')
    .run(order.channelStatus, order.modifiedAt, JSON.stringify(order.raw), at, orderId);
}

/**
 * The channel cancelled the order: it leaves the pipeline, and a label already bought is flagged
 * and its void queued in the outbox (a bought label is money; PackDesk never drops it silently).
 */
function cancelOnChannel(db: Db, src: ImportSource, existing: ExistingOrder, order: NormalizedOrder, at: string): void {
  updateChannelStatus(db, existing.id, order, at);
  const ctx = { actor: `pull:${src.channel}`, at };
  if (existing.status === 'cancelled') return;
  if (existing.status === 'shipped') {
    recordError(
      db,
      existing.id,
      {
        step: 'pull',
        errorType: 'cancelled_after_shipping',
        message: `The shop cancelled this order (status "${order.channelStatus}") after it was shipped; the parcel is already on its way.`,
      },
      at,
    );
    return;
  }
  transition(db, existing.id, 'cancelled', {
    ...ctx,
    reason: `Cancelled in the shop (status "${order.channelStatus}")`,
  });
  const label = db.$client
    .prepare("SELECT id, carrier, tracking_number FROM labels WHERE order_id = ? AND state = 'bought'")
    .get(existing.id) as BoughtLabel | undefined;
  if (label) {
    enqueueLabelVoid(db, existing.id, label, at);
    recordError(
      db,
      existing.id,
      {
        step: 'label',
        errorType: 'void_label',
        message:
          `The shop cancelled this order after its ${label.carrier} label ${label.tracking_number ?? ''} was bought; ` +
          'PackDesk voids that label with the carrier; do not ship the parcel.',
        details: { carrier: label.carrier, trackingNumber: label.tracking_number },
      },
      at,
    );
  }
}

interface StoredItem {
  sku: string;
  name: string;
  quantity: number;
}

/** What differs between the shipped (labelled) order and what the channel now says, in words. */
function changesAfterLabel(db: Db, orderId: number, order: NormalizedOrder): string[] {
  const sqlite = db.$client;
  const stored = sqlite.prepare(`SELECT ${ADDRESS_COLUMNS.join(', ')} FROM orders WHERE id = ?`).get(orderId) as Record<
    string,
    string
  >;
  const now = orderColumns(order) as unknown as Record<string, string>;
  const changes: string[] = [];
  if (ADDRESS_COLUMNS.some((c) => stored[c] !== now[c])) changes.push('the shipping address');
  const items = sqlite
    .prepare('SELECT sku, name, quantity FROM order_items WHERE order_id = ? ORDER BY position')
    .all(orderId) as StoredItem[];
  const key = (i: StoredItem): string => `${i.sku}\u0000${i.name}\u0000${i.quantity}`;
  if (items.map(key).sort().join('\n') !== order.items.map(key).sort().join('\n')) changes.push('the items');
  return changes;
}

const ADDRESS_COLUMNS = [
  'ship_name',
  'ship_company',
  'ship_line1',
  'ship_line2',
  'ship_city',
  'ship_state',
  'ship_postcode',
  'ship_country',
] as const;

function flagChangeAfterLabel(
  db: Db,
  src: ImportSource,
  existing: ExistingOrder,
  changes: readonly string[],
  at: string,
): void {
  const message =
    `The shop changed ${changes.join(' and ')} of this order after its label was made; ` +
    'check the parcel against the shop, and make a new label if needed.';
  const open = db.$client
    .prepare('SELECT 1 FROM order_errors WHERE order_id = ? AND message = ? AND resolved_at IS NULL')
    .get(existing.id, message);
  if (open) return;
  recordError(db, existing.id, { step: 'pull', errorType: 'changed_after_label', message }, at);
  if (existing.status !== 'exception' && existing.status !== 'shipped' && existing.status !== 'cancelled') {
    transition(db, existing.id, 'exception', { actor: `pull:${src.channel}`, at, reason: message });
  }
}

/**
 * An order the adapter could not read at all. It is kept (as an exception with the reason) when
 * we know its id, so staff see it in the queue instead of it silently going missing. Answers
 * false when there is no id to keep it under: the pull then keeps the reason on its record.
 */
export function importInvalidOrder(db: Db, src: ImportSource, invalid: InvalidOrder, at: string): boolean {
  if (invalid.externalId === null) return false;
  const sqlite = db.$client;
  const externalId = invalid.externalId;
  sqlite.transaction(() => {
    const existing = sqlite
      .prepare('SELECT id FROM orders WHERE credential_id = ? AND external_id = ?')
      .get(src.credentialId, externalId) as { id: number } | undefined;
    const id =
      existing?.id ??
      insertOrder(
        db,
        src,
        {
          externalId,
          orderNumber: externalId,
          channelStatus: 'unknown',
          cancelled: false,
          placedAt: at,
          modifiedAt: '',
          currency: '',
          total: '0',
          customerNote: '',
          shipping: emptyAddress(),
          items: [],
          problems: [],
          raw: invalid.raw,
        },
        at,
      );
    if (!existing) insertLog(db, id, null, 'new', { actor: `pull:${src.channel}`, at, reason: 'Pulled, unreadable' });
    flagProblems(db, id, [invalid.reason], at, 'malformed_order');
  })();
  return true;
}

function flagProblems(
  db: Db,
  orderId: number,
  problems: readonly string[],
  at: string,
  errorType = 'missing_data',
): void {
  if (problems.length === 0) return;
  recordError(db, orderId, { step: 'pull', errorType, message: problems.join('; ') }, at);
  const status = (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(orderId) as { status: OrderStatus })
    .status;
  if (status !== 'exception') {
    transition(db, orderId, 'exception', { actor: 'pull', at, reason: problems.join('; ') });
  }
}

function orderColumns(order: NormalizedOrder) {
  const s = order.shipping;
  return {
    order_number: order.orderNumber,
    channel_status: order.channelStatus,
    placed_at: order.placedAt,
    channel_modified_at: order.modifiedAt,
    currency: order.currency,
    total: order.total,
    customer_note: order.customerNote,
    ship_name: s.name,
    ship_company: s.company,
    ship_line1: s.line1,
    ship_line2: s.line2,
    ship_city: s.city,
    ship_state: s.state,
    ship_postcode: s.postcode,
    ship_country: s.country,
    ship_phone: s.phone,
    ship_email: s.email,
    item_count: order.items.reduce((n, item) => n + item.quantity, 0),
    search_text: buildSearchText({
      orderNumber: order.orderNumber,
      externalId: order.externalId,
      shipName: s.name,
      shipCompany: s.company,
      shipEmail: s.email,
      shipCity: s.city,
      shipPostcode: s.postcode,
      trackingNumber: null,
      skus: order.items.map((item) => item.sku),
    }),
    raw: JSON.stringify(order.raw),
  };
}

function insertOrder(db: Db, src: ImportSource, order: NormalizedOrder, at: string): number {
  const cols = {
    credential_id: src.credentialId,
    channel: src.channel,
    seller_id: src.sellerId,
    external_id: order.externalId,
    status: 'new',
    ...orderColumns(order),
    created_at: at,
    updated_at: at,
  };
  const names = Object.keys(cols);
  const result = prepared(
    db,
    `INSERT INTO orders (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
  ).run(cols);
  const id = Number(result.lastInsertRowid);
  insertItems(db, id, order);
  return id;
}

function updateOrder(db: Db, orderId: number, order: NormalizedOrder, at: string): void {
  const cols = { ...orderColumns(order), updated_at: at };
  const names = Object.keys(cols);
  prepared(db, `UPDATE orders SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({
    ...cols,
    id: orderId,
  });
  prepared(db, 'DELETE FROM order_items WHERE order_id = ?').run(orderId);
  insertItems(db, orderId, order);
}

function insertItems(db: Db, orderId: number, order: NormalizedOrder): void {
  order.items.forEach((item, position) => {
    const values = [orderId, position, item.sku, item.name, item.quantity, item.price, JSON.stringify(item.attributes)];
    // Many items have no barcode; the column's default ('') covers them with the shorter insert.
    if (item.barcode) {
      prepared(
        db,
        'INSERT INTO order_items (order_id, position, sku, name, quantity, price, attributes, barcode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(...values, item.barcode);
    } else {
      prepared(
        db,
        'INSERT INTO order_items (order_id, position, sku, name, quantity, price, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(...values);
    }
  });
}
