/** The bodies of Sendcloud API v3 (shipments, parcel documents) as the simulator reads and writes them. */

export interface ScAddress {
  name?: string;
  company_name?: string;
  address_line_1?: string;
  address_line_2?: string;
  house_number?: string;
  postal_code?: string;
  city?: string;
  country_code?: string;
  state_province_code?: string;
  phone_number?: string;
  email?: string;
}

export interface ScShipmentRequest {
  label_details?: { mime_type?: string; dpi?: number };
  from_address?: ScAddress;
  to_address?: ScAddress;
  ship_with?: { type?: string; properties?: { shipping_option_code?: string; contract_id?: number } };
  order_number?: string;
  external_reference_id?: string | null;
  parcels?: { weight?: { value?: string; unit?: string }; parcel_items?: unknown[] }[];
  customs_information?: unknown;
}

/** JSON:API error, as every Sendcloud v3 refusal carries them. */
export interface ScError {
  status: string;
  code: string;
  detail: string;
  source?: { pointer: string };
}

/** A shipment the simulated Sendcloud has made (and charges for until it is cancelled). */
export interface SimShipment {
  id: string;
  parcelId: number;
  trackingNumber: string;
  externalReference: string | null;
  orderNumber: string;
  shippingOption: string;
  toAddress: ScAddress;
  fromAddress: ScAddress;
  cancelled: boolean;
  createdAt: Date;
  /** Its tracking timeline, oldest first: announced when made, moved on by the test (advanceTracking). */
  events: SimTrackingEvent[];
}

/** One event of Sendcloud's v3 parcel tracking timeline, with the parent status it leaves the parcel in. */
export interface SimTrackingEvent {
  timestamp: string;
  phase: string;
  exception: string;
  description: string;
  parentStatus: string;
  city: string | null;
  country: string | null;
}
