/**
 * A Guangxi food wholesaler's orders (seed 003's example: congee shops in Nanning buying
 * persimmon-peanut cakes by the bag), the same for the same `count` and `now`. Every fifth buyer
 * settles "pay before delivery" (先款后货): while unpaid, its orders cannot be audited (code 525).
 */
import type { IrOrder, IrOrderStatus } from './types';

export const SANDBOX_CLIENT_ID = 'ircloud_client_sandbox';
export const SANDBOX_CLIENT_SECRET = 'ircloud_secret_4f2a9c7e1b';
export const SANDBOX_USER = 'packdesk_ops';
export const SANDBOX_PASSWORD = 'Ops-2026-pw';

const PRODUCTS = [
  {
    sku: 2116792188293408,
    spu: 2116792188162336,
    code: '101-030-0008',
    name: '霜火菓子(柿子+花生)',
    unit: '包',
    price: 9.3,
  },
  { sku: 2116792188293409, spu: 2116792188162337, code: '101-030-0012', name: '桂花马蹄糕', unit: '盒', price: 15.5 },
  {
    sku: 2116792188293410,
    spu: 2116792188162338,
    code: '102-010-0003',
    name: '南宁老友粉料包',
    unit: '袋',
    price: 4.8,
  },
] as const;
const BUYERS = ['粥大师店(南宁)', '粥大师店(柳州)', '老友记粉店', '邕城早餐铺', '青秀山茶点'];
const DISTRICTS = ['青秀区', '兴宁区', '西乡塘区', '良庆区', '江南区'];

const FIRST_BUYER_ID = 2139500795701856;
/** The buyer who pays before delivery (先款后货): orders 4, 9, 14, … */
export const PREPAY_BUYER_ID = FIRST_BUYER_ID + 4;

export function sampleIrOrders({
  count = 12,
  now = new Date(),
  status = () => 'ORDER_AUDIT_PENDING',
}: { count?: number; now?: Date; status?: (n: number) => IrOrderStatus } = {}): IrOrder[] {
  const orders: IrOrder[] = [];
  for (let n = 0; n < count; n++) {
    const id = 2374359742917152 + n * 1013;
    const created = now.getTime() - 2 * 86_400_000 + n * 60_000;
    const day = new Date(created + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
    const orderCode = `CA000000-${day}-${String(79705 + n).padStart(5, '0')}`;
    const lines = 1 + (n % 2);
    const orderDetails = Array.from({ length: lines }, (_, k) => {
      const p = PRODUCTS[(n + k) % PRODUCTS.length]!;
      const purchaseNumbers = 1 + ((n + k) % 3);
      return {
        id: 2385059802414657 + n * 10 + k,
        orderCode,
        productSku: p.sku,
        productSpu: p.spu,
        productCode: p.code,
        productName: p.name,
        type: 'NORMAL' as const,
        purchaseNumbers,
        unitName: p.unit,
        salePrice: p.price,
        subtotal: Math.round(p.price * purchaseNumbers * 100) / 100,
      };
    });
    orders.push({
      id,
      orderCode,
      buyer: { id: FIRST_BUYER_ID + (n % BUYERS.length), name: BUYERS[n % BUYERS.length]! },
      orderStatus: status(n),
      paymentStatus: 'UN_PAID',
      createTime: created,
      updateTime: created,
      remark: n % 4 === 1 ? '早上九点前送到' : null,
      receiver: {
        name: `店长${n % BUYERS.length}`,
        phone: `1377100${String(1000 + n).slice(-4)}`,
        province: '广西壮族自治区',
        city: '南宁市',
        district: DISTRICTS[n % DISTRICTS.length]!,
        address: `民族大道${100 + n}号`,
        postcode: '530000',
      },
      orderDetails,
    });
  }
  return orders;
}
