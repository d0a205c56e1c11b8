/**
 * A storefront pull while the shop's staff keep working: the list is paged by offset, newest first,
 * and an order already read that leaves the status (shipped, so `completed`) moves every order
 * behind it up one place, the first of the next page onto a page already read. Between two pages,
 * by many at once, and between a cut pull and its resume (the cursor as saved, and as an older
 * PackDesk saved it): through the pull the app runs, a real database file and the simulated shop,
 * every order still in a pulled status lands exactly once, each with all its items, and none is
 * counted twice. An incremental walk sent back goes on past the page it read back, as it did.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pullChannel, type PullDeps } from '../../src/main/core/channels/pull';
import { createStorefrontAdapter } from '../../src/main/core/channels/storefront';
import { systemClock } from '../../src/main/core/clock';
import { pullProgressOf, savePullProgress } from '../../src/main/core/credentials/credential-repo';
import { addChannelCredential } from '../../src/main/core/credentials/credential-service';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import {
  sampleStorefrontOrders,
  SANDBOX_SHOP_DOMAIN as DOMAIN,
  SANDBOX_SHOPIFY_TOKEN as TOKEN,
  shopTime,
} from '../../sim/storefront/sample-orders';
import { startStorefrontSim, type StorefrontSim } from '../../sim/storefront/server';
import type { SfOrderDetail } from '../../sim/storefront/types';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let sim: StorefrontSim;
let deps: PullDeps;
let orders: SfOrderDetail[];

beforeEach(() => {
  deps = {
    db: openDatabase(`${tempDir()}/packdesk.sqlite`),
    box: testBox,
    clock: systemClock,
    adapters: { storefront: createStorefrontAdapter({ backoffMs: 1, timeoutMs: 2_000 }) },
  };
});
afterEach(async () => {
  await sim.close();
  closeDatabase(deps.db);
});

/** 60 orders, created `daysAgo`: three in four paid (45, the rest completed), every other one with two items. */
async function open(daysAgo = 2): Promise<void> {
  orders = sampleStorefrontOrders({ count: 60, status: (n) => (n % 4 === 3 ? 'completed' : 'paid') }).map((o, n) => {
    const created = shopTime(Date.now() - daysAgo * 86_400_000 + n * 60_000);
    const items =
      n % 2 === 0 ? o.line_items : [...o.line_items, { ...o.line_items[0]!, id: o.id * 10, sku: 'GIFT-BOX' }];
    return { ...o, created_at: created, updated_at: created, line_items: items };
  });
  // Ten a page, as the shop caps it: the 45 paid orders are five pages.
  sim = await startStorefrontSim({ orders, shopify: { shopDomain: DOMAIN, accessToken: TOKEN }, maxPageSize: 10 });
}

function addShop(): number {
  return addChannelCredential(deps, {
    providerCode: 'storefront',
    externalId: 'busy',
    displayName: 'Busy shop',
    baseUrl: sim.url,
    settings: {},
    apiKey: '',
    apiSecret: '',
  }).id;
}

/** The paid orders newest first, as the shop lists them: page 1 is the first ten. */
const paidNewestFirst = (): SfOrderDetail[] => orders.filter((o) => o.status === 'paid').sort((a, b) => b.id - a.id);

/** Staff ship an order: it leaves `paid`, and every order listed behind it moves up one place. */
function ship(order: SfOrderDetail): void {
  sim.upsertOrder({ ...sim.getOrder(order.id)!, status: 'completed' });
}

/** Each order still paid at the shop, and each one read before it was shipped, held once with all its items. */
function expectEachOnceWithItems(shipped: readonly SfOrderDetail[]): void {
  const rows = deps.db.$client
    .prepare(
      `SELECT o.external_id AS id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) AS items
       FROM orders o ORDER BY o.external_id`,
    )
    .all() as { id: string; items: number }[];
  const held = [...paidNewestFirst().filter((o) => sim.getOrder(o.id)!.status === 'paid'), ...shipped];
  expect(rows).toEqual(
    held.map((o) => ({ id: String(o.id), items: o.line_items.length })).sort((a, b) => a.id.localeCompare(b.id)),
  );
}

