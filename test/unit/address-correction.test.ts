/**
 * A packer's address correction through the handlers, against a real database file: it changes
 * our fields, the search text and the log together, is checked in words, and is refused once a
 * label was bought for the address the order has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { importOrder } from '../../src/main/core/orders/order-import';
import { dispatch } from '../../src/main/core/dispatch';
import { addShop, AT, makeOrder, testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let core: Core;

beforeEach(async () => {
  core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
  const shop = addShop(core.db);
  const bad = makeOrder(1);
  bad.shipping = { ...bad.shipping, postcode: '8033' };
  importOrder(core.db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, bad, AT);
});
afterEach(() => core.close());

const fixed = {
  name: 'Jürgen Müller',
  company: '',
  line1: 'Müllerstraße 12',
  line2: '',
  city: 'München',
  state: '',
  postcode: '80331',
  country: 'de',
  phone: '',
};

describe('correcting an address before the label', () => {
  it('lets the failed label succeed, with the change in the log and the search', async () => {
    const { api } = core;
    const failed = await api['labels.generate']({ orderIds: [1], carrier: 'local' });
    expect(failed.failed[0]?.error).toMatch(/Postcode 8033 is not a German postcode/);

    const detail = await api['orders.correctAddress']({ id: 1, address: { ...fixed, country: 'DE' } });
    expect(detail.shipping).toMatchObject({ postcode: '80331', country: 'DE', email: 'buyer1@example.com' });
    expect(detail.status).toBe('label_failed');
    expect(detail.logs.at(-1)).toMatchObject({ actor: 'user', reason: 'Address corrected: postcode "8033" → "80331"' });
    expect((await api['orders.list']({ search: '80331', offset: 0, limit: 50 })).map((r) => r.id)).toEqual([1]);

    expect(await api['labels.retry']({ orderIds: [1] })).toEqual({ success: [1], failed: [] });
    await expect(
      api['orders.correctAddress']({ id: 1, address: { ...fixed, country: 'DE', city: 'Berlin' } }),
    ).rejects.toThrow(
      'Order 1001 is label created: its label was made for the address it has, so it cannot change now.',
    );
  });

  it('refuses a bad shape in words and changes nothing', async () => {
    const refused = await dispatch(core.api, 'orders.correctAddress', {
      id: 1,
      address: { ...fixed, country: 'Deutschland' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/two letters, like DE or CN/);
    const lowerCase = await dispatch(core.api, 'orders.correctAddress', { id: 1, address: fixed });
    expect(lowerCase.ok).toBe(true);
    const missing = await dispatch(core.api, 'orders.correctAddress', { id: 1, address: { ...fixed, line1: ' ' } });
    expect(missing.ok ? '' : missing.error.message).toMatch(/Enter the street and house number/);
    expect((await core.api['orders.get']({ id: 1 })).shipping.line1).toBe('Müllerstraße 12');
  });
});
