/**
 * A label of our own carrier can be drawn again at any time, in either printer language, from what
 * the database keeps (same tracking number, service, recipient and day): the PDF stored when it
 * was made and the ZPL a thermal printer wants are the same label.
 */
import type { Address, OrderItem } from '../../../shared/dto';
import type { LabelDocument } from './label-pdf';
import { GRAMS_PER_ITEM } from './label-service';

/** The local carrier's name on its labels. */
export const LOCAL_CARRIER_NAME = 'Local Delivery';

export interface LocalLabelFacts {
  service: string;
  trackingNumber: string;
  orderNumber: string;
  sender: Address;
  recipient: Address;
  items: OrderItem[];
  itemCount: number;
  /** When the label was made (labels.created_at): the day it prints. */
  createdAt: string;
}

export function localLabelDocument(facts: LocalLabelFacts): LabelDocument {
  return {
    carrierName: LOCAL_CARRIER_NAME,
    service: facts.service,
    trackingNumber: facts.trackingNumber,
    orderNumber: facts.orderNumber,
    sender: facts.sender,
    recipient: facts.recipient,
    items: facts.items,
    weightGrams: Math.max(1, facts.itemCount) * GRAMS_PER_ITEM,
    createdAt: new Date(facts.createdAt),
  };
}
