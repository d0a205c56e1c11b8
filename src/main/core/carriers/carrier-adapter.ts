/**
 * One interface for every carrier. `create` buys (or makes) one label. The idempotency key is
 * written to the database before `create` is called, so after a crash the caller can ask the
 * carrier for that key instead of buying twice. Carriers that sell labels by the request add
 * `createMany`, `lookup` and `void` (`reprint` where the label can be had again, `track` where the
 * carrier reports the parcel's way); the local carrier needs none of them.
 */
import type { CarrierService } from '../../../shared/carriers';
import type { Address, OrderItem } from '../../../shared/dto';
import type { ParcelTracking } from '../../../shared/tracking';

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

/**
 * What became of one shipment of a `createMany` call. `refused`: nothing was bought, the error says
 * why in words. `unknown`: the carrier may have bought it (a timeout after sending, a dropped
 * answer); look it up before buying again.
 */
export type LabelOutcome =
  { kind: 'bought'; label: CreatedLabel } | { kind: 'refused'; error: string } | { kind: 'unknown'; error: string };

export interface CarrierAdapter {
  readonly code: string;
  create(shipment: Shipment): Promise<CreatedLabel>;
  /** The most shipments one `createMany` call takes. */
  readonly maxPerRequest?: number;
  /** The most calls this workstation has open at the carrier at once (carrier-gate.ts); absent: no limit. */
  readonly maxConcurrentRequests?: number;
  /** Buys several labels in one request; one outcome per shipment, in the same order. */
  createMany?(shipments: readonly Shipment[]): Promise<LabelOutcome[]>;
  /**
   * The label bought under this idempotency key; null when the carrier says none was. Throws
   * (CarrierError) when it cannot tell, e.g. the carrier is unreachable: then nothing may be bought.
   */
  lookup?(idempotencyKey: string): Promise<CreatedLabel | null>;
  /** Cancels a bought label so it is not charged. */
  void?(trackingNumber: string): Promise<void>;
  /** The bought label fetched again from the carrier, in the format asked for (a printer of the other language). */
  reprint?(trackingNumber: string, format: CreatedLabel['format']): Promise<CreatedLabel>;
  /**
   * Where the parcel is, as the carrier reports it; only where the carrier has a tracking API
   * (Sendcloud, DHL). Throws (CarrierError) with the carrier's reason, e.g. an unknown tracking number.
   */
  track?(trackingNumber: string): Promise<ParcelTracking>;
  /** The services of this account when they are its own (Sendcloud's shipping options), not a fixed list. */
  readonly services?: readonly CarrierService[];
}
