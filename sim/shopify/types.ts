/**
 * An order as the Shopify Admin GraphQL API answers our orders query (API version 2025-01):
 * ids are global ids (gid://shopify/Order/…), money is a decimal string inside a MoneyBag,
 * dates are ISO 8601 in UTC, enums are upper case.
 */

export const SHOPIFY_API_VERSION = '2025-01';

export type ShopifyFinancialStatus =
  'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED' | 'EXPIRED';

export type ShopifyFulfillmentStatus =
  | 'UNFULFILLED'
  | 'PARTIALLY_FULFILLED'
  | 'FULFILLED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'OPEN'
  | 'SCHEDULED'
  | 'PENDING_FULFILLMENT'
  | 'RESTOCKED';

export type ShopifyFulfillmentOrderStatus =
  'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED' | 'ON_HOLD' | 'INCOMPLETE' | 'SCHEDULED';

export interface ShopifyMoneyBag {
  shopMoney: { amount: string; currencyCode: string };
}

export interface ShopifyMailingAddress {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export interface ShopifyLineItem {
  id: string;
  name: string;
  sku: string | null;
  quantity: number;
  variantTitle: string | null;
  /** Null when the product was deleted after the order; barcode is the variant's EAN/UPC, if typed in. */
  variant: { id: string; barcode: string | null } | null;
  originalUnitPriceSet: ShopifyMoneyBag;
  customAttributes: { key: string; value: string | null }[];
}

export interface ShopifyFulfillmentOrder {
  id: string;
  status: ShopifyFulfillmentOrderStatus;
}

export interface ShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closed: boolean;
  displayFinancialStatus: ShopifyFinancialStatus;
  displayFulfillmentStatus: ShopifyFulfillmentStatus;
  email: string | null;
  phone: string | null;
  note: string | null;
  totalPriceSet: ShopifyMoneyBag;
  shippingAddress: ShopifyMailingAddress | null;
  lineItems: { nodes: ShopifyLineItem[] };
  fulfillmentOrders: { nodes: ShopifyFulfillmentOrder[] };
}

/** Numeric part of a global id: gid://shopify/Order/5001 -> 5001. */
export function legacyId(gid: string): number {
  return Number(gid.slice(gid.lastIndexOf('/') + 1));
}
