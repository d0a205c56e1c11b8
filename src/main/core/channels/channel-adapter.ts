/**
 * One interface for every order source. An adapter speaks its provider's protocol and turns each
 * order into a NormalizedOrder; it never touches the database. A malformed order is handed back
 * as `problems` on that order (or as an `invalid` entry), never thrown, so a pull goes on.
 */
import type { Address, OrderItem } from '../../../shared/dto';

export interface ChannelConnection {
  baseUrl: string;
  /** Provider's two secrets as in seed 000: api_key / api_secret (WooCommerce: consumer key / secret). */
  apiKey: string;
  apiSecret: string;
  /** Further sealed secrets a provider needs (iRCloud's username and password). */
  extraSecrets?: Readonly<Record<string, string>>;
  settings: Record<string, unknown>;
}

export interface NormalizedOrder {
  /** The channel's own id for the order (WooCommerce `id`), unique per store. */
  externalId: string;
  /** What people call the order (WooCommerce `number`, Shopify `#1001`). */
  orderNumber: string;
  channelStatus: string;
  /** The channel's status means the buyer will not get this order (its adapter's status table says which). */
  cancelled: boolean;
  placedAt: string; // ISO 8601, UTC
  modifiedAt: string; // ISO 8601, UTC
  currency: string;
  total: string; // decimal string "12.30", as channels send money
  customerNote: string;
  shipping: Address;
  items: OrderItem[];
  /** Missing or wrong data found while mapping, in words ("Shipping address has no postcode"). */
  problems: string[];
  /** The order exactly as the channel sent it. */
  raw: unknown;
}

/** An order the adapter could not map at all (no id, not an object, ...). */
export interface InvalidOrder {
  externalId: string | null;
  reason: string;
  raw: unknown;
}

export interface PullPage {
  orders: NormalizedOrder[];
  invalid: InvalidOrder[];
  /** Opaque cursor for the next page; null when this was the last page. */
  next: string | null;
}

export interface PullOptions {
  /** Only orders changed after this instant (ISO 8601), from the last successful pull. */
  modifiedAfter: string | null;
  /** Cursor from the previous page (null for the first page). */
  cursor: string | null;
}

export interface ChannelAdapter {
  readonly provider: string;
  /** Fetches one page of orders. Throws ChannelError (in words) when the provider refuses. */
  pullPage(conn: ChannelConnection, opts: PullOptions): Promise<PullPage>;
  /** Calls the provider once to prove the credentials work; throws ChannelError in words. */
  testConnection(conn: ChannelConnection): Promise<void>;
  /**
   * Tells the shop an order has shipped with this tracking number. The outbox may call it again
   * after a crash or a lost answer, so it reads the shop first and never adds the tracking twice.
   * Throws ChannelError (details.unreachable when trying later may succeed).
   */
  syncTracking?(conn: ChannelConnection, sync: TrackingSync): Promise<TrackingSyncResult>;
  /**
   * Approves an order at a channel that audits orders before they are delivered (iRCloud). Throws
   * ChannelError: `refused` with the channel's reason in words when it will not (a prepay order),
   * `unreachable` when trying later may succeed.
   */
  auditOrder?(conn: ChannelConnection, externalId: string): Promise<void>;
  /**
   * Marks the order as an exception at the shop (a packer held it), for shops that have such a
   * status. Like syncTracking it may run again, so it reads first. Throws ChannelError.
   */
  reportException?(conn: ChannelConnection, report: ExceptionReport): Promise<{ alreadyThere: boolean }>;
}

export interface ExceptionReport {
  externalId: string;
  /** The hold's reason, as the shop's staff will read it. */
  reason: string;
}

export interface TrackingSync {
  externalId: string;
  trackingNumber: string;
  /** Our carrier code (dhl, local, ...). */
  carrier: string;
  /** YYYY-MM-DD, the day the label was made. */
  shippedOn: string;
}

export interface TrackingSyncResult {
  /** How the shop was told, in words for the order's log ("Shipment Tracking", "order note + completed"). */
  via: string;
  /** The shop already had it (an earlier try got through before its answer was lost). */
  alreadyThere: boolean;
}
