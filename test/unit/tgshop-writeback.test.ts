/**
 * The Telegram shop's write-backs against its simulator over real HTTP and a real SQLite file:
 * tracking sync through the outbox walks each order to delivered (accept first where the shop
 * still has it as placed) with exactly one successful deliver per order by the sim's own log, also
 * when the answer to deliver is lost or a stale read makes the shop refuse a jump (1007); orders
 * the shop cancelled or marked as exceptions are refused in words; a held order is marked as an
 * exception at the shop with the hold's reason; business errors come back in words, on the order,
 * and are not tried again.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullChannel } from '../../src/main/core/channels/pull';
import { createTgShopAdapter } from '../../src/main/core/channels/tgshop';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { holdOrders } from '../../src/main/core/orders/order-hold';
import { CHANNEL_EXCEPTION, channelExceptionKind } from '../../src/main/core/outbox/channel-exception';
import { createOutboxRunner, type OutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { syncTracking, TRACKING_SYNC, trackingSyncKind } from '../../src/main/core/outbox/tracking-sync';
import { SANDBOX_ADMIN_TOKEN as TOKEN, sampleTgOrders } from '../../sim/tgshop/sample-orders';
import { startTgShopSim, type TgBusinessCode, type TgShopSim } from '../../sim/tgshop/server';
import type { TgOrderStatus } from '../../sim/tgshop/types';
import { addTeaShop, AT, testBox } from '../support/orders';
import { labelOrders, until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: TgShopSim;
let db: Db;
let runner: OutboxRunner;
const adapter = () => createTgShopAdapter({ maxAttempts: 1, timeoutMs: 5_000 });

/** Shop ids 1..6: placed, preparing, placed, preparing, placed, preparing. */
const STATUSES: TgOrderStatus[] = [0, 1, 0, 1, 0, 1];

beforeEach(async () => {
  const orders = sampleTgOrders({ count: STATUSES.length, now: new Date(), status: (n) => STATUSES[n]! });
  sim = await startTgShopSim({ adminToken: TOKEN, orders });
  db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
  const credentialId = addTeaShop(db, sim.url, TOKEN);
  await pullChannel({ db, box: testBox, clock: () => new Date(AT), adapters: { tgshop: adapter() } }, credentialId);
  const deps = { db, box: testBox, channels: { tgshop: adapter() } };
  runner = createOutboxRunner({
    db,
    clock: () => new Date(),
    kinds: { [TRACKING_SYNC]: trackingSyncKind(deps), [CHANNEL_EXCEPTION]: channelExceptionKind(deps) },
    retry: { baseMs: 20, maxMs: 200 },
    circuit: { baseMs: 20, maxMs: 200 },
  });
  runner.start();
});
afterEach(async () => {
  await runner.stop();
  closeDatabase(db);
  await sim.close();
});

const jobsIn = (state: string) =>
  (db.$client.prepare('SELECT count(*) AS n FROM outbox_jobs WHERE state = ?').get(state) as { n: number }).n;
const statusOf = (id: number) =>
  (db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status;
const syncError = (id: number) =>
  db.$client.prepare("SELECT error_type, message FROM order_errors WHERE order_id = ? AND step = 'sync'").get(id) as
    { error_type: string; message: string } | undefined;
/** The shop's log of one order as [action, moved to] pairs (null: refused with 1007). */
const walked = (externalId: number) => sim.writes(externalId).map((w) => [w.action, w.to]);

function sync(ids: number[]): void {
  expect(syncTracking(db, ids, new Date().toISOString()).failed).toEqual([]);
  runner.wake();
}

describe('Telegram shop tracking sync through the outbox', () => {
  it('walks each order to delivered once, accepting first where the shop still has it as placed', async () => {
    const orders = labelOrders(db, 4, AT);
    sim.misbehave.loseNextWriteAnswer();
    sync(orders.map((o) => o.id));

    await until(() => jobsIn('done') === 4, 'every job is done');
    for (const o of orders) {
      expect(statusOf(o.id)).toBe('synced');
      const shop = sim.getOrder(o.externalId)!.order;
      expect(shop.orderStatus).toBe(2);
      expect(shop.remark).toMatch(
        new RegExp(`^Shipped on \\d{4}-\\d{2}-\\d{2} with own delivery\\. Tracking number: ${o.tracking}$`),
      );
      const placed = STATUSES[o.externalId - 1] === 0;
      expect(walked(o.externalId)).toEqual(
        placed
          ? [
              ['accept', 1],
              ['deliver', 2],
            ]
          : [['deliver', 2]],
      );
    }
    // One job ran twice (its answer was lost); its second run read the shop and did not repeat the step.
    expect(db.$client.prepare('SELECT sum(attempts) FROM outbox_jobs').pluck().get()).toBe(5);
    const notes = db.$client
      .prepare("SELECT reason FROM order_logs WHERE to_status = 'synced' ORDER BY order_id")
      .all() as { reason: string }[];
    expect(notes.map((n) => n.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/by accept \+ deliver$/), expect.stringMatching(/by deliver$/)]),
    );
  });

  it('reads again and walks the path when the shop refuses a jump (1007) after a stale read', async () => {
    const [order] = labelOrders(db, 1, AT);
    expect(STATUSES[order!.externalId - 1]).toBe(0);
    sim.misbehave.staleNextRead(1);
    sync([order!.id]);

    await until(() => jobsIn('done') === 1, 'the job is done');
    expect(walked(order!.externalId)).toEqual([
      ['deliver', null],
      ['accept', 1],
      ['deliver', 2],
    ]);
    expect(statusOf(order!.id)).toBe('synced');
  });

  it('refuses in words, sending nothing, when the shop cancelled the order or marked it an exception', async () => {
    const [cancelled, exception] = labelOrders(db, 2, AT);
    for (const [o, status] of [
      [cancelled!, 4],
      [exception!, 5],
    ] as const) {
      const stored = sim.getOrder(o.externalId)!;
      sim.upsertOrder({ ...stored, order: { ...stored.order, orderStatus: status } });
    }
    sync([cancelled!.id, exception!.id]);

    await until(() => jobsIn('failed') === 2, 'both jobs are refused');
    expect(walked(cancelled!.externalId)).toEqual([]);
    expect(walked(exception!.externalId)).toEqual([]);
    expect(syncError(cancelled!.id)).toEqual({
      error_type: 'refused',
      message: expect.stringMatching(/^The Telegram shop cancelled order ORD\d+; its tracking LP\d+DE was not sent\.$/),
    });
    expect(syncError(exception!.id)?.message).toMatch(
      /^The Telegram shop has order ORD\d+ marked as an exception; accept it again in the shop, then retry this sync\.$/,
    );
    expect(statusOf(cancelled!.id)).toBe('label_created');
  });
});

