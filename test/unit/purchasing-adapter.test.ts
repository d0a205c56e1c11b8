/**
 * The seed 004 purchasing server: the client against its simulator over loopback (Bearer token,
 * DRF paging, the seed's filters and search, 401 in words, 429 with Retry-After, a 500 burst, a
 * slow answer, a cut answer), and pulls into a real SQLite file (upsert, nothing new on a re-pull, an
 * incremental pull that stops early, a malformed record kept with its reason, soft delete, a pull
 * cut mid-way that resumes from its cursor).
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConnection } from '../../src/main/core/channels/channel-adapter';
import { ChannelError } from '../../src/main/core/channels/channel-error';
import { pullChannel } from '../../src/main/core/channels/pull';
import { getCredential, pullProgressOf } from '../../src/main/core/credentials/credential-repo';
import { testCredential } from '../../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { getInbound, listInbound } from '../../src/main/core/inbound/inbound-queue';
import { createPurchasingClient } from '../../src/main/core/inbound/purchasing-http';
import { samplePurchaseOrders } from '../../sim/purchasing/sample-orders';
import { startPurchasingSim, type PurchasingSim } from '../../sim/purchasing/server';
import { addWarehouse, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const TOKEN = 'batch-stats-token-4f1c9a7b';
const tempDir = useTempDir();
const waits: number[] = [];
const client = createPurchasingClient({
  backoffMs: 1,
  timeoutMs: 2_000,
  sleep: async (ms) => {
    waits.push(ms);
    await sleep(Math.min(ms, 5));
  },
});
let sim: PurchasingSim;
let db: Db;
let credentialId: number;

beforeEach(async () => {
  sim = await startPurchasingSim({ token: TOKEN, orders: samplePurchaseOrders({ count: 250 }) });
  db = openDatabase(join(tempDir(), 'packdesk.sqlite'));
  credentialId = addWarehouse(db, sim.url, TOKEN);
});
afterEach(async () => {
  closeDatabase(db);
  await sim.close();
  waits.length = 0;
});

const conn = (apiKey = TOKEN): ChannelConnection => ({ baseUrl: sim.url, apiKey, apiSecret: '', settings: {} });
const deps = () => ({ db, box: testBox, clock: () => new Date(), adapters: {}, purchasing: client });
const stored = () => db.$client.prepare('SELECT count(*) FROM purchase_orders').pluck().get() as number;

describe('the purchasing client', () => {
  it('pages the DRF way and passes the seed filters and search', async () => {
    const first = await client.listPage(conn(), { query: { page_size: '100', ordering: 'id' } });
    expect(first.count).toBe(250);
    expect(first.results).toHaveLength(100);
    expect(first.next).toContain('page=2');
    const last = await client.listPage(conn(), { next: (await client.listPage(conn(), { next: first.next! })).next! });
    expect(last.results).toHaveLength(50);
    expect(last.next).toBeNull();

    const shipped = await client.listPage(conn(), {
      query: { delivery_status: 'shipped', batch_encoding: 'BATCH-2025-02' },
    });
    expect(shipped.results.every((r) => (r as { delivery_status: string }).delivery_status === 'shipped')).toBe(true);
    expect(shipped.count).toBeGreaterThan(0);
    const found = await client.listPage(conn(), { query: { search: 'ord20250100042' } });
    expect(found.count).toBe(1);
    expect((found.results[0] as { id: number }).id).toBe(42);
  });

  it('refuses a next page on another address, so the token never leaves the account', async () => {
    await expect(
      client.listPage(conn(), { next: 'http://198.51.100.7/api/aggregation/purchasing/?page=2' }),
    ).rejects.toThrow(/another address/);
  });

  it('says in words when the token is wrong, and Test connection reports it', async () => {
    await expect(client.testConnection(conn('wrong'))).rejects.toThrow(
      'The purchasing server refused the token (Invalid token); enter its BATCH_STATS_API_TOKEN as the API token.',
    );
    expect(await testCredential(deps(), credentialId)).toEqual({
      ok: true,
      message: 'Connected: Warehouse purchasing answered and accepted the keys.',
    });
    sim.misbehave.setToken('rotated');
    expect(await testCredential(deps(), credentialId)).toMatchObject({ ok: false, message: /refused the token/ });
  });

  it('honours 429 Retry-After, retries a 500 burst, and gives up in words after three', async () => {
    sim.misbehave.failNext(1, { status: 429, retryAfterSeconds: 2 });
    sim.misbehave.failNext(1, { status: 500 });
    await client.testConnection(conn());
    expect(waits[0]).toBe(2_000);
    sim.misbehave.failNext(3, { status: 500 });
    const error = await client.testConnection(conn()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toBe(
      `The purchasing server at ${sim.url} answered 500 three times; try again later.`,
    );
  });

  it('gives up on a server that answers too slowly, in words', async () => {
    sim.misbehave.delayMs = 300;
    const impatient = createPurchasingClient({ timeoutMs: 50, backoffMs: 1 });
    await expect(impatient.testConnection(conn())).rejects.toThrow(
      `The purchasing server at ${sim.url} did not answer within 50 ms three times; try again later.`,
    );
    expect(sim.calls.total).toBe(3);
  });
});

describe('pulling purchase orders into the Inbound queue', () => {
  it('upserts every order with its items, and a second pull creates nothing new', async () => {
    expect(await pullChannel(deps(), credentialId)).toEqual({ pulled: 250, new_orders: 250, failed: 0 });
    expect(stored()).toBe(250);
    const page = listInbound(db, { includeDeleted: false, search: 'ORD20250100007' }, 0, 50);
    expect(page.total).toBe(1);
    const detail = getInbound(db, page.rows[0]!.id);
    expect(detail).toMatchObject({
      externalId: '7',
      deliveryStatus: 'in_delivery',
      inventoryCount: 1,
      isLocked: false,
    });
    expect(detail.items).toEqual([
      expect.objectContaining({ externalId: '70', flag: 'FLAG0070', status: 'in_transit', productType: 'iPhone' }),
    ]);
    // Nothing changed since: the incremental pull reads only the newest page and creates nothing.
    const listed = sim.calls.list;
    expect(await pullChannel(deps(), credentialId)).toMatchObject({ new_orders: 0, failed: 0 });
    expect(sim.calls.list - listed).toBe(1);
    expect(stored()).toBe(250);
  });

  it('sees a change, a lock and a soft delete on the next pull', async () => {
    await pullChannel(deps(), credentialId);
    sim.change(5, { delivery_status: 'delivered' });
    sim.lock(6, 'worker-osaka-2');
    sim.softDelete(9);
    expect(await pullChannel(deps(), credentialId)).toMatchObject({ new_orders: 0 });
    const byExternal = (id: string) =>
      listInbound(db, { includeDeleted: true }, 0, 500).rows.find((r) => r.externalId === id)!;
    expect(byExternal('5').deliveryStatus).toBe('delivered');
    expect(byExternal('6')).toMatchObject({ isLocked: true, lockedBy: 'worker-osaka-2' });
    expect(byExternal('9').isDeleted).toBe(true);
    expect(listInbound(db, { includeDeleted: false }, 0, 500).total).toBe(249);
    expect(listInbound(db, { includeDeleted: false, locked: true }, 0, 500).rows.map((r) => r.externalId)).toEqual([
      '6',
    ]);
  });

  it('keeps a malformed record with its reason and pulls the rest', async () => {
    sim.misbehave.malformRecord(3);
    sim.misbehave.malformRecord(4, { uuid: 'no-id-at-all' });
    expect(await pullChannel(deps(), credentialId)).toEqual({ pulled: 250, new_orders: 249, failed: 2 });
    const bad = listInbound(db, { includeDeleted: false, search: 'ORD20250100003' }, 0, 5).rows[0]!;
    expect(bad.pullError).toBe(
      'Its delivery status "lost_at_sea" is not one PackDesk knows (pending_confirmation, shipped, in_delivery, delivered). Its inventory items are not a list.',
    );
    expect(bad.deliveryStatus).toBeNull();
    // The one without an id has nowhere to carry its reason but the pull's own record.
    expect(getCredential(db, credentialId).lastPull?.leftOut).toEqual({
      count: 1,
      reasons: ['A purchase order came without a usable id (none).'],
    });
  });

  it('resumes a pull cut mid-way from its saved page, and ends with every order once', async () => {
    // A page cut half-way is asked for again.
    sim.misbehave.cutNextResponse();
    await expect(client.listPage(conn(), { query: {} })).resolves.toMatchObject({ count: 250 });
    // The first page arrives; the second answers 503 to all three tries.
    sim.misbehave.failNext(3, { status: 503 }, 1);
    await expect(pullChannel(deps(), credentialId)).rejects.toThrow(/503 three times/);
    const saved = pullProgressOf(db, credentialId);
    expect(saved?.cursor).toContain('page=2');
    expect(stored()).toBe(100);
    expect(await pullChannel(deps(), credentialId)).toMatchObject({ pulled: 150, new_orders: 150 });
    expect(stored()).toBe(250);
    expect(pullProgressOf(db, credentialId)).toBeNull();
  });
});
