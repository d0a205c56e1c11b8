/**
 * Orders of the Telegram mini-shop of seed 002 as its admin API sends them: an `order` with its
 * `orderItems`, each item with its priced `attributes` and ready-made `attributeTexts`. Times are
 * the shop's local time without a zone ("2025-01-08T10:30:00"); money is a JSON number.
 */

/** 0 placed, 1 preparing (accepted), 2 delivered, 3 completed (buyer confirmed), 4 cancelled, 5 exception. */
export type TgOrderStatus = 0 | 1 | 2 | 3 | 4 | 5;

export interface TgOrder {
  id: number;
  orderNo: string;
  userId: number;
  telegramId: number;
  payMethod: number;
  paymentUrl: string | null;
  phone: string;
  address: string;
  totalAmount: number;
  orderStatus: TgOrderStatus;
  payStatus: 0 | 1;
  remark: string | null;
  createTime: string;
  updateTime: string;
}

export interface TgItemAttribute {
  id: number;
  orderItemId: number;
  attributeName: string;
  attributeValue: string;
  priceAdjustment: number;
}

export interface TgOrderItemDetail {
  orderItem: {
    id: number;
    orderId: number;
    goodsId: number;
    goodsName: string;
    goodsNo: string;
    goodsIcon: string;
    goodsImageUrl: string;
    price: number;
    actualPrice: number;
    quantity: number;
    subtotal: number;
    attributeAdjustment: number;
    attributeHash: string;
    createTime: string;
  };
  attributes: TgItemAttribute[];
  attributeTexts: string[];
}

export interface TgOrderDetail {
  order: TgOrder;
  orderItems: TgOrderItemDetail[];
}
