/**
 * The order JSON of WooCommerce REST API v3 (`GET /wp-json/wc/v3/orders`), field for field as a
 * real shop sends it: ids are integers, money is a decimal string, dates come twice (site time and
 * `_gmt`, both without a zone). One exception to "money is a string": a line item's `price` is a
 * JSON number, as WooCommerce computes it (total / quantity).
 */

export type WooOrderStatus =
  'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded' | 'failed' | 'checkout-draft' | 'trash';

export const WOO_ORDER_STATUSES: readonly WooOrderStatus[] = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
];

interface WooAddressFields {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, or '' */
  country: string;
}

export interface WooBilling extends WooAddressFields {
  email: string;
  phone: string;
}

/** Shipping has no email; `phone` exists since WooCommerce 5.6. */
export interface WooShipping extends WooAddressFields {
  phone: string;
}

export interface WooMetaData {
  id: number;
  key: string;
  value: unknown;
}

/** Line item meta also carries the label and value as the shop shows them ("Size": "M"). */
export interface WooItemMetaData extends WooMetaData {
  display_key: string;
  display_value: unknown;
}

export interface WooTax {
  id: number;
  total: string;
  subtotal: string;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: WooTax[];
  meta_data: WooItemMetaData[];
  sku: string;
  price: number;
  image: { id: number | string; src: string };
  parent_name: string | null;
  /**
   * The product's GTIN, UPC, EAN or ISBN field (WooCommerce 9.2+); on order line items only in
   * newer versions, '' when the product has none. Older shops send no such key.
   */
  global_unique_id?: string;
}

export interface WooShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  total: string;
  total_tax: string;
  taxes: WooTax[];
  meta_data: WooMetaData[];
}

export interface WooTaxLine {
  id: number;
  rate_code: string;
  rate_id: number;
  label: string;
  compound: boolean;
  tax_total: string;
  shipping_tax_total: string;
  meta_data: WooMetaData[];
}

export interface WooFeeLine {
  id: number;
  name: string;
  tax_class: string;
  tax_status: string;
  total: string;
  total_tax: string;
  taxes: WooTax[];
  meta_data: WooMetaData[];
}

export interface WooCouponLine {
  id: number;
  code: string;
  discount: string;
  discount_tax: string;
  meta_data: WooMetaData[];
}

export interface WooRefund {
  id: number;
  reason: string;
  total: string;
}

export interface WooOrder {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  version: string;
  status: WooOrderStatus;
  currency: string;
  currency_symbol: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  customer_id: number;
  customer_ip_address: string;
  customer_user_agent: string;
  customer_note: string;
  billing: WooBilling;
  shipping: WooShipping;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  date_paid: string | null;
  date_paid_gmt: string | null;
  date_completed: string | null;
  date_completed_gmt: string | null;
  cart_hash: string;
  meta_data: WooMetaData[];
  line_items: WooLineItem[];
  tax_lines: WooTaxLine[];
  shipping_lines: WooShippingLine[];
  fee_lines: WooFeeLine[];
  coupon_lines: WooCouponLine[];
  refunds: WooRefund[];
}

/** `POST /orders/{id}/notes` answer. */
export interface WooOrderNote {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

/** Shipment Tracking extension: one tracking of an order, as `POST .../shipment-trackings` answers it. */
export interface WooTracking {
  tracking_id: string;
  tracking_provider: string;
  tracking_link: string;
  tracking_number: string;
  date_shipped: string;
}
