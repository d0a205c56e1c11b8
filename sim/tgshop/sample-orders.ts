/**
 * A Hong Kong tea shop's orders (seed 002's example), the same for the same `count` and `now`:
 * milk teas with temperature, sugar and size, a size upgrade costing extra, delivered by the shop.
 */
import type { TgOrderDetail, TgOrderStatus } from './types';

export const SANDBOX_ADMIN_TOKEN = 'tg_admin_sandbox_7c1e5a9d3b2f4e6a';

const GOODS = [
  { id: 1, name: '奶茶', no: 'G001', price: 10 },
  { id: 2, name: '柠檬茶', no: 'G002', price: 12 },
  { id: 3, name: '芋圆烧仙草', no: 'G003', price: 16 },
] as const;
const ADDRESSES = ['香港中环德辅道中1号', '香港九龙尖沙咀弥敦道100号', '香港铜锣湾轩尼诗道500号12楼'];

/** Shop local time, as the API writes it: no zone. */
export function shopTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
}

export function sampleTgOrders({
  count = 12,
  now = new Date(),
  status = () => 0,
}: { count?: number; now?: Date; status?: (n: number) => TgOrderStatus } = {}): TgOrderDetail[] {
  const orders: TgOrderDetail[] = [];
  for (let n = 0; n < count; n++) {
    const id = n + 1;
    const created = now.getTime() - 3 * 86_400_000 + n * 60_000;
    const g = GOODS[n % GOODS.length]!;
    const large = n % 2 === 0;
    const adjustment = large ? 2.75 : 0;
    const quantity = 1 + (n % 3);
    const actualPrice = g.price + adjustment;
    const subtotal = Math.round(actualPrice * quantity * 100) / 100;
    orders.push({
      order: {
        id,
        orderNo: `ORD${shopTime(created).slice(0, 10).replaceAll('-', '')}${String(id).padStart(3, '0')}`,
        userId: 100 + (n % 5),
        telegramId: 123_456_700 + (n % 5),
        payMethod: 1,
        paymentUrl: 'https://example.com/payment.jpg',
        phone: `8551234${String(5600 + n).padStart(4, '0')}`,
        address: ADDRESSES[n % ADDRESSES.length]!,
        totalAmount: subtotal,
        orderStatus: status(n),
        payStatus: 1,
        remark: n === 0 ? '请尽快配送' : null,
        createTime: shopTime(created),
        updateTime: shopTime(created + 30_000),
      },
      orderItems: [
        {
          orderItem: {
            id: id * 10,
            orderId: id,
            goodsId: g.id,
            goodsName: g.name,
            goodsNo: g.no,
            goodsIcon: 'https://example.com/icon.jpg',
            goodsImageUrl: 'https://example.com/image.jpg',
            price: g.price,
            actualPrice,
            quantity,
            subtotal,
            attributeAdjustment: adjustment * quantity,
            attributeHash: `${g.id}:temperature=ice|sugar=none|size=${large ? 'large' : 'medium'}`,
            createTime: shopTime(created),
          },
          attributes: [
            { id: id * 100 + 1, orderItemId: id * 10, attributeName: '温度', attributeValue: '冰', priceAdjustment: 0 },
            {
              id: id * 100 + 2,
              orderItemId: id * 10,
              attributeName: '糖度',
              attributeValue: '无糖',
              priceAdjustment: 0,
            },
            {
              id: id * 100 + 3,
              orderItemId: id * 10,
              attributeName: '大小',
              attributeValue: large ? '大杯' : '中杯',
              priceAdjustment: adjustment,
            },
          ],
          attributeTexts: ['冰', '无糖', large ? '大杯(+2.75)' : '中杯'],
        },
      ],
    });
  }
  return orders;
}