it('pulls the order a page-numbered walk would skip when an order already read is shipped between pages', async () => {
  await open();
  const paid = paidNewestFirst();
  const first = paid[0]!;
  // Page 1 read, page 2 just answered: the first order of page 3 now sits last on page 2.
  sim.afterListAnswer(2, () => ship(first));

  const result = await pullChannel(deps, addShop());

  expectEachOnceWithItems([first]);
  // The read-back brought page 2's other nine again: dropped, not counted twice.
  expect(result).toEqual({ pulled: paid.length, new_orders: paid.length, failed: 0 });
});

it('reads back as many pages as moved when a bulk ship takes orders off several pages read', async () => {
  await open();
  const paid = paidNewestFirst();
  // Pages 1-3 read and 12 orders of pages 1-2 shipped: the unread ones start on page 2 now.
  const shipped = paid.slice(3, 15);
  sim.afterListAnswer(3, () => shipped.forEach(ship));

  const result = await pullChannel(deps, addShop());

  expectEachOnceWithItems(shipped);
  expect(result).toEqual({ pulled: paid.length, new_orders: paid.length, failed: 0 });
});

it('resumes a cut pull after an order already read was shipped meanwhile, from the cursor saved', async () => {
  await open();
  const paid = paidNewestFirst();
  const id = addShop();
  // Page 2's list and its ten details, then page 3's list is cut three times: pages 1-2 are kept.
  sim.afterListAnswer(2, () => sim.misbehave.cutAnswers(10, 3));
  await expect(pullChannel(deps, id)).rejects.toThrow('dropped the connection mid-answer three times');
  expect(deps.db.$client.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 20 });
  ship(paid[3]!);

  const result = await pullChannel(deps, id);

  expectEachOnceWithItems([paid[3]!]);
  expect(result).toEqual({ pulled: paid.length - 20, new_orders: paid.length - 20, failed: 0 });
  expect(pullProgressOf(deps.db, id)).toBeNull();
});

it('starts the status over on resuming from a page-number cursor an older PackDesk saved', async () => {
  await open();
  const paid = paidNewestFirst();
  const id = addShop();
  sim.afterListAnswer(2, () => sim.misbehave.cutAnswers(10, 3));
  await expect(pullChannel(deps, id)).rejects.toThrow('dropped the connection mid-answer three times');
  // As the older walk saved it: status 0, page 3, nothing to tell whether orders moved since.
  savePullProgress(deps.db, id, { ...pullProgressOf(deps.db, id)!, cursor: '0:3' });
  ship(paid[3]!);

  const result = await pullChannel(deps, id);

  expectEachOnceWithItems([paid[3]!]);
  expect(result.new_orders).toBe(paid.length - 20);
});

it('reads on past a read-back page on an incremental pull though the change that led there was shipped', async () => {
  await open(40);
  const paid = paidNewestFirst();
  const id = addShop();
  await pullChannel(deps, id);
  // A note each on page 1 and on the first order of page 2 leads the walk to page 3, which has one too.
  const noted = [paid[2]!, paid[10]!, paid[25]!];
  for (const o of noted) sim.upsertOrder({ ...o, notes: `Leave order ${o.id} at the door.` });
  // Page 2 read: an order of page 1 is shipped, and the first of page 2 moves onto page 1. The
  // read-back page 2 now holds no change, yet page 3 does.
  sim.afterListAnswer(2, () => ship(paid[5]!));

  expect(await pullChannel(deps, id)).toEqual({ pulled: 3, new_orders: 0, failed: 0 });

  expectEachOnceWithItems([paid[5]!]);
  const note = deps.db.$client.prepare('SELECT customer_note AS note FROM orders WHERE external_id = ?');
  for (const o of noted) expect(note.get(String(o.id))).toEqual({ note: `Leave order ${o.id} at the door.` });
});
