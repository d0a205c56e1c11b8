/**
 * An iRCloud account in PackDesk against the simulator over loopback and a real SQLite file:
 * connected with its four secrets sealed, pulled (again: nothing new), a broken order recorded on
 * that order, Test connection in words, and order audits queued from the queue and run through
 * the outbox: success, code 525 recorded as the order's audit error with iRCloud's reason, and
 * each audit reaching iRCloud exactly once by the simulator's count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIrCloudAdapter } from '../../src/main/core/channels/ircloud';
import { startCore, type Core } from '../../src/main/core/core';
import { DATABASE_FILE } from '../../src/main/core/data-dir';
import {
  PREPAY_BUYER_ID,
  SANDBOX_CLIENT_ID as CLIENT_ID,
  SANDBOX_CLIENT_SECRET as CLIENT_SECRET,
  SANDBOX_PASSWORD as PASSWORD,
  SANDBOX_USER as USER,
  sampleIrOrders,
} from '../../sim/ircloud/sample-orders';
import { startIrCloudSim, type IrCloudSim } from '../../sim/ircloud/server';
import type { IrOrder } from '../../sim/ircloud/types';
import { testBox } from '../support/orders';
import { until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: IrCloudSim;
let core: Core;
let dir: string;
afterEach(async () => {
  await core.close();
  await sim.close();
});

/** 12 orders awaiting audit; orders 4 and 9 are the pay-before-delivery buyer's. */
async function open(): Promise<{ orders: IrOrder[]; credentialId: number }> {
  const orders = sampleIrOrders({ count: 12 });
  sim = await startIrCloudSim({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    userName: USER,
    password: PASSWORD,
    orders,
  });
  dir = tempDir();
  core = await startCore({
    dataDir: dir,
    secretBox: testBox,
    version: 'test',
    channels: { ircloud: createIrCloudAdapter({ backoffMs: 1, sleep: async () => {} }) },
  });
  const { id } = await core.api['credentials.add']({
    providerCode: 'ircloud',
    externalId: 'nanning',
    displayName: '南宁批发',
    baseUrl: sim.url,
    settings: {},
    apiKey: CLIENT_ID,
    apiSecret: CLIENT_SECRET,
    username: USER,
    password: PASSWORD,
  });
  return { orders, credentialId: id };
}

const orderId = (externalId: number): number =>
  core.db.$client.prepare('SELECT id FROM orders WHERE external_id = ?').pluck().get(String(externalId)) as number;
const auditErrors = (id: number) =>
  core.db.$client
    .prepare("SELECT error_type, message, resolved_at FROM order_errors WHERE order_id = ? AND step = 'audit'")
    .all(id) as { error_type: string; message: string; resolved_at: string | null }[];
const jobsIn = (state: string) =>
  core.db.$client
    .prepare("SELECT count(*) FROM outbox_jobs WHERE kind = 'ircloud_audit' AND state = ?")
    .pluck()
    .get(state) as number;

