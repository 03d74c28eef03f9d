import type { Transitions } from './state-machine.js';

export const ORDER_STATUSES = ['PLACED', 'ACCEPTED', 'SHIPPED', 'AT_CENTER', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderTransitions: Transitions<OrderStatus> = {
  PLACED: ['ACCEPTED', 'CANCELLED'],
  ACCEPTED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['AT_CENTER'],
  AT_CENTER: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};
