/**
 * One interface for every carrier. `create` buys (or makes) one label. The idempotency key is
 * written to the database before `create` is called, so after a crash the caller can ask the
 * carrier for that key instead of buying twice.
 */
import type { Address, OrderItem } from '../../../shared/dto';

export interface Shipment {
  idempotencyKey: string;
  orderNumber: string;
  sender: Address;
  recipient: Address;
  items: OrderItem[];
  weightGrams: number;
  service: string;
}

export interface CreatedLabel {
  trackingNumber: string;
  format: 'pdf' | 'zpl';
  /** The printable label itself (a 4x6 in PDF page or ZPL). */
  document: Uint8Array;
}

export interface CarrierAdapter {
  readonly code: string;
  create(shipment: Shipment): Promise<CreatedLabel>;
}
