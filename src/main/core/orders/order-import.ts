/**
 * Writes what a channel sent into our tables. One order per transaction, so an interrupted pull
 * never leaves an order without its items. Keyed by (credential, external id): pulling the same
 * orders again creates nothing new.
 */
import type { OrderStatus } from '../../../shared/statuses';
import type { InvalidOrder, NormalizedOrder } from '../channels/channel-adapter';
import type { Db } from '../db/open';
import { recordError, resolveErrors } from './order-errors';
import { buildSearchText } from './search-text';
import { insertLog, transition } from './state-machine';

export interface ImportSource {
  credentialId: number;
  channel: string;
  sellerId: string;
}

export type ImportOutcome = 'new' | 'updated' | 'unchanged';

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
  const sqlite = db.$client;
  return sqlite.transaction((): ImportOutcome => {
    const existing = sqlite
      .prepare(
        'SELECT id, status, resume_status, channel_modified_at, tracking_number FROM orders WHERE credential_id = ? AND external_id = ?',
      )
      .get(src.credentialId, order.externalId) as ExistingOrder | undefined;
    const ctx = { actor: `pull:${src.channel}`, at };

    if (!existing) {
      const id = insertOrder(db, src, order, at);
      insertLog(db, id, null, 'new', { ...ctx, reason: `Pulled from ${src.channel} ${src.sellerId}` });
      flagProblems(db, id, order.problems, at);
      return 'new';
    }
    if (existing.channel_modified_at === order.modifiedAt) return 'unchanged';

    if (UNSHIPPED.includes(existing.status) && !existing.tracking_number) {
      updateOrder(db, existing.id, order, at);
      resolveErrors(db, existing.id, 'pull', at);
      if (order.problems.length > 0) {
        flagProblems(db, existing.id, order.problems, at);
      } else if (existing.status === 'exception' && existing.resume_status === 'new') {
        transition(db, existing.id, 'new', { ...ctx, reason: 'The channel now sends complete data' });
      }
    } else {
      // A label exists: what was shipped must not change silently, so only the channel's status moves.
      sqlite
        .prepare('UPDATE orders SET channel_status = ?, channel_modified_at = ?, raw = ?, updated_at = ? WHERE id = ?')
        .run(order.channelStatus, order.modifiedAt, JSON.stringify(order.raw), at, existing.id);
    }
    return 'updated';
  })();
}

/**
 * An order the adapter could not read at all. It is kept (as an exception with the reason) when
 * we know its id, so staff see it in the queue instead of it silently going missing.
 */
export function importInvalidOrder(db: Db, src: ImportSource, invalid: InvalidOrder, at: string): void {
  if (invalid.externalId === null) return;
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
          placedAt: at,
          modifiedAt: '',
          currency: '',
          total: '0',
          customerNote: '',
          shipping: {
            name: '',
            company: '',
            line1: '',
            line2: '',
            city: '',
            state: '',
            postcode: '',
            country: '',
            phone: '',
            email: '',
          },
          items: [],
          problems: [],
          raw: invalid.raw,
        },
        at,
      );
    if (!existing) insertLog(db, id, null, 'new', { actor: `pull:${src.channel}`, at, reason: 'Pulled, unreadable' });
    flagProblems(db, id, [invalid.reason], at, 'malformed_order');
  })();
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
  const result = db.$client
    .prepare(`INSERT INTO orders (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
    .run(cols);
  const id = Number(result.lastInsertRowid);
  insertItems(db, id, order);
  return id;
}

function updateOrder(db: Db, orderId: number, order: NormalizedOrder, at: string): void {
  const cols = { ...orderColumns(order), updated_at: at };
  const names = Object.keys(cols);
  db.$client
    .prepare(`UPDATE orders SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`)
    .run({ ...cols, id: orderId });
  db.$client.prepare('DELETE FROM order_items WHERE order_id = ?').run(orderId);
  insertItems(db, orderId, order);
}

function insertItems(db: Db, orderId: number, order: NormalizedOrder): void {
  const insert = db.$client.prepare(
    'INSERT INTO order_items (order_id, position, sku, name, quantity, price, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  order.items.forEach((item, position) =>
    insert.run(orderId, position, item.sku, item.name, item.quantity, item.price, JSON.stringify(item.attributes)),
  );
}
