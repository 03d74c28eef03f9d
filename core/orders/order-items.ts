import { indexKeys, keys } from '../db/index.js';
import type { Order } from './order.js';

// The items of the orders domain as the table keeps them: key, index keys, type and attributes.
// Its repository writes these, and the capacity model measures them.

/** An order, listed under its buyer (gsi1), its shop (gsi2, sharded) and its center (gsi3). */
export const orderItem = (order: Order) => ({
  ...keys.order(order.code),
  ...indexKeys.buyerOrder(order.buyerPhone, order.createdAt),
  ...indexKeys.centerOrder(order.centerId, order.createdAt),
  ...indexKeys.shopOrder(order.shopId, order.code, order.createdAt),
  type: 'Order',
  ...order,
});

/** An unpaid mobile-money order on the list the expiry sweep reads by age. */
export const openMobileMoneyItem = (order: Pick<Order, 'code' | 'createdAt'>) => ({
  ...keys.openMobileMoney(order.createdAt, order.code),
  type: 'OpenMobileMoney',
  orderCode: order.code,
});

/** A first-mile order on its collecting center's list of tasks. */
export const firstMileTaskItem = (order: Pick<Order, 'code' | 'createdAt'>, centerId: string) => ({
  ...keys.firstMileTask(centerId, order.createdAt, order.code),
  type: 'FirstMileTask',
  orderCode: order.code,
});
