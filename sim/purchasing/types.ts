/**
 * A purchase order as the seed 004 purchasing server sends it (`/api/aggregation/purchasing/`):
 * snake_case fields, ISO times in UTC with Z, dates as YYYY-MM-DD, empty strings rather than null
 * for most text, the inventory items that came with the order and the worker lock.
 */
export type DeliveryStatus = 'pending_confirmation' | 'shipped' | 'in_delivery' | 'delivered';

export interface OfficialAccountDisplay {
  id: number;
  account_id: string;
  email: string;
  name: string;
}

export interface InventoryItem {
  id: number;
  uuid: string;
  flag: string;
  status: 'in_transit' | 'arrived' | 'out_of_stock' | 'abnormal';
  product_type: 'iPhone' | 'iPad' | null;
  created_at: string;
}

export interface PurchaseOrder {
  id: number;
  uuid: string;
  order_number: string | null;
  official_account: number | null;
  official_account_display: OfficialAccountDisplay | null;
  batch_encoding: string;
  batch_level_1: string;
  batch_level_2: string;
  batch_level_3: string;
  created_at: string;
  confirmed_at: string | null;
  shipped_at: string | null;
  estimated_website_arrival_date: string | null;
  estimated_website_arrival_date_2: string | null;
  tracking_number: string;
  estimated_delivery_date: string | null;
  shipping_method: string | null;
  official_query_url: string | null;
  delivery_status: DeliveryStatus;
  delivery_status_display: string;
  latest_delivery_status: string | null;
  delivery_status_query_time: string | null;
  delivery_status_query_source: string | null;
  last_info_updated_at: string | null;
  account_used: string;
  payment_method: string;
  inventory_count: number;
  inventory_items: InventoryItem[];
  is_locked: boolean;
  locked_at: string | null;
  locked_by_worker: string;
  is_deleted: boolean;
  creation_source: string | null;
  updated_at: string;
}

/** The seed's display names (delivery_status_display). */
export const DELIVERY_STATUS_DISPLAY: Readonly<Record<DeliveryStatus, string>> = {
  pending_confirmation: '等待确认',
  shipped: '已发送',
  in_delivery: '配送中',
  delivered: '已送达',
};
