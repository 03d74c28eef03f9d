import type { Transitions } from './state-machine.js';

export const ORDER_STATUSES = ['PLACED', 'ACCEPTED', 'RECEIVED', 'SHIPPED', 'AT_CENTER', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderTransitions: Transitions<OrderStatus> = {
  PLACED: ['ACCEPTED', 'CANCELLED'],
  // An order whose seller's village has a center of its own goes there first (RECEIVED), then on;
  // until it leaves the seller's village it may be cancelled.
  ACCEPTED: ['RECEIVED', 'SHIPPED', 'CANCELLED'],
  RECEIVED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['AT_CENTER'],
  AT_CENTER: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};
