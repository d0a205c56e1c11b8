import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { getOrderDetail } from '../../src/main/core/orders/order-detail';
import { importInvalidOrder, importOrder } from '../../src/main/core/orders/order-import';
import { countByStatus, listOrders } from '../../src/main/core/orders/order-queue';
import { countOf } from '../support/orders';
import { transition } from '../../src/main/core/orders/state-machine';
import { connectionOf, listCredentials } from '../../src/main/core/credentials/credential-repo';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const LATER = '2026-11-24T10:00:00.000Z';

function setup() {
  const file = join(tempDir(), 'db.sqlite');
  const db = openDatabase(file);
  const credentialId = addShop(db);
  const src = { credentialId, channel: 'woocommerce', sellerId: 'store_abc' };
  const idOf = (externalId: string) =>
    (db.$client.prepare('SELECT id FROM orders WHERE external_id = ?').get(externalId) as { id: number }).id;
  return { db, file, src, idOf };
}

describe('importing pulled orders', () => {
  it('creates each order once with its items and first log row; the same pull again creates nothing', () => {
    const { db, src, idOf } = setup();
    expect(importOrder(db, src, makeOrder(1), AT)).toBe('new');
    expect(importOrder(db, src, makeOrder(1), LATER)).toBe('unchanged');
    const detail = getOrderDetail(db, idOf('1001'));
    expect(detail).toMatchObject({ status: 'new', orderNumber: '1001', itemCount: 3, channelStatus: 'processing' });
    expect(detail.items.map((i) => i.sku)).toEqual(['TEE-BLK-M', 'MUG-1']);
    expect(detail.items[0]?.attributes).toEqual([{ name: 'Size', value: 'M' }]);
    expect(detail.logs).toEqual([
      {
        at: AT,
        fromStatus: null,
        toStatus: 'new',
        actor: 'pull:woocommerce',
        reason: 'Pulled from woocommerce store_abc',
      },
    ]);
    expect(db.$client.prepare('SELECT count(*) AS n FROM order_items').get()).toEqual({ n: 2 });
  });

  it('takes a changed order while it has no label', () => {
    const { db, src, idOf } = setup();
    importOrder(db, src, makeOrder(1), AT);
    const changed = makeOrder(1, { modifiedAt: LATER, total: '39.90' });
    changed.shipping.city = 'Augsburg';
    changed.items = [{ sku: 'CAP-RED', name: 'Cap', quantity: 1, price: '39.90', attributes: [] }];
    expect(importOrder(db, src, changed, LATER)).toBe('updated');
    const detail = getOrderDetail(db, idOf('1001'));
    expect(detail.shipping.city).toBe('Augsburg');
    expect(detail.items.map((i) => i.sku)).toEqual(['CAP-RED']);
    expect(countOf(db, { search: 'CAP-RED' })).toBe(1);
    expect(countOf(db, { search: 'TEE-BLK' })).toBe(0);
  });

  it('does not silently change what was labelled: a new address stops the order as an exception', () => {
    const { db, src, idOf } = setup();
    importOrder(db, src, makeOrder(1), AT);
    const id = idOf('1001');
    transition(db, id, 'waiting_labels', { actor: 't', at: AT });
    db.$client.prepare("UPDATE orders SET tracking_number = 'LP000000019DE' WHERE id = ?").run(id);
    transition(db, id, 'label_created', { actor: 't', at: AT });
    const changed = makeOrder(1, { modifiedAt: LATER, channelStatus: 'completed' });
    changed.shipping.city = 'Augsburg';
    importOrder(db, src, changed, LATER);
    const detail = getOrderDetail(db, id);
    expect(detail.shipping.city).toBe('München');
    expect(detail.channelStatus).toBe('completed');
    expect(detail.status).toBe('exception');
    expect(detail.errors.map((e) => [e.step, e.errorType, e.message])).toEqual([
      [
        'pull',
        'changed_after_label',
        'The shop changed the shipping address of this order after its label was made; check the parcel against the shop, and make a new label if needed.',
      ],
    ]);

    // The same change pulled again is not a second error.
    importOrder(db, src, { ...changed, modifiedAt: '2026-11-24T12:00:00.000Z' }, LATER);
    expect(getOrderDetail(db, id).errors).toHaveLength(1);
  });

  it('lets a labelled order keep going when only its channel status changes', () => {
    const { db, src, idOf } = setup();
    importOrder(db, src, makeOrder(1), AT);
    const id = idOf('1001');
    transition(db, id, 'waiting_labels', { actor: 't', at: AT });
    db.$client.prepare("UPDATE orders SET tracking_number = 'LP000000019DE' WHERE id = ?").run(id);
    transition(db, id, 'label_created', { actor: 't', at: AT });
    importOrder(db, src, makeOrder(1, { modifiedAt: LATER, channelStatus: 'completed' }), LATER);
    expect(getOrderDetail(db, id)).toMatchObject({ status: 'label_created', channelStatus: 'completed', errors: [] });
  });

  it('imports an order with missing data as an exception with the reason in words, and releases it when fixed', () => {
    const { db, src, idOf } = setup();
    const broken = makeOrder(2, { problems: ['No shipping address'] });
    importOrder(db, src, broken, AT);
    const id = idOf('1002');
    let detail = getOrderDetail(db, id);
    expect(detail.status).toBe('exception');
    expect(detail.hasErrors).toBe(true);
    expect(detail.errors).toEqual([
      expect.objectContaining({
        step: 'pull',
        errorType: 'missing_data',
        message: 'No shipping address',
        resolved: false,
      }),
    ]);
    importOrder(db, src, makeOrder(2, { modifiedAt: LATER }), LATER);
    detail = getOrderDetail(db, id);
    expect(detail.status).toBe('new');
    expect(detail.hasErrors).toBe(false);
    expect(detail.errors[0]?.resolved).toBe(true);
  });

  it('keeps an unreadable order that has an id, as an exception saying why', () => {
    const { db, src, idOf } = setup();
    importInvalidOrder(db, src, { externalId: '777', reason: 'line_items is not a list', raw: { id: 777 } }, AT);
    importInvalidOrder(db, src, { externalId: null, reason: 'not an order', raw: 'garbage' }, AT);
    const detail = getOrderDetail(db, idOf('777'));
    expect(detail.status).toBe('exception');
    expect(detail.errors[0]).toMatchObject({ errorType: 'malformed_order', message: 'line_items is not a list' });
    expect(countByStatus(db, undefined).all).toBe(1);
  });
});