describe('an iRCloud account in PackDesk', () => {
  it('pulls every order once with its items, and a second pull creates nothing new', async () => {
    const { orders, credentialId } = await open();
    expect(await core.api['orders.pull']({ credentialId })).toEqual({ pulled: 12, new_orders: 12, failed: 0 });
    expect(await core.api['orders.pull']({ credentialId })).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
    expect(core.db.$client.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(12);
    const detail = await core.api['orders.get']({ id: orderId(orders[1]!.id) });
    expect(detail).toMatchObject({
      channel: 'ircloud',
      orderNumber: orders[1]!.orderCode,
      channelStatus: 'ORDER_AUDIT_PENDING',
    });
    expect(detail.items.map((i) => [i.sku, i.quantity])).toEqual([
      ['101-030-0012', 2],
      ['102-010-0003', 3],
    ]);
    // The sealed secrets never reach the database file as they were typed.
    const file = readFileSync(join(dir, DATABASE_FILE));
    for (const secret of [CLIENT_SECRET, PASSWORD]) expect(file.includes(secret)).toBe(false);
    expect((await core.api['credentials.list']({}))[0]?.savedSecrets).toEqual([
      'apiKey',
      'apiSecret',
      'username',
      'password',
    ]);
  });

  it('records a broken order as an error on that order and goes on with the rest', async () => {
    const { orders, credentialId } = await open();
    sim.misbehave.malformOrder(orders[2]!.id, { ...orders[2]!, orderStatus: 'SHIPPED_SOMEWHERE' });
    expect(await core.api['orders.pull']({ credentialId })).toEqual({ pulled: 12, new_orders: 11, failed: 1 });
    const failed = await core.api['orders.failed']({ step: 'pull', offset: 0, limit: 50 });
    expect(failed.rows.map((f) => f.lastError.message)).toEqual([
      expect.stringContaining(`Order ${orders[2]!.orderCode} has an unknown status "SHIPPED_SOMEWHERE".`),
    ]);
  });

  it('tests the connection and says in words which credential iRCloud refused', async () => {
    const { credentialId } = await open();
    expect(await core.api['credentials.test']({ id: credentialId })).toEqual({
      ok: true,
      message: 'Connected: 南宁批发 answered and accepted the keys.',
    });
    await core.api['credentials.update']({ id: credentialId, password: 'typo' });
    const refused = await core.api['credentials.test']({ id: credentialId });
    expect(refused).toEqual({
      ok: false,
      message: 'iRCloud refused the login (155 用户名或密码错误); check the user name and password.',
    });
  });

  it('audits the selected orders through the outbox: once each, a prepay refusal kept with its reason', async () => {
    const { orders, credentialId } = await open();
    await core.api['orders.pull']({ credentialId });
    const plain = orders[0]!;
    const prepay = orders.find((o) => o.buyer.id === PREPAY_BUYER_ID)!;
    const ids = [orderId(plain.id), orderId(prepay.id)];

    const asked = await core.api['orders.audit']({ orderIds: ids });
    // Asked twice before the outbox ran: still one job per order.
    const again = await core.api['orders.audit']({ orderIds: ids });
    expect(asked.queued).toEqual(ids);
    expect(again.jobIds).toEqual(asked.jobIds);
    await until(() => jobsIn('done') + jobsIn('failed') === 2, 'both audits have an outcome');

    const [done, refused] = await core.api['outbox.jobs']({ jobIds: asked.jobIds });
    expect(done).toMatchObject({ state: 'done', orderNumber: plain.orderCode, lastError: null });
    expect(refused).toMatchObject({ state: 'failed', orderNumber: prepay.orderCode });
    expect(refused!.lastError).toBe(
      `iRCloud will not audit this order yet: 客户[青秀山茶点]结算方式为先款后货，订单${prepay.orderCode}未付款，不能审核 (525: the customer pays before delivery; audit again once it is paid).`,
    );
    expect(sim.counts.audits.get(plain.id)).toBe(1);
    expect(sim.counts.audits.get(prepay.id)).toBe(1);
    expect(sim.order(plain.id)?.orderStatus).toBe('AUDITED');

    const audited = await core.api['orders.get']({ id: ids[0]! });
    expect(audited.channelStatus).toBe('AUDITED');
    expect(audited.logs.at(-1)?.reason).toBe('Audited at iRCloud (南宁批发)');
    expect(auditErrors(ids[1]!)).toEqual([
      {
        error_type: 'audit_refused',
        message: `iRCloud did not audit the order: ${refused!.lastError}`,
        resolved_at: null,
      },
    ]);

    // An audited order is not audited again; the prepay order can be once the buyer has paid.
    const third = await core.api['orders.audit']({ orderIds: ids });
    expect(third.failed).toEqual([
      {
        order_id: ids[0],
        error: `Order ${plain.orderCode} is not awaiting an order audit at iRCloud (it is audited).`,
      },
    ]);
    sim.upsertOrder({ ...sim.order(prepay.id)!, paymentStatus: 'PAID' });
    expect((await core.api['orders.audit']({ orderIds: [ids[1]!] })).jobIds).toEqual([asked.jobIds[1]]);
    await until(() => jobsIn('done') === 2, 'the paid order is audited');
    expect(sim.counts.audits.get(plain.id)).toBe(1);
    expect(sim.counts.audits.get(prepay.id)).toBe(2);
    expect(auditErrors(ids[1]!)[0]?.resolved_at).not.toBeNull();
  });

  it('refuses in words to audit an order of another channel', async () => {
    const { orders, credentialId } = await open();
    await core.api['orders.pull']({ credentialId });
    core.db.$client
      .prepare("UPDATE orders SET channel = 'woocommerce' WHERE external_id = ?")
      .run(String(orders[0]!.id));
    expect((await core.api['orders.audit']({ orderIds: [orderId(orders[0]!.id)] })).failed).toEqual([
      {
        order_id: orderId(orders[0]!.id),
        error: `Order ${orders[0]!.orderCode} is not an iRCloud order; only iRCloud audits orders.`,
      },
    ]);
  });
});
