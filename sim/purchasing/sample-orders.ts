/**
 * Purchase orders for the purchasing simulator: deterministic, shaped like the seed 004 example
 * (Apple devices bought on official sites, tracked into the warehouse), walking through the four
 * delivery statuses, each with one to three inventory items.
 */
import { DELIVERY_STATUS_DISPLAY, type DeliveryStatus, type PurchaseOrder } from './types';

const STATUSES: readonly DeliveryStatus[] = ['pending_confirmation', 'shipped', 'in_delivery', 'delivered'];
const ACCOUNTS = [
  { id: 1, account_id: 'ACC001', email: 'zhang.san@example.com', name: '张三' },
  { id: 2, account_id: 'ACC002', email: 'li.si@example.com', name: '李四' },
];
const METHODS = ['DHL', 'Yamato', 'Sagawa'];
const PAYMENTS = ['credit_card', 'gift_card', 'debit_card'];

export interface SampleOptions {
  count: number;
  /** Time of the first order; each next one is an hour later. */
  start?: Date;
}

export function samplePurchaseOrders(opts: SampleOptions): PurchaseOrder[] {
  const start = (opts.start ?? new Date('2025-01-10T09:00:00Z')).getTime();
  return Array.from({ length: opts.count }, (_, i) => {
    const id = i + 1;
    const at = (hours: number) => new Date(start + (i + hours) * 3_600_000).toISOString().replace('.000Z', 'Z');
    const status = STATUSES[i % STATUSES.length]!;
    const account = ACCOUNTS[i % ACCOUNTS.length]!;
    const tracking = status === 'pending_confirmation' ? '' : `TRACK${String(100000 + id)}`;
    const items = Array.from({ length: (i % 3) + 1 }, (_, k) => ({
      id: id * 10 + k,
      uuid: `inv-${id}-${k}-${'a'.repeat(8)}`,
      flag: `FLAG${String(id * 10 + k).padStart(4, '0')}`,
      status: status === 'delivered' ? ('arrived' as const) : ('in_transit' as const),
      product_type: k % 2 === 0 ? ('iPhone' as const) : ('iPad' as const),
      created_at: at(0.5),
    }));
    return {
      id,
      uuid: `${id.toString(16).padStart(8, '0')}-5e6f7a8b-9c0d1e2f-3a4b5c6d-7e8f9a0b`,
      order_number: `ORD202501${String(id).padStart(5, '0')}`,
      official_account: account.id,
      official_account_display: account,
      batch_encoding: `BATCH-2025-${String((i % 3) + 1).padStart(2, '0')}`,
      batch_level_1: 'LEVEL-1',
      batch_level_2: '',
      batch_level_3: '',
      created_at: at(0),
      confirmed_at: status === 'pending_confirmation' ? null : at(1),
      shipped_at: status === 'pending_confirmation' ? null : at(24),
      estimated_website_arrival_date: '2025-01-20',
      estimated_website_arrival_date_2: null,
      tracking_number: tracking,
      estimated_delivery_date: tracking ? '2025-01-22' : null,
      shipping_method: METHODS[i % METHODS.length]!,
      official_query_url: tracking ? `https://example.com/track/${tracking}` : null,
      delivery_status: status,
      delivery_status_display: DELIVERY_STATUS_DISPLAY[status],
      latest_delivery_status: status === 'pending_confirmation' ? null : DELIVERY_STATUS_DISPLAY[status],
      delivery_status_query_time: null,
      delivery_status_query_source: null,
      last_info_updated_at: null,
      account_used: account.email,
      payment_method: PAYMENTS[i % PAYMENTS.length]!,
      inventory_count: items.length,
      inventory_items: items,
      is_locked: false,
      locked_at: null,
      locked_by_worker: '',
      is_deleted: false,
      creation_source: 'api',
      updated_at: at(2),
    };
  });
}
