/**
 * Packing by scan. The server keeps the count (pack_scans) and decides whether a scanned item
 * belongs in the parcel, so neither a reload nor a second screen can pack an order short. The
 * last item in moves the order to `packed` in the same transaction, logged with the packer's name.
 */
import type { OrderItem, PackItem, PackOrder, PackScanResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { OrderStatus } from '../../../shared/statuses';
import { followPacking } from '../batches/batch-status';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { illegalTransitionMessage, transition } from '../orders/state-machine';
import { orderIdOfSlip } from './slip-code';

/**
 * Item options that carry the product's barcode, for shops that send it as an option rather than
 * in their barcode field (order_items.barcode).
 */
const BARCODE_ATTRIBUTES = /^(ean|ean13|gtin|gtin13|upc|barcode)$/i;

interface OrderRecord {
  id: number;
  order_number: string;
  status: OrderStatus;
  batch_id: string | null;
  ship_name: string;
  ship_country: string;
  tracking_number: string | null;
}

interface ItemRecord {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  attributes: string;
  barcode: string;
  packed: number;
  manual: number;
}

const ORDER_COLUMNS = 'id, order_number, status, batch_id, ship_name, ship_country, tracking_number';

function orderRecord(db: Db, orderId: number): OrderRecord {
  const row = db.$client.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`).get(orderId) as
    OrderRecord | undefined;
  if (!row) throw new AppError('not_found', `Order ${orderId} does not exist.`);
  return row;
}

function packItems(db: Db, orderId: number): PackItem[] {
  const rows = db.$client
    .prepare(
      `SELECT i.id, i.sku, i.name, i.quantity, i.attributes, i.barcode,
              coalesce(sum(s.quantity), 0) AS packed,
              coalesce(sum(CASE WHEN s.method = 'manual' THEN s.quantity END), 0) AS manual
       FROM order_items i LEFT JOIN pack_scans s ON s.order_item_id = i.id
       WHERE i.order_id = ? GROUP BY i.id ORDER BY i.position`,
    )
    .all(orderId) as ItemRecord[];
  return rows.map((r) => {
    const attributes = JSON.parse(r.attributes) as OrderItem['attributes'];
    return {
      itemId: r.id,
      sku: r.sku,
      ean: r.barcode || (attributes.find((a) => BARCODE_ATTRIBUTES.test(a.name.trim()))?.value.trim() ?? null),
      name: r.name,
      attributes: attributes.filter((a) => !BARCODE_ATTRIBUTES.test(a.name.trim())),
      quantity: r.quantity,
      packed: r.packed,
      manual: r.manual,
    };
  });
}

function packOrder(db: Db, order: OrderRecord): PackOrder {
  const items = packItems(db, order.id);
  const done = db.$client
    .prepare("SELECT actor, at FROM order_logs WHERE order_id = ? AND to_status = 'packed' ORDER BY id DESC LIMIT 1")
    .get(order.id) as { actor: string; at: string } | undefined;
  return {
    orderId: order.id,
    orderNumber: order.order_number,
    status: order.status,
    batchId: order.batch_id,
    recipientName: order.ship_name,
    country: order.ship_country,
    trackingNumber: order.tracking_number,
    items,
    complete: items.every((i) => i.packed >= i.quantity),
    packedBy: done?.actor ?? null,
    packedAt: done?.at ?? null,
  };
}

/** The order a slip, label or order number names, or null; throws when a number is ambiguous. */
function orderByCode(db: Db, code: string): OrderRecord | null {
  const sqlite = db.$client;
  const slipId = orderIdOfSlip(code);
  if (slipId !== null) {
    return (sqlite.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`).get(slipId) as OrderRecord) ?? null;
  }
  for (const column of ['tracking_number', 'order_number'] as const) {
    const rows = sqlite
      .prepare(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${column} = ?
         ORDER BY status = 'batched' DESC, status = 'packed' DESC, id DESC LIMIT 3`,
      )
      .all(code) as OrderRecord[];
    const packable = rows.filter((r) => r.status === 'batched');
    if (packable.length === 1) return packable[0]!;
    if (packable.length > 1) {
      throw new AppError(
        'conflict',
        `Orders of several shops have number ${code}: scan the packing slip or the label instead.`,
      );
    }
    if (rows[0]) return rows[0];
  }
  return null;
}

/** An order may be opened at the station once it is in a batch; packed ones show as done. */
function assertPackable(order: OrderRecord): void {
  if (order.status === 'batched' || order.status === 'packed' || order.status === 'shipped') return;
  if (order.status === 'label_created' || order.status === 'synced') {
    throw new AppError('conflict', `Order ${order.order_number} is not in a batch yet: put it in a batch first.`);
  }
  throw new AppError('illegal_transition', illegalTransitionMessage(order.order_number, order.status, 'packed'));
}

export function findPackOrder(db: Db, rawCode: string): PackOrder {
  const code = rawCode.trim();
  const order = orderByCode(db, code);
  if (!order) {
    throw new AppError(
      'not_found',
      `Nothing matches “${code}”: scan the packing slip or the shipping label, or type the order number.`,
    );
  }
  assertPackable(order);
  return packOrder(db, order);
}

export interface ScanInput {
  orderId: number;
  code: string;
  packer: string;
}

export function scanItem(db: Db, clock: Clock, input: ScanInput): PackScanResult {
  const code = input.code.trim();
  return db.$client.transaction((): PackScanResult => {
    const order = orderRecord(db, input.orderId);
    const items = packItems(db, order.id);
    const matches = items.filter((i) => sameCode(i.sku, code) || (i.ean !== null && sameCode(i.ean, code)));
    if (matches.length === 0) {
      // A slip or label of another order opens that order; its count so far is kept.
      const other = orderByCode(db, code);
      if (other && other.id !== order.id) {
        assertPackable(other);
        return { outcome: 'order', message: `Order ${other.order_number}`, itemId: null, order: packOrder(db, other) };
      }
      return {
        outcome: 'wrong',
        message: `“${code}” is not in order ${order.order_number}: put it back.`,
        itemId: null,
        order: packOrder(db, order),
      };
    }
    if (order.status !== 'batched') {
      // Put on hold or cancelled while on the table: say so rather than count.
      assertPackable(order);
      return {
        outcome: 'extra',
        message: `Order ${order.order_number} is already packed: scan the next slip.`,
        itemId: matches[0]!.itemId,
        order: packOrder(db, order),
      };
    }
    const target = matches.find((i) => i.packed < i.quantity);
    if (!target) {
      const wanted = matches.reduce((sum, i) => sum + i.quantity, 0);
      return {
        outcome: 'extra',
        message: `${wanted === 1 ? 'The' : `All ${wanted}`} ${matches[0]!.sku || matches[0]!.name} ${wanted === 1 ? 'is' : 'are'} already in the parcel: take this one out.`,
        itemId: matches[0]!.itemId,
        order: packOrder(db, order),
      };
    }
    const packed = addToParcel(
      db,
      clock,
      order,
      target.itemId,
      { quantity: 1, method: 'scan', code, reason: '' },
      input.packer,
    );
    const item = packed.items.find((i) => i.itemId === target.itemId)!;
    return {
      outcome: 'right',
      message: `${item.sku || item.name}: ${item.packed} of ${item.quantity}`,
      itemId: target.itemId,
      order: packed,
    };
  })();
}

export interface ManualCountInput {
  orderId: number;
  itemId: number;
  quantity: number;
  reason: string;
  packer: string;
}

/** For a barcode that will not read: the packer counts by eye and says why. */
export function countByHand(db: Db, clock: Clock, input: ManualCountInput): PackScanResult {
  return db.$client.transaction((): PackScanResult => {
    const order = orderRecord(db, input.orderId);
    if (order.status !== 'batched') {
      assertPackable(order);
      throw new AppError('conflict', `Order ${order.order_number} is already packed.`);
    }
    const item = packItems(db, order.id).find((i) => i.itemId === input.itemId);
    if (!item) throw new AppError('not_found', `That item is not part of order ${order.order_number}.`);
    const left = item.quantity - item.packed;
    if (input.quantity > left) {
      throw new AppError(
        'bad_request',
        left === 0
          ? `All of ${item.sku || item.name} are already in the parcel.`
          : `Only ${left} more of ${item.sku || item.name} ${left === 1 ? 'belongs' : 'belong'} in this parcel.`,
      );
    }
    const packed = addToParcel(
      db,
      clock,
      order,
      item.itemId,
      { quantity: input.quantity, method: 'manual', code: '', reason: input.reason.trim() },
      input.packer,
    );
    const after = packed.items.find((i) => i.itemId === item.itemId)!;
    return {
      outcome: 'right',
      message: `${after.sku || after.name}: ${after.packed} of ${after.quantity} (counted by hand)`,
      itemId: item.itemId,
      order: packed,
    };
  })();
}

interface Count {
  quantity: number;
  method: 'scan' | 'manual';
  code: string;
  reason: string;
}

function addToParcel(
  db: Db,
  clock: Clock,
  order: OrderRecord,
  itemId: number,
  count: Count,
  packer: string,
): PackOrder {
  const at = iso(clock());
  db.$client
    .prepare(
      'INSERT INTO pack_scans (order_id, order_item_id, quantity, method, code, reason, packer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(order.id, itemId, count.quantity, count.method, count.code, count.reason, packer, at);
  let view = packOrder(db, order);
  if (view.complete) {
    const manual = view.items.reduce((sum, i) => sum + i.manual, 0);
    transition(db, order.id, 'packed', {
      actor: packer,
      at,
      reason: manual > 0 ? `all items in the parcel (${manual} counted by hand)` : 'all items scanned',
    });
    view = packOrder(db, orderRecord(db, order.id));
  }
  if (order.batch_id) followPacking(db, order.batch_id, at);
  return view;
}

function sameCode(a: string, b: string): boolean {
  return a.trim() !== '' && a.trim().toUpperCase() === b.toUpperCase();
}

/** Packed parcels handed to the carrier: one order, or every packed order of a batch. */
export function shipOrder(db: Db, clock: Clock, orderId: number, who: string): { shipped: number } {
  transition(db, orderId, 'shipped', { actor: who, at: iso(clock()), reason: 'handed to the carrier' });
  return { shipped: 1 };
}

export function shipBatch(db: Db, clock: Clock, batchId: string, who: string): { shipped: number } {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    if (!sqlite.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId)) {
      throw new AppError('not_found', `There is no batch ${batchId}.`);
    }
    const packed = sqlite
      .prepare(
        "SELECT o.id FROM batch_orders b JOIN orders o ON o.id = b.order_id WHERE b.batch_id = ? AND o.status = 'packed' ORDER BY b.position",
      )
      .all(batchId) as { id: number }[];
    if (packed.length === 0)
      throw new AppError('conflict', `No order of batch ${batchId} is packed and waiting to ship.`);
    const at = iso(clock());
    for (const { id } of packed)
      transition(db, id, 'shipped', { actor: who, at, reason: `handed to the carrier (${batchId})` });
    return { shipped: packed.length };
  })();
}
