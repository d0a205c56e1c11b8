/**
 * Batches and packing by scan against a real SQLite file: batch ids per channel and day, batch
 * statuses that follow the scans, the server's verdict on every scan, hand counts, packed with
 * who and when, shipped.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBatch, listBatches } from '../../src/main/core/batches/batch-service';
import { closeBatch, markBatchPrinted } from '../../src/main/core/batches/batch-status';
import type { Clock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { getOrderDetail } from '../../src/main/core/orders/order-detail';
import { transition } from '../../src/main/core/orders/state-machine';
import { countByHand, findPackOrder, scanItem, shipBatch } from '../../src/main/core/packing/pack-service';
import { slipCode } from '../../src/main/core/packing/slip-code';
import type { OrderStatus } from '../../src/shared/statuses';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let db: Db;
let now = new Date(2026, 10, 24, 10, 0);
const clock: Clock = () => now;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'pack.sqlite'));
  now = new Date(2026, 10, 24, 10, 0);
});
afterEach(() => closeDatabase(db));

/** An order of `shop` brought to `status` through the state machine, with a tracking number. */
function labelled(shop: number, n: number, status: OrderStatus = 'label_created', sellerId = 'store_abc'): number {
  importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId }, makeOrder(n), AT);
  const { id: orderId } = db.$client
    .prepare('SELECT id FROM orders WHERE credential_id = ? AND order_number = ?')
    .get(shop, String(1000 + n)) as { id: number };
  transition(db, orderId, 'waiting_labels', { actor: 'test', at: AT });
  transition(db, orderId, 'label_created', { actor: 'test', at: AT });
  db.$client.prepare('UPDATE orders SET tracking_number = ? WHERE id = ?').run(`LP${n}TRACK`, orderId);
  if (status === 'synced') transition(db, orderId, 'synced', { actor: 'test', at: AT });
  return orderId;
}

const statusOf = (orderId: number) => getOrderDetail(db, orderId).status;
const batchStatus = (batchId: string) => listBatches(db).find((b) => b.batchId === batchId)?.status;

describe('packing batches', () => {
  it('numbers batches per channel and day, from synced and labelled orders of one store only', () => {
    const shop = addShop(db);
    const other = addShop(db, 'store_xyz');
    const a = labelled(shop, 1, 'synced');
    const b = labelled(shop, 2);
    labelled(other, 3, 'label_created', 'store_xyz');
    const first = createBatch(db, clock, shop);
    expect(first).toEqual({ batch_id: 'BATCH_woocommerce_20261124_001', order_count: 2 });
    expect([statusOf(a), statusOf(b)]).toEqual(['batched', 'batched']);

    labelled(shop, 4);
    expect(createBatch(db, clock, shop).batch_id).toBe('BATCH_woocommerce_20261124_002');
    // The other store's order waited for its own batch; the sequence is the channel's.
    expect(createBatch(db, clock, other)).toEqual({ batch_id: 'BATCH_woocommerce_20261124_003', order_count: 1 });
    now = new Date(2026, 10, 25, 8, 0);
    labelled(shop, 5);
    expect(createBatch(db, clock, shop).batch_id).toBe('BATCH_woocommerce_20261125_001');

    const listed = listBatches(db);
    expect(listed.map((l) => [l.batchId, l.status, l.orderCount, l.packedCount, l.fileName])).toEqual([
      ['BATCH_woocommerce_20261125_001', 'created', 1, 0, 'BATCH_woocommerce_20261125_001.zip'],
      ['BATCH_woocommerce_20261124_003', 'created', 1, 0, 'BATCH_woocommerce_20261124_003.zip'],
      ['BATCH_woocommerce_20261124_002', 'created', 1, 0, 'BATCH_woocommerce_20261124_002.zip'],
      ['BATCH_woocommerce_20261124_001', 'created', 2, 0, 'BATCH_woocommerce_20261124_001.zip'],
    ]);
    expect(() => createBatch(db, clock, shop)).toThrow(/No orders of Shop store_abc are ready for a batch/);
  });
});

