/**
 * Orders of iRCloud's order aggregation API (seed 003) as `orders/search` sends them with
 * `withDetails: true`. Times are epoch milliseconds; money and quantities are JSON numbers
 * (`purchaseNumbers: 2.0`). The seed shows no delivery address; `receiver` is this simulator's
 * stand-in for one, named in README, to be checked against the real API.
 */

export type IrOrderStatus = 'ORDER_AUDIT_PENDING' | 'FINANCE_AUDIT_PENDING' | 'AUDITED' | 'FINISHED' | 'CANCELLED';

export interface IrOrderDetail {
  id: number;
  orderCode: string;
  productSku: number;
  productSpu: number;
  productCode: string;
  productName: string;
  type: 'NORMAL' | 'GIFT';
  purchaseNumbers: number;
  unitName: string;
  salePrice: number;
  subtotal: number;
}

export interface IrReceiver {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  postcode: string;
}

export interface IrOrder {
  id: number;
  orderCode: string;
  buyer: { id: number; name: string };
  orderStatus: IrOrderStatus;
  paymentStatus: 'UN_PAID' | 'PAID';
  createTime: number;
  updateTime: number;
  remark: string | null;
  receiver: IrReceiver | null;
  orderDetails: IrOrderDetail[];
}
