/** An order's statuses. Its transitions, who makes them and whom they tell: core/orders/order-state-machine.ts. */
export const ORDER_STATUSES = ['PLACED', 'ACCEPTED', 'RECEIVED', 'SHIPPED', 'AT_CENTER', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
