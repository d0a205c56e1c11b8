/**
 * A parcel's way to the customer as the carrier reports it (labels.track), in PackDesk's own few
 * words so every carrier reads alike, with the carrier's own status kept beside it.
 */
import type { CarrierCode } from './statuses';

export const TRACKING_STATUSES = ['announced', 'in_transit', 'delivered', 'exception', 'cancelled'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface TrackingEvent {
  /** ISO time the carrier gives for the event. */
  at: string;
  message: string;
  /** "Eindhoven, NL" where the carrier says where it happened. */
  location?: string;
}

export interface ParcelTracking {
  status: TrackingStatus;
  /** The carrier's own word for it, e.g. Sendcloud's parent status "En route to sorting center". */
  carrierStatus: string;
  /** Oldest first. */
  events: TrackingEvent[];
}

export interface TrackingView extends ParcelTracking {
  orderId: number;
  carrier: CarrierCode;
  trackingNumber: string;
}

/**
 * Why a carrier's parcels cannot be tracked from PackDesk; absent: it can (the order detail shows
 * Track parcel). Local delivery is our own van with no one to ask.
 */
export const UNTRACKABLE: Readonly<Partial<Record<CarrierCode, string>>> = {
  local: 'local delivery is your own; no carrier reports where the parcel is',
};