describe('the order queue', () => {
  it('pages newest first, filters by status and search, and counts every tab', () => {
    const { db, src, idOf } = setup();
    for (let n = 1; n <= 30; n++) importOrder(db, src, makeOrder(n), AT);
    transition(db, idOf('1005'), 'on_hold', { actor: 't', at: AT });
    const page = listOrders(db, {}, 0, 10);
    expect(page).toHaveLength(10);
    expect(countOf(db, {})).toBe(30);
    expect(page.map((r) => r.orderNumber).slice(0, 3)).toEqual(['1030', '1029', '1028']);
    expect(listOrders(db, {}, 25, 10)).toHaveLength(5);
    expect(listOrders(db, { status: 'on_hold' }, 0, 10).map((r) => r.orderNumber)).toEqual(['1005']);
    expect(countOf(db, { status: 'new', search: 'München' })).toBe(14);
    expect(listOrders(db, { search: 'buyer17@' }, 0, 50).map((r) => r.orderNumber)).toEqual(['1017']);
    expect(listOrders(db, { status: 'new', search: '陈尧' }, 0, 3).map((r) => r.orderNumber)).toEqual([
      '1030',
      '1028',
      '1026',
    ]);
    expect(listOrders(db, { search: '陈尧 MUG-1' }, 0, 50).map((r) => r.orderNumber)).toEqual([
      '1018',
      '1016',
      '1014',
      '1012',
      '1010',
    ]);
    const counts = countByStatus(db, undefined);
    expect(counts).toMatchObject({ all: 30, new: 29, on_hold: 1, batched: 0 });
    expect(countByStatus(db, '陈尧')).toMatchObject({ all: 15, new: 15 });
  });

  it('pages a common term (walked in display order) exactly like a rare one (sorted from its matches)', () => {
    const { db, src } = setup();
    // Every order carries TEE-BLK-M (well over the 2,000 matches that switch plans); MUG-2 is rare.
    db.$client.transaction(() => {
      for (let n = 1; n <= 2100; n++) importOrder(db, src, makeOrder(n), AT);
    })();
    const newest = (k: number) => Array.from({ length: 5 }, (_, i) => String(1000 + 2100 - k - i));
    expect(listOrders(db, { search: 'TEE-BLK' }, 0, 5).map((r) => r.orderNumber)).toEqual(newest(0));
    expect(listOrders(db, { status: 'new', search: 'TEE-BLK' }, 100, 5).map((r) => r.orderNumber)).toEqual(newest(100));
    expect(listOrders(db, { search: 'TEE-BLK MUG-2' }, 0, 3).map((r) => r.orderNumber)).toEqual([
      '3100',
      '3099',
      '3098',
    ]);
    expect(listOrders(db, { status: 'new', search: 'MUG-209' }, 0, 50).map((r) => r.orderNumber)).toEqual([
      '3099',
      '3098',
      '3097',
      '3096',
      '3095',
      '3094',
      '3093',
      '3092',
      '3091',
      '3090',
      '1209',
    ]);
  });

  it('treats search text as text, never as query syntax', () => {
    const { db, src } = setup();
    importOrder(db, src, makeOrder(1), AT);
    for (const term of ['"', 'a OR b', '100%', '_', 'NEAR(', "'; DROP TABLE orders; --", '*']) {
      expect(() => listOrders(db, { search: term }, 0, 10)).not.toThrow();
    }
    expect(countOf(db, { search: '100%' })).toBe(0);
  });
});

describe('credentials', () => {
  it('keeps secrets sealed: the database file never holds them in plain text', () => {
    const { db, file } = setup();
    expect(connectionOf(db, testBox, listCredentials(db)[0]!.id)).toMatchObject({
      apiKey: 'ck_test',
      apiSecret: 'cs_test',
    });
    expect(JSON.stringify(listCredentials(db))).not.toContain('cs_test');
    closeDatabase(db);
    const bytes =
      readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
    expect(bytes).not.toContain('cs_test');
    expect(bytes).not.toContain('ck_test');
  });
});
