/**
 * The outbox through the contract's handlers, as the screens use it: the training shop taken down
 * through its control endpoint, a tracking sync that waits (summary and review list say so in
 * words), cancel and retry now, then the shop back and every order synced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { testBox } from '../support/orders';
import { until } from '../support/outbox-shop';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const TOKEN = 'test-control-token';

async function control(url: string, body: unknown, token = TOKEN): Promise<number> {
  const res = await fetch(`${url}/__sim/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sim-control-token': token },
    body: JSON.stringify(body),
  });
  return res.status;
}

describe('outbox handlers', () => {
  it('queues tracking sync while the shop is down, lists it in words, and drains on retry now', async () => {
    const core = await startCore({
      dataDir: tempDir(),
      secretBox: testBox,
      version: 'test',
      trainingShopControlToken: TOKEN,
    });
    cores.push(core);
    const { api } = core;
    await api['sandbox.start']({});
    const shop = (await api['credentials.list']({}))[0]!;
    const fresh = await api['orders.list']({ status: 'new', offset: 0, limit: 4 });
    const ids = fresh.map((o) => o.id);
    await api['labels.generate']({ orderIds: ids, carrier: 'local' });

    expect(await control(shop.baseUrl, { down: '503' }, 'wrong')).toBe(403);
    expect(await control(shop.baseUrl, { down: '503' })).toBe(200);
    const unlabelled = (await api['orders.list']({ status: 'new', offset: 0, limit: 1 }))[0]!;
    const queued = await api['orders.syncTracking']({ orderIds: [...ids, unlabelled.id] });
    expect(queued.queued).toEqual(ids);
    expect(queued.failed).toEqual([
      {
        order_id: unlabelled.id,
        error: `Order ${unlabelled.orderNumber} has no label yet; its tracking can be sent once the label is made.`,
      },
    ]);

    let summary = await api['outbox.summary']({});
    expect(summary).toMatchObject({ waiting: 4, failed: 0 });
    await until(async () => (summary = await api['outbox.summary']({})).offline.length === 1, 'the shop is offline');
    expect(summary).toMatchObject({
      waiting: 4,
      failed: 0,
      offline: [{ credentialId: shop.id, storeName: 'Training shop' }],
    });
    expect(summary.offline[0]?.lastError).toMatch(/503/);

    const jobs = await api['outbox.list']({ filter: 'open', offset: 0, limit: 200 });
    expect(jobs).toHaveLength(4);
    const tried = jobs.find((j) => j.state === 'waiting' && j.attempts > 0)!;
    expect(tried).toMatchObject({ kind: 'tracking_sync', state: 'waiting', storeName: 'Training shop' });
    expect(tried.lastError).toMatch(/answered 503/);
    expect(tried.nextTryAt! >= summary.offline[0]!.nextTryAt).toBe(true);
    expect(jobs.map((j) => j.orderNumber).sort()).toEqual(fresh.map((o) => o.orderNumber).sort());

    // Cancel one; the others go once the shop is back and someone presses retry now.
    const cancelled = jobs.find((j) => j.attempts === 0)!;
    expect(await api['outbox.cancel']({ jobId: cancelled.id })).toBeNull();
    expect(await control(shop.baseUrl, { down: null })).toBe(200);
    await api['outbox.retry']({ jobId: tried.id });
    await until(async () => (summary = await api['outbox.summary']({})).waiting === 0, 'the outbox drained');
    expect(summary.offline).toEqual([]);
    const counts = await api['orders.counts']({});
    expect(counts).toMatchObject({ synced: 3, label_created: 1 });
    expect((await api['outbox.list']({ filter: 'done', offset: 0, limit: 200 })).length).toBe(3);
    await expect(api['outbox.retry']({ jobId: tried.id })).rejects.toThrow(/already delivered/);
    await expect(api['outbox.cancel']({ jobId: 999 })).rejects.toThrow(/no waiting action with number 999/);
    await expect(api['orders.syncTracking']({ orderIds: [tried.orderId!] })).resolves.toMatchObject({
      failed: [{ error: expect.stringMatching(/already has its tracking synced/) }],
    });
  });

  it('queues the tracking sync with the label, in the same transaction, once auto sync is on', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
    cores.push(core);
    const { api } = core;
    await api['sandbox.start']({});
    expect((await api['outbox.summary']({})).autoSync).toBe(false);
    const [first, second] = await api['orders.list']({ status: 'new', offset: 0, limit: 2 });
    await api['labels.generate']({ orderIds: [first!.id], carrier: 'local' });
    expect((await api['outbox.summary']({})).changedAt).toBeNull();

    await api['outbox.setAutoSync']({ on: true });
    expect((await api['outbox.summary']({})).autoSync).toBe(true);
    await api['labels.generate']({ orderIds: [second!.id], carrier: 'local' });
    const job = core.db.$client.prepare('SELECT order_id, kind FROM outbox_jobs').all();
    expect(job).toEqual([{ order_id: second!.id, kind: 'tracking_sync' }]);
    await until(async () => (await api['orders.get']({ id: second!.id })).status === 'synced', 'synced');
    expect((await api['orders.get']({ id: first!.id })).status).toBe('label_created');
  });
});
