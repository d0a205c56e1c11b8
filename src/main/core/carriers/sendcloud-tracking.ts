/**
 * Sendcloud's parcel tracking (API v3, GET /parcels/tracking/{tracking_number}) in PackDesk's
 * words. The answer's shape follows Sendcloud's "Retrieve tracking information for a parcel" and
 * its parcel event model (the parcels.event.created webhook): `data.events` oldest first, each with
 * `timestamp`, `phase` (announced, in_transit, out_for_delivery, delivered, …), `exception`
 * ("none" unless something went wrong), `description` and `location_details`; `data.parent_status`
 * is Sendcloud's standard status word. The current status is the most recent event's, as Sendcloud
 * advises. A phase not listed here reads as "in transit": the parcel has moved on from announced
 * and nothing says it arrived or went wrong.
 */
import type { ParcelTracking, TrackingEvent, TrackingStatus } from '../../../shared/tracking';

export interface ScTrackingEvent {
  timestamp?: string;
  phase?: string;
  exception?: string | null;
  description?: string | null;
  location_details?: { city?: string | null; country?: string | null } | null;
}

export interface ScParcelTracking {
  tracking_number?: string;
  parent_status?: string | null;
  events?: ScTrackingEvent[];
}

const PHASES: Readonly<Record<string, TrackingStatus>> = {
  created: 'announced',
  announced: 'announced',
  announcement_failed: 'exception',
  in_transit: 'in_transit',
  out_for_delivery: 'in_transit',
  awaiting_pickup: 'in_transit',
  delivered: 'delivered',
  returned: 'exception',
  cancelled: 'cancelled',
};

export function parcelTrackingOf(parcel: ScParcelTracking): ParcelTracking {
  const raw = [...(parcel.events ?? [])].sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
  const latest = raw.at(-1);
  const events = raw.map(eventOf);
  return {
    status: statusOf(latest),
    carrierStatus: parcel.parent_status ?? latest?.description ?? latest?.phase ?? 'No status yet',
    events,
  };
}

function statusOf(event: ScTrackingEvent | undefined): TrackingStatus {
  if (!event) return 'announced';
  const phase = PHASES[event.phase ?? ''] ?? 'in_transit';
  if (phase === 'delivered' || phase === 'cancelled') return phase;
  return event.exception && event.exception !== 'none' ? 'exception' : phase;
}

function eventOf(event: ScTrackingEvent): TrackingEvent {
  const place = [event.location_details?.city, event.location_details?.country].filter(Boolean).join(', ');
  return {
    at: event.timestamp ?? '',
    message: event.description || event.phase || 'Status update',
    ...(place ? { location: place } : {}),
  };
}
