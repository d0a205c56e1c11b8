/**
 * The `local` carrier: own delivery, made entirely on this machine, so it works offline. The
 * serial is drawn from the caller's durable counter before the label is drawn: a failed render
 * wastes a number rather than ever handing one out twice.
 */
import { drawLabels, type LabelDrawer } from '../labels/label-drawing';
import { LOCAL_CARRIER_NAME } from '../labels/local-label';
import type { CarrierAdapter, CreatedLabel, Shipment } from './carrier-adapter';
import { localTrackingNumber } from './local-tracking';

export interface LocalCarrierOptions {
  nextSerial: () => number;
  /** This thread unless given. */
  draw?: LabelDrawer;
}

export function createLocalCarrier(opts: LocalCarrierOptions): CarrierAdapter {
  const draw = opts.draw ?? drawLabels;
  return {
    code: 'local',
    async create(shipment: Shipment): Promise<CreatedLabel> {
      const trackingNumber = localTrackingNumber(opts.nextSerial(), shipment.sender.country);
      const document = await draw(
        [
          {
            carrierName: LOCAL_CARRIER_NAME,
            service: shipment.service,
            trackingNumber,
            orderNumber: shipment.orderNumber,
            sender: shipment.sender,
            recipient: shipment.recipient,
            items: shipment.items,
            weightGrams: shipment.weightGrams,
            createdAt: new Date(),
          },
        ],
        'pdf',
      );
      return { trackingNumber, format: 'pdf', document };
    },
  };
}
