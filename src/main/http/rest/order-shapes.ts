/** From the contract's DTOs to seed 000's shapes (snake_case, the channel's order id). */
import type { z } from 'zod';
import type { OrderDetail } from '../../../shared/dto';
import type { ListedOrder } from '../../../shared/exceptions';
import type { orderDetail, orderError, orderLog, orderSummary } from './schemas';

export function toSummary(o: ListedOrder): z.input<typeof orderSummary> {
  return {
    order_id: o.externalId,
    internal_id: o.id,
    order_number: o.orderNumber,
    channel: o.channel,
    seller_id: o.sellerId,
    status: o.status,
    channel_status: o.channelStatus,
    tracking_number: o.trackingNumber,
    batch_id: o.batchId,
    total: o.total,
    currency: o.currency,
    has_errors: o.hasErrors,
    created_at: o.placedAt,
  };
}

export function toLogs(o: OrderDetail): z.input<typeof orderLog>[] {
  return o.logs.map((l) => ({
    timestamp: l.at,
    from_status: l.fromStatus,
    to_status: l.toStatus,
    actor: l.actor,
    reason: l.reason,
  }));
}

export function toErrors(o: OrderDetail): z.input<typeof orderError>[] {
  return o.errors.map((e) => ({
    id: e.id,
    timestamp: e.at,
    step: e.step,
    error_type: e.errorType,
    message: e.message,
    resolved: e.resolved,
  }));
}

export function toDetail(o: OrderDetail): z.input<typeof orderDetail> {
  const s = o.shipping;
  return {
    ...toSummary(o),
    customer_note: o.customerNote,
    items: o.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, price: i.price })),
    shipping_address: {
      name: s.name,
      company: s.company,
      address_line1: s.line1,
      address_line2: s.line2,
      city: s.city,
      state: s.state,
      postcode: s.postcode,
      country: s.country,
      phone: s.phone,
      email: s.email,
    },
    label: o.label
      ? {
          carrier: o.label.carrier,
          service: o.label.service,
          tracking_number: o.label.trackingNumber,
          created_at: o.label.createdAt,
        }
      : null,
    logs: toLogs(o),
    errors: toErrors(o),
  };
}
