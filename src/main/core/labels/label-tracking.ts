/**
 * Where an order's parcel is (labels.track): its bought label's tracking number asked of the
 * carrier that sold it, where that carrier's API has tracking. Nothing is stored: the carrier is
 * the truth and is asked each time the packer presses Track parcel.
 */
import { AppError } from '../../../shared/errors';
import type { CarrierCode } from '../../../shared/statuses';
import { UNTRACKABLE, type TrackingView } from '../../../shared/tracking';
import type { CarrierAdapter } from '../carriers/carrier-adapter';
import type { Db } from '../db/open';

export async function trackOrderLabel(
  db: Db,
  carriers: Readonly<Partial<Record<string, CarrierAdapter>>>,
  orderId: number,
): Promise<TrackingView> {
  const order = db.$client.prepare('SELECT order_number FROM orders WHERE id = ?').get(orderId) as
    { order_number: string } | undefined;
  if (!order) throw new AppError('not_found', `There is no order ${orderId}.`);
  const label = db.$client
    .prepare("SELECT carrier, tracking_number FROM labels WHERE order_id = ? AND state = 'bought'")
    .get(orderId) as { carrier: CarrierCode; tracking_number: string } | undefined;
  if (!label) throw new AppError('bad_request', `This order (${order.order_number}) has no label to track yet.`);
  const name = label.carrier === 'local' ? 'Local delivery' : label.carrier.toUpperCase();
  const why = UNTRACKABLE[label.carrier];
  if (why) throw new AppError('bad_request', `${name} labels cannot be tracked from PackDesk yet: ${why}.`);
  const carrier = carriers[label.carrier];
  if (!carrier?.track) {
    throw new AppError(
      'bad_request',
      `${name} is not set up here, so parcel ${label.tracking_number} cannot be tracked; add the ${name} account again.`,
    );
  }
  const tracking = await carrier.track(label.tracking_number);
  return { orderId, carrier: label.carrier, trackingNumber: label.tracking_number, ...tracking };
}
