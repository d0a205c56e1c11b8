import type { Address, LabelInfo, OrderDetail, OrderError, OrderItem, OrderLog } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CarrierCode, ErrorStep, OrderStatus } from '../../../shared/statuses';
import type { Db } from '../db/open';
import { orderLabelChoice } from '../labels/label-choice';
import { ROW_COLUMNS, toOrderRow, type RowRecord } from './order-queue';

export interface ShippingRecord {
  ship_name: string;
  ship_company: string;
  ship_line1: string;
  ship_line2: string;
  ship_city: string;
  ship_state: string;
  ship_postcode: string;
  ship_phone: string;
  ship_country: string;
  ship_email: string;
}

type DetailRecord = RowRecord & ShippingRecord & { external_id: string; customer_note: string };

export function shippingOf(r: ShippingRecord): Address {
  return {
    name: r.ship_name,
    company: r.ship_company,
    line1: r.ship_line1,
    line2: r.ship_line2,
    city: r.ship_city,
    state: r.ship_state,
    postcode: r.ship_postcode,
    country: r.ship_country,
    phone: r.ship_phone,
    email: r.ship_email,
  };
}

export function orderItems(db: Db, orderId: number): OrderItem[] {
  const rows = db.$client
    .prepare('SELECT sku, name, quantity, price, attributes FROM order_items WHERE order_id = ? ORDER BY position')
    .all(orderId) as { sku: string; name: string; quantity: number; price: string; attributes: string }[];
  return rows.map((r) => ({ ...r, attributes: JSON.parse(r.attributes) as OrderItem['attributes'] }));
}

export function getOrderDetail(db: Db, orderId: number): OrderDetail {
  const sqlite = db.$client;
  const r = sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS}, o.external_id, o.customer_note, o.ship_company, o.ship_line1, o.ship_line2,
        o.ship_city, o.ship_state, o.ship_postcode, o.ship_phone, o.ship_email FROM orders o WHERE o.id = ?`,
    )
    .get(orderId) as DetailRecord | undefined;
  if (!r) throw new AppError('not_found', `Order ${orderId} does not exist.`);

  const logs = (
    sqlite
      .prepare('SELECT at, from_status, to_status, actor, reason FROM order_logs WHERE order_id = ? ORDER BY id')
      .all(orderId) as {
      at: string;
      from_status: OrderStatus | null;
      to_status: OrderStatus;
      actor: string;
      reason: string;
    }[]
  ).map((l): OrderLog => ({
    at: l.at,
    fromStatus: l.from_status,
    toStatus: l.to_status,
    actor: l.actor,
    reason: l.reason,
  }));

  const errors = (
    sqlite
      .prepare(
        'SELECT id, at, step, error_type, message, resolved_at FROM order_errors WHERE order_id = ? ORDER BY id DESC',
      )
      .all(orderId) as {
      id: number;
      at: string;
      step: ErrorStep;
      error_type: string;
      message: string;
      resolved_at: string | null;
    }[]
  ).map((e): OrderError => ({
    id: e.id,
    at: e.at,
    step: e.step,
    errorType: e.error_type,
    message: e.message,
    resolved: e.resolved_at !== null,
  }));

  const label = sqlite
    .prepare(
      "SELECT id, carrier, service, tracking_number, format, created_at FROM labels WHERE order_id = ? AND state = 'bought'",
    )
    .get(orderId) as
    | {
        id: number;
        carrier: CarrierCode;
        service: string;
        tracking_number: string;
        format: 'pdf' | 'zpl';
        created_at: string;
      }
    | undefined;

  return {
    ...toOrderRow(r),
    externalId: r.external_id,
    customerNote: r.customer_note,
    shipping: shippingOf(r),
    items: orderItems(db, orderId),
    logs,
    errors,
    label: label
      ? ({
          id: label.id,
          carrier: label.carrier,
          service: label.service,
          trackingNumber: label.tracking_number,
          format: label.format,
          createdAt: label.created_at,
        } satisfies LabelInfo)
      : null,
    labelChoice: orderLabelChoice(db, orderId),
  };
}