describe('packing by scan', () => {
  function batchOfTwo() {
    const shop = addShop(db);
    const first = labelled(shop, 1); // TEE-BLK-M x2, MUG-1 x1
    const second = labelled(shop, 2); // TEE-BLK-M x2, MUG-2 x1
    const { batch_id } = createBatch(db, clock, shop);
    return { first, second, batchId: batch_id };
  }

  it('finds an order by slip, label or order number, and says in words why it cannot be packed', () => {
    const { first } = batchOfTwo();
    expect(findPackOrder(db, slipCode(first)).orderId).toBe(first);
    expect(findPackOrder(db, ' LP1TRACK ').orderId).toBe(first);
    const byNumber = findPackOrder(db, '1001');
    expect(byNumber).toMatchObject({
      orderId: first,
      status: 'batched',
      complete: false,
      recipientName: 'Jürgen Müller',
    });
    expect(byNumber.items.map((i) => [i.sku, i.quantity, i.packed])).toEqual([
      ['TEE-BLK-M', 2, 0],
      ['MUG-1', 1, 0],
    ]);
    expect(() => findPackOrder(db, 'NOPE-42')).toThrow(/Nothing matches “NOPE-42”: scan the packing slip/);

    const loose = labelled(addShop(db, 'store_loose'), 9, 'label_created', 'store_loose');
    expect(() => findPackOrder(db, slipCode(loose))).toThrow(
      /Order 1009 is not in a batch yet: put it in a batch first/,
    );
    transition(db, loose, 'cancelled', { actor: 'test', at: AT });
    expect(() => findPackOrder(db, slipCode(loose))).toThrow(/Order 1009 was cancelled; it cannot be packed/);
  });

  it('asks for the slip or label when two shops’ orders share the scanned number', () => {
    const { first } = batchOfTwo();
    const other = addShop(db, 'store_twin');
    const twin = labelled(other, 1, 'label_created', 'store_twin');
    createBatch(db, clock, other);
    expect(() => findPackOrder(db, '1001')).toThrow(
      'Orders of several shops have number 1001: scan the packing slip or the label instead.',
    );
    expect(findPackOrder(db, slipCode(twin)).orderId).toBe(twin);
    expect(findPackOrder(db, slipCode(first)).orderId).toBe(first);
  });

  it('counts right items, refuses wrong and extra ones, and packs the order when the last is in', () => {
    const { first, second, batchId } = batchOfTwo();
    markBatchPrinted(db, batchId, AT);
    expect(batchStatus(batchId)).toBe('printed');

    const ok = scanItem(db, clock, { orderId: first, code: 'tee-blk-m', packer: 'Mei' });
    expect(ok).toMatchObject({ outcome: 'right', message: 'TEE-BLK-M: 1 of 2' });
    expect(batchStatus(batchId)).toBe('packing');

    const wrong = scanItem(db, clock, { orderId: first, code: 'MUG-2', packer: 'Mei' });
    expect(wrong).toMatchObject({ outcome: 'wrong', message: '“MUG-2” is not in order 1001: put it back.' });
    expect(wrong.order.items.map((i) => i.packed)).toEqual([1, 0]);

    scanItem(db, clock, { orderId: first, code: 'TEE-BLK-M', packer: 'Mei' });
    const extra = scanItem(db, clock, { orderId: first, code: 'TEE-BLK-M', packer: 'Mei' });
    expect(extra).toMatchObject({
      outcome: 'extra',
      message: 'All 2 TEE-BLK-M are already in the parcel: take this one out.',
    });
    expect(statusOf(first)).toBe('batched');

    // The slip of the other order opens it; nothing of the first is lost.
    const switched = scanItem(db, clock, { orderId: first, code: slipCode(second), packer: 'Mei' });
    expect(switched).toMatchObject({ outcome: 'order', order: { orderId: second } });
    expect(findPackOrder(db, slipCode(first)).items.map((i) => i.packed)).toEqual([2, 0]);

    now = new Date(2026, 10, 24, 10, 5);
    const last = scanItem(db, clock, { orderId: first, code: 'MUG-1', packer: 'Mei' });
    expect(last.order).toMatchObject({
      status: 'packed',
      complete: true,
      packedBy: 'Mei',
      packedAt: now.toISOString(),
    });
    const log = getOrderDetail(db, first).logs.at(-1);
    expect(log).toMatchObject({ fromStatus: 'batched', toStatus: 'packed', actor: 'Mei', reason: 'all items scanned' });
    expect(batchStatus(batchId)).toBe('packing');
    expect(scanItem(db, clock, { orderId: first, code: 'MUG-1', packer: 'Mei' })).toMatchObject({
      outcome: 'extra',
      message: 'Order 1001 is already packed: scan the next slip.',
    });
    expect(() => closeBatch(db, batchId, AT)).toThrow(`Batch ${batchId} still has 1 order to pack`);

    // The shop cancels the second order while it is on the table: the next scan says so.
    transition(db, second, 'cancelled', { actor: 'channel', at: AT });
    expect(() => scanItem(db, clock, { orderId: second, code: 'MUG-2', packer: 'Mei' })).toThrow(
      'Order 1002 was cancelled; it cannot be packed.',
    );
    expect(batchStatus(batchId)).toBe('packing');
    // Nothing is left to pack: the shift lead can close the batch.
    expect(closeBatch(db, batchId, AT)).toBe('closed');
  });

  it('counts an item by the EAN printed on it, from the shop’s barcode field or an EAN option', () => {
    const shop = addShop(db);
    const order = makeOrder(3);
    order.items[0]!.barcode = '4006381333931';
    order.items[1]!.attributes = [{ name: 'EAN', value: '4012345000016' }];
    importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, order, AT);
    const orderId = 1;
    transition(db, orderId, 'waiting_labels', { actor: 'test', at: AT });
    transition(db, orderId, 'label_created', { actor: 'test', at: AT });
    createBatch(db, clock, shop);
    expect(findPackOrder(db, '1003').items.map((i) => [i.sku, i.ean, i.attributes])).toEqual([
      ['TEE-BLK-M', '4006381333931', [{ name: 'Size', value: 'M' }]],
      ['MUG-3', '4012345000016', []],
    ]);

    const scan = scanItem(db, clock, { orderId, code: '4006381333931', packer: 'Mei' });
    expect(scan).toMatchObject({ outcome: 'right', message: 'TEE-BLK-M: 1 of 2' });
    expect(scan.order.items.map((i) => i.packed)).toEqual([1, 0]);
    // A neighbour EAN (one digit off) is not this shirt.
    expect(scanItem(db, clock, { orderId, code: '4006381333932', packer: 'Mei' }).outcome).toBe('wrong');
    scanItem(db, clock, { orderId, code: 'TEE-BLK-M', packer: 'Mei' });
    const last = scanItem(db, clock, { orderId, code: '4012345000016', packer: 'Mei' });
    expect(last.order).toMatchObject({ status: 'packed', complete: true });
    expect(db.$client.prepare('SELECT code FROM pack_scans ORDER BY id').pluck().all()).toEqual([
      '4006381333931',
      'TEE-BLK-M',
      '4012345000016',
    ]);
  });

  it('takes a hand count with a reason, refuses more than the order holds, and closes the packed batch', () => {
    const { first, second, batchId } = batchOfTwo();
    expect(() =>
      countByHand(db, clock, { orderId: first, itemId: itemId(first, 0), quantity: 3, reason: 'torn', packer: 'Ali' }),
    ).toThrow('Only 2 more of TEE-BLK-M belong in this parcel.');
    expect(findPackOrder(db, slipCode(first)).items[0]!.packed).toBe(0);
    countByHand(db, clock, {
      orderId: first,
      itemId: itemId(first, 0),
      quantity: 2,
      reason: 'label torn',
      packer: 'Ali',
    });
    const done = scanItem(db, clock, { orderId: first, code: 'MUG-1', packer: 'Ali' });
    expect(done.order.items.map((i) => [i.packed, i.manual])).toEqual([
      [2, 2],
      [1, 0],
    ]);
    expect(getOrderDetail(db, first).logs.at(-1)).toMatchObject({
      toStatus: 'packed',
      actor: 'Ali',
      reason: 'all items in the parcel (2 counted by hand)',
    });

    for (const code of ['TEE-BLK-M', 'TEE-BLK-M', 'MUG-2'])
      scanItem(db, clock, { orderId: second, code, packer: 'Ali' });
    expect(batchStatus(batchId)).toBe('packed');
    expect(listBatches(db)[0]!.packedCount).toBe(2);
    closeBatch(db, batchId, AT);
    expect(batchStatus(batchId)).toBe('closed');

    expect(shipBatch(db, clock, batchId, 'Ali')).toEqual({ shipped: 2 });
    expect([statusOf(first), statusOf(second)]).toEqual(['shipped', 'shipped']);
    expect(listBatches(db)[0]).toMatchObject({ packedCount: 2, shippedCount: 2 });
    expect(() => shipBatch(db, clock, batchId, 'Ali')).toThrow(/No order of batch .* is packed and waiting to ship/);
  });

  function itemId(orderId: number, index: number): number {
    return findPackOrder(db, slipCode(orderId)).items[index]!.itemId;
  }
});
