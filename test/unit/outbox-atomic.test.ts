/**
 * The outbox's promise that a job is written in the transaction of the change that asked for it,
 * proven against a real SQLite file: a trigger makes the transaction fail right after the job is
 * written (or, for a label void, right after the job when the order's error is written), and
 * neither the job nor the change may remain. Each case first shows both are written when
 * nothing fails, so the test cannot pass by writing neither.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import type { Db } from '../../src/main/core/db/open';
import { holdOrders } from '../../src/main/core/orders/order-hold';
import { importOrder } from '../../src/main/core/orders/order-import';
import { transition } from '../../src/main/core/orders/state-machine';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function core(): Promise<Core> {
  const c = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
  cores.push(c);
  return c;
}

/** From now on, writing a row to `table` aborts the statement and so the transaction around it. */
function failOnInsert(db: Db, table: 'outbox_jobs' | 'order_errors'): void {
  db.$client.exec(
    `CREATE TEMP TRIGGER fail_${table} AFTER INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk gone'); END`,
  );
}

const jobs = (db: Db, kind: string) =>
  db.$client.prepare('SELECT order_id FROM outbox_jobs WHERE kind = ?').pluck().all(kind) as number[];
const statusOf = (db: Db, id: number) =>
  db.$client.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(id) as string;

describe('an outbox job and the change that asks for it', () => {
  it('tracking sync on a label purchase: neither the label nor the job remains when the write fails', async () => {
    const { api, db } = await core();
    await api['sandbox.start']({});
    await api['outbox.setAutoSync']({ on: true });
    const [ok, doomed] = await api['orders.list']({ status: 'new', offset: 0, limit: 2 });
    await api['labels.generate']({ orderIds: [ok!.id], carrier: 'local' });
    expect(statusOf(db, ok!.id)).toBe('label_created');
    expect(jobs(db, 'tracking_sync')).toEqual([ok!.id]);

    failOnInsert(db, 'outbox_jobs');
    await api['labels.generate']({ orderIds: [doomed!.id], carrier: 'local' }).catch(() => null);
    expect(jobs(db, 'tracking_sync')).toEqual([ok!.id]);
    expect(statusOf(db, doomed!.id)).not.toBe('label_created');
    expect(
      db.$client.prepare("SELECT count(*) FROM labels WHERE order_id = ? AND state = 'bought'").pluck().get(doomed!.id),
    ).toBe(0);
    expect(db.$client.prepare('SELECT tracking_number FROM orders WHERE id = ?').pluck().get(doomed!.id)).toBeNull();
  });

  it('label void on a cancellation: the order stays labelled and no void is queued when the write fails', async () => {
    const { db } = await core();
    const shop = addShop(db);
    const source = { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' };
    const labelled = (n: number): number => {
      importOrder(db, source, makeOrder(n), AT);
      const id = db.$client
        .prepare('SELECT id FROM orders WHERE order_number = ?')
        .pluck()
        .get(String(1000 + n)) as number;
      transition(db, id, 'waiting_labels', { actor: 'test', at: AT });
      transition(db, id, 'label_created', { actor: 'test', at: AT });
      db.$client
        .prepare(
          "INSERT INTO labels (order_id, carrier, service, idempotency_key, state, tracking_number, created_at, updated_at) VALUES (?, 'local', 'standard', ?, 'bought', ?, ?, ?)",
        )
        .run(id, `label:${id}`, `LP${n}`, AT, AT);
      return id;
    };
    const cancelled = (n: number) =>
      importOrder(
        db,
        source,
        makeOrder(n, { cancelled: true, channelStatus: 'cancelled', modifiedAt: '2026-11-24T12:00:00.000Z' }),
        AT,
      );
    const ok = labelled(1);
    const doomed = labelled(2);
    cancelled(1);
    expect(statusOf(db, ok)).toBe('cancelled');
    expect(jobs(db, 'label_void')).toEqual([ok]);

    // The void job is written, then the order's error: that write fails.
    failOnInsert(db, 'order_errors');
    expect(() => cancelled(2)).toThrow(/disk gone/);
    expect(statusOf(db, doomed)).toBe('label_created');
    expect(jobs(db, 'label_void')).toEqual([ok]);
  });

  it('a hold told to the Telegram shop: the order is not held and nothing is queued when the write fails', async () => {
    const { db } = await core();
    const tgshop = addCredential(
      db,
      testBox,
      {
        type: 'order_channel',
        providerCode: 'tgshop',
        externalId: 'tg_store',
        displayName: 'Telegram shop',
        baseUrl: 'http://127.0.0.1:1',
        settings: {},
        secrets: { apiKey: 'tg_test', apiSecret: '' },
      },
      AT,
    );
    const source = { credentialId: tgshop, channel: 'tgshop', sellerId: 'tg_store' };
    importOrder(db, source, makeOrder(1), AT);
    importOrder(db, source, makeOrder(2), AT);
    const [ok, doomed] = db.$client.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as number[];
    const ctx = { at: AT, actor: 'Mei' };
    expect(holdOrders(db, [ok!], 'Buyer asked to wait', ctx).success).toEqual([ok]);
    expect(statusOf(db, ok!)).toBe('on_hold');
    expect(jobs(db, 'channel_exception')).toEqual([ok]);

    failOnInsert(db, 'outbox_jobs');
    expect(() => holdOrders(db, [doomed!], 'Buyer asked to wait', ctx)).toThrow(/disk gone/);
    expect(statusOf(db, doomed!)).toBe('new');
    expect(jobs(db, 'channel_exception')).toEqual([ok]);
    expect(
      db.$client
        .prepare("SELECT count(*) FROM order_logs WHERE order_id = ? AND to_status = 'on_hold'")
        .pluck()
        .get(doomed!),
    ).toBe(0);
  });
});
