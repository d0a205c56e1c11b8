/**
 * Orders of the seed 001 shop API as it sends them. The list (`GET /api/orders`) carries only a
 * summary; the detail (`GET /api/orders/{id}`) carries the address and `line_items`, and names the
 * Shopify order it mirrors, which the Shopify proxy (`GET /api/shopify/orders/{id}`) answers with
 * Shopify's own REST shape. Shop times are local without a zone ("2025-04-16 11:35:10").
 */

/** Seed 001 documents pending, processing, completed, cancelled, refunded, failed; its own example lists `paid`. */
export type SfStatus = 'pending' | 'paid' | 'processing' | 'completed' | 'cancelled' | 'refunded' | 'failed';

export interface SfAddress {
  first_name: string;
  last_name: string;
  address1: string;
  address2: string;
  city: string;
  province: string;
  country: string;
  zip: string;
  phone: string;
}

export interface SfLineItem {
  id: number;
  variant_id: number;
  title: string;
  quantity: number;
  sku: string;
  price: string;
  product_id: number;
}

/** A list entry: what `GET /api/orders` holds per order. */
export interface SfListOrder {
  id: number;
  customer_email: string;
  total_amount: number;
  payment_method: string;
  status: SfStatus;
  created_at: string;
  updated_at: string;
}

export interface SfOrderDetail extends SfListOrder {
  cart_token: string;
  user_id: number;
  shop_id: number;
  original_price: number;
  shipping_fee: number;
  payment_status: string;
  shopify_order_id: string;
  order_number: string;
  currency: string;
  financial_status: string;
  fulfillment_status: string | null;
  customer_phone: string;
  customer_name: string;
  shipping_address: SfAddress;
  billing_address: SfAddress;
  payment_details: Record<string, unknown>;
  notes: string;
  transaction_id: string;
  order_status_url: string;
  paid_at: string | null;
  line_items: SfLineItem[];
  shipping_lines: { title: string; price: string }[];
  customer: { id: number; email: string; first_name: string; last_name: string; phone: string };
}

/** The Shopify REST order the proxy passes on (seed 001 §3). */
export interface SfShopifyOrder {
  id: number;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
  number: number;
  note: string;
  total_price: string;
  subtotal_price: string;
  currency: string;
  financial_status: string;
  fulfillment_status: string | null;
  line_items: (SfLineItem & { variant_title: string })[];
  shipping_address: SfAddress;
  billing_address: SfAddress;
  customer: SfOrderDetail['customer'];
  shipping_lines: { id: number; title: string; price: string; code: string }[];
  fulfillments: unknown[];
}
