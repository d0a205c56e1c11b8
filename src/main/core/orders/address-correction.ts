/**
 * A packer corrects the shipping address of an order that has no label yet (a postcode typed
 * wrong by the buyer, a missing province), so the retry can succeed without waiting for the shop.
 * The channel's own payload stays as it came; our fields, the search text and the log change
 * together. Once a label is bought the address is what was shipped, and stays.
 */
import type { Address } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { buildSearchText } from './search-text';
import { insertLog, type TransitionContext } from './state-machine';

/** Where nothing has been bought for the order yet. */
const CORRECTABLE: readonly OrderStatus[] = ['new', 'waiting_labels', 'label_failed', 'exception', 'on_hold'];

export type CorrectedAddress = Omit<Address, 'email'>;

const FIELDS: readonly [keyof CorrectedAddress, string][] = [
  ['name', 'ship_name'],
  ['company', 'ship_company'],
  ['line1', 'ship_line1'],
  ['line2', 'ship_line2'],
  ['city', 'ship_city'],
  ['state', 'ship_state'],
  ['postcode', 'ship_postcode'],
  ['country', 'ship_country'],
  ['phone', 'ship_phone'],
];

interface OrderRecord {
  status: OrderStatus;
  order_number: string;
  external_id: string;
  ship_email: string;
  tracking_number: string | null;
  [column: string]: unknown;
}

export function correctAddress(db: Db, orderId: number, address: CorrectedAddress, ctx: TransitionContext): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    const order = sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderRecord | undefined;
    if (!order) throw new AppError('not_found', `Order ${orderId} does not exist.`);
    if (!CORRECTABLE.includes(order.status)) {
      throw new AppError(
        'conflict',
        `Order ${order.order_number} is ${order.status.replace('_', ' ')}: its label was made for the address it has, so it cannot change now.`,
      );
    }
    const changed = FIELDS.filter(([field, column]) => String(order[column] ?? '') !== address[field]);
    if (changed.length === 0) return;
    const skus = (
      sqlite.prepare('SELECT sku FROM order_items WHERE order_id = ? ORDER BY position').all(orderId) as {
        sku: string;
      }[]
    ).map((r) => r.sku);
    sqlite
      .prepare(
        `UPDATE orders SET ${FIELDS.map(([, column]) => `${column} = ?`).join(', ')}, search_text = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        ...FIELDS.map(([field]) => address[field]),
        buildSearchText({
          orderNumber: order.order_number,
          externalId: order.external_id,
          shipName: address.name,
          shipCompany: address.company,
          shipEmail: order.ship_email,
          shipCity: address.city,
          shipPostcode: address.postcode,
          trackingNumber: order.tracking_number,
          skus,
        }),
        ctx.at,
        orderId,
      );
    const what = changed.map(([field, column]) => `${field} "${String(order[column] ?? '')}" → "${address[field]}"`);
    insertLog(db, orderId, order.status, order.status, { ...ctx, reason: `Address corrected: ${what.join(', ')}` });
  })();
}
