import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { ORDER_STATUSES } from '../../src/shared/statuses';
import { openDatabase } from '../../src/main/core/db/open';
import { importOrder } from '../../src/main/core/orders/order-import';
import { canTransition, TRANSITIONS, transition } from '../../src/main/core/orders/state-machine';
import { getOrderDetail } from '../../src/main/core/orders/order-detail';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { join } from 'node:path';

const tempDir = useTempDir();

function setup() {
  const db = openDatabase(join(tempDir(), 'db.sqlite'));
  const shop = addShop(db);
  importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(42), AT);
  const id = (db.$client.prepare('SELECT id FROM orders').get() as { id: number }).id;
  return { db, id };
}

describe('order state machine', () => {
  it('walks the happy path of PRODUCT.md, logging every step with who and why', () => {
    const { db, id } = setup();
    const path = ['waiting_labels', 'label_created', 'synced', 'batched', 'packed', 'shipped'] as const;
    for (const to of path) transition(db, id, to, { actor: 'tester', at: AT, reason: `to ${to}` });
    const detail = getOrderDetail(db, id);
    expect(detail.status).toBe('shipped');
    expect(detail.logs.map((l) => [l.fromStatus, l.toStatus])).toEqual([
      [null, 'new'],
      ['new', 'waiting_labels'],
      ['waiting_labels', 'label_created'],
      ['label_created', 'synced'],
      ['synced', 'batched'],
      ['batched', 'packed'],
      ['packed', 'shipped'],
    ]);
    expect(detail.logs.at(-1)).toMatchObject({ actor: 'tester', reason: 'to shipped' });
  });

  it('refuses an illegal move in words and changes nothing, log included', () => {
    const { db, id } = setup();
    for (const to of ['waiting_labels', 'label_created', 'batched'] as const)
      transition(db, id, to, { actor: 't', at: AT });
    const before = getOrderDetail(db, id);
    let caught: unknown;
    try {
      transition(db, id, 'waiting_labels', { actor: 't', at: AT });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('illegal_transition');
    expect((caught as AppError).message).toBe('Order 1042 is already batched; it cannot get a new label.');
    expect(getOrderDetail(db, id)).toEqual(before);
  });

  it('returns a held order to where it was, and only there', () => {
    const { db, id } = setup();
    transition(db, id, 'waiting_labels', { actor: 't', at: AT });
    transition(db, id, 'label_created', { actor: 't', at: AT });
    transition(db, id, 'on_hold', { actor: 'lead', at: AT, reason: 'customer called' });
    expect(() => transition(db, id, 'new', { actor: 'lead', at: AT })).toThrow(/goes back to label created/);
    transition(db, id, 'label_created', { actor: 'lead', at: AT, reason: 'released' });
    expect(getOrderDetail(db, id).status).toBe('label_created');
  });

  it('ends at shipped and cancelled: nothing leaves them', () => {
    expect(TRANSITIONS.shipped).toEqual([]);
    expect(TRANSITIONS.cancelled).toEqual([]);
    for (const from of ORDER_STATUSES) {
      expect(canTransition(from, 'new')).toBe(from === 'on_hold' || from === 'exception');
    }
  });

  it('lets every live order be cancelled, held or flagged, but not a shipped one', () => {
    for (const from of [
      'new',
      'waiting_labels',
      'label_failed',
      'label_created',
      'synced',
      'batched',
      'packed',
    ] as const) {
      expect(canTransition(from, 'cancelled')).toBe(true);
      expect(canTransition(from, 'on_hold')).toBe(true);
      expect(canTransition(from, 'exception')).toBe(true);
    }
    expect(canTransition('shipped', 'cancelled')).toBe(false);
  });
});