describe('a held Telegram shop order', () => {
  it('is marked as an exception at the shop with the reason, once; a delivered one is refused in words', async () => {
    const ids = db.$client.prepare('SELECT id, external_id FROM orders ORDER BY id LIMIT 2').all() as {
      id: number;
      external_id: string;
    }[];
    const [held, gone] = ids;
    const delivered = sim.getOrder(Number(gone!.external_id))!;
    sim.upsertOrder({ ...delivered, order: { ...delivered.order, orderStatus: 2 } });
    const result = holdOrders(db, [held!.id, gone!.id], '商品缺货，暂时无法配送', { actor: 'hold', at: AT });
    expect(result.failed).toEqual([]);
    runner.wake();

    await until(() => jobsIn('done') === 1 && jobsIn('failed') === 1, 'one job done, one refused');
    expect(sim.getOrder(Number(held!.external_id))!.order).toMatchObject({
      orderStatus: 5,
      remark: '商品缺货，暂时无法配送',
    });
    expect(sim.writes(Number(held!.external_id))).toEqual([
      expect.objectContaining({ action: 'exception', text: '商品缺货，暂时无法配送', to: 5 }),
    ]);
    expect(sim.writes(Number(gone!.external_id))).toEqual([]);
    expect(statusOf(held!.id)).toBe('on_hold');
    expect(syncError(gone!.id)?.message).toMatch(
      /^The Telegram shop has already delivered order ORD\d+; it cannot be marked as an exception any more\.$/,
    );
  });
});

describe('the Telegram shop refusing a write', () => {
  it('says the business error in words (1001: the order does not exist) as a refusal', async () => {
    const attempt = adapter().syncTracking!(
      { baseUrl: sim.url, apiKey: TOKEN, apiSecret: '', settings: {} },
      { externalId: '999', trackingNumber: 'LP1DE', carrier: 'dhl', shippedOn: '2025-01-08' },
    );
    await expect(attempt).rejects.toMatchObject({
      message: `The Telegram shop at ${sim.url} refused: the order does not exist (1001 订单不存在)`,
      details: expect.objectContaining({ refused: true, providerCode: '1001' }),
    });
  });
});

/** What the order's sync error says for each business error; 1001 and 1007 have their own tests above. */
const REFUSALS: [TgBusinessCode, string][] = [
  [1002, 'the product does not exist (1002 商品不存在)'],
  [1003, 'the product is no longer on sale (1003 商品已下架)'],
  [1004, 'the product is out of stock (1004 商品库存不足)'],
  [1005, 'that combination of options is not valid (1005 商品属性组合无效)'],
  [1006, 'the payment method is wrong (1006 支付方式错误)'],
  [1008, 'the payment proof address is missing (1008 支付凭证URL不能为空)'],
  [1009, 'the order is already paid (1009 订单已支付，无需重复提交支付凭证)'],
];

describe('a tracking sync the Telegram shop refuses with a business error', () => {
  it.each(REFUSALS)('%i: puts the words on the order and does not try again', async (code, words) => {
    const [order] = labelOrders(db, 1, AT);
    sim.misbehave.failNextWrite(code);
    sync([order!.id]);

    await until(() => jobsIn('failed') === 1, 'the job is refused');
    expect(syncError(order!.id)).toEqual({
      error_type: 'refused',
      message: `The Telegram shop at ${sim.url} refused: ${words}`,
    });
    expect(sim.writes(order!.externalId)).toEqual([expect.objectContaining({ to: null, refusedWith: code })]);
    const requests = sim.requests.total;
    // Longer than the runner's longest retry wait (200 ms): a retry would read the order first.
    runner.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.requests.total).toBe(requests);
    expect(sim.writes(order!.externalId)).toHaveLength(1);
    expect(db.$client.prepare('SELECT attempts FROM outbox_jobs').pluck().get()).toBe(1);
    expect(statusOf(order!.id)).toBe('label_created');
  });
});
