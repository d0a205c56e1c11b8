/** The request and answer bodies of DHL Parcel DE Shipping API v2 (POST/GET/DELETE /orders), as the simulator reads and writes them. */

export const DHL_PRODUCTS = ['V01PAK', 'V53WPAK', 'V54EPAK', 'V62KP', 'V66WPI'] as const;
export type DhlProduct = (typeof DHL_PRODUCTS)[number];

export interface DhlAddress {
  name1?: string;
  name2?: string;
  name3?: string;
  addressStreet?: string;
  addressHouse?: string;
  postalCode?: string;
  city?: string;
  state?: string;
  country?: string;
  email?: string;
  phone?: string;
}

export interface DhlShipmentRequest {
  product?: string;
  billingNumber?: string;
  refNo?: string;
  shipDate?: string;
  shipper?: DhlAddress;
  consignee?: DhlAddress;
  details?: { dim?: unknown; weight?: { uom?: string; value?: number } };
  services?: Record<string, unknown>;
  customs?: { exportType?: string; items?: unknown[] };
}

export interface DhlStatus {
  title: string;
  statusCode: number;
  detail?: string;
}

export interface DhlValidationMessage {
  property: string;
  validationMessage: string;
  validationState: 'Error' | 'Warning';
}

export interface DhlLabel {
  b64?: string;
  zpl2?: string;
  url?: string;
  fileFormat: 'PDF' | 'ZPL2';
  printFormat: string;
}

export interface DhlItem {
  shipmentNo?: string;
  shipmentRefNo?: string;
  routingCode?: string;
  sstatus: DhlStatus;
  label?: DhlLabel;
  validationMessages?: DhlValidationMessage[];
}

export interface DhlOrdersAnswer {
  status: DhlStatus;
  items: DhlItem[];
}

/**
 * One status of a shipment in DHL's Shipment Tracking – Unified API: the shape of `shipments[].status`
 * and of each of `shipments[].events[]`.
 */
export interface DhlTrackingStatus {
  /** Local time without an offset, as DHL writes it: 2023-10-26T12:08:00. */
  timestamp: string;
  location?: { address: { addressLocality: string } };
  statusCode: 'pre-transit' | 'transit' | 'delivered' | 'failure' | 'unknown';
  status: string;
  description: string;
}

/** A shipment the simulated DHL has created (and charges for until it is voided). */
export interface SimShipment {
  shipmentNo: string;
  refNo: string | undefined;
  product: DhlProduct;
  consignee: DhlAddress;
  createdAt: Date;
  voided: boolean;
  /** Its way as DHL's tracking reports it, oldest first. */
  events: DhlTrackingStatus[];
  /** On its way back to the sender (DHL's `returnFlag`). */
  returned: boolean;
}
