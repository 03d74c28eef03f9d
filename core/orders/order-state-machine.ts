import { IllegalTransitionError, type OrderStatus } from '../common/index.js';
import type { Order } from './order.js';

/**
 * How an order travels: straight from its seller to the buyer's center, or, when the seller's
 * village has a center of its own that is not the buyer's, first through that center (a first
 * mile: the seller drops the goods off there, RECEIVED, and its partner sends them on). The route
 * is set when the seller accepts; until then an order counts as direct, and the transitions from
 * PLACED are the same on both.
 */
export type Route = 'direct' | 'firstMile';

/**
 * Who takes part in an order. `partner`: of the order's (the buyer's) center; `collector`: of the
 * center that collects it on a first mile; `admin`: an administrator, as the expiry sweep is.
 */
export type Actor = 'buyer' | 'seller' | 'partner' | 'collector' | 'admin';

/** The operations that move an order, each named as it is called. */
export type OrderMove =
  | 'acceptOrder'
  | 'receiveOrder'
  | 'shipOrder'
  | 'cancelOrder'
  | 'cancelUnpaidOrder'
  | 'markArrived'
  | 'confirmDelivery';

export interface OrderTransition {
  from: OrderStatus;
  to: OrderStatus;
  move: OrderMove;
  /** The routes on which the move makes this transition. */
  routes: readonly Route[];
  /** Who may make it. */
  by: readonly Actor[];
  /** Who is told of it, apart from the one who made it (they have their answer already). */
  tells: readonly Actor[];
  /** Why, told with it: the expiry sweep's cancellation of an order nobody paid. */
  reason?: 'UNPAID';
}

const ANY: readonly Route[] = ['direct', 'firstMile'];
const DIRECT: readonly Route[] = ['direct'];
const FIRST_MILE: readonly Route[] = ['firstMile'];

/**
 * Every transition of an order. Until the goods leave the seller's village the order may be
 * cancelled: by its buyer, its seller or the partner of its center, and once the goods are at the
 * collecting center by that center's partner too, who is then told of it (the goods go back to the
 * seller from there). The seller hears of a drop-off and of a cancellation; the buyer of every step.
 * The expiry sweep (an administrator) cancels a mobile-money order nobody paid in time, and tells why.
 * markArrived and confirmDelivery are core/delivery's: the partner of the order's center checks the
 * order in (the buyer is sent a pickup code) and hands it over.
 */
// biome-ignore format: a table, one transition a line
export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  { from: 'PLACED',    to: 'ACCEPTED',  move: 'acceptOrder',       routes: ANY,        by: ['seller', 'admin'],                                 tells: ['buyer'] },
  { from: 'PLACED',    to: 'CANCELLED', move: 'cancelOrder',       routes: ANY,        by: ['buyer', 'seller', 'partner', 'admin'],             tells: ['buyer', 'seller'] },
  { from: 'PLACED',    to: 'CANCELLED', move: 'cancelUnpaidOrder', routes: ANY,        by: ['admin'],                                           tells: ['buyer', 'seller'],              reason: 'UNPAID' },
  { from: 'ACCEPTED',  to: 'RECEIVED',  move: 'receiveOrder',      routes: FIRST_MILE, by: ['collector', 'admin'],                              tells: ['buyer', 'seller'] },
  { from: 'ACCEPTED',  to: 'SHIPPED',   move: 'shipOrder',         routes: DIRECT,     by: ['seller', 'admin'],                                 tells: ['buyer'] },
  { from: 'ACCEPTED',  to: 'CANCELLED', move: 'cancelOrder',       routes: ANY,        by: ['buyer', 'seller', 'partner', 'admin'],             tells: ['buyer', 'seller'] },
  { from: 'ACCEPTED',  to: 'CANCELLED', move: 'cancelUnpaidOrder', routes: ANY,        by: ['admin'],                                           tells: ['buyer', 'seller'],              reason: 'UNPAID' },
  { from: 'RECEIVED',  to: 'SHIPPED',   move: 'shipOrder',         routes: FIRST_MILE, by: ['collector', 'admin'],                              tells: ['buyer'] },
  { from: 'RECEIVED',  to: 'CANCELLED', move: 'cancelOrder',       routes: FIRST_MILE, by: ['buyer', 'seller', 'partner', 'collector', 'admin'], tells: ['buyer', 'seller', 'collector'] },
  { from: 'RECEIVED',  to: 'CANCELLED', move: 'cancelUnpaidOrder', routes: FIRST_MILE, by: ['admin'],                                           tells: ['buyer', 'seller', 'collector'], reason: 'UNPAID' },
  { from: 'SHIPPED',   to: 'AT_CENTER', move: 'markArrived',       routes: ANY,        by: ['partner'],                                         tells: ['buyer'] },
  { from: 'AT_CENTER', to: 'DELIVERED', move: 'confirmDelivery',   routes: ANY,        by: ['partner'],                                         tells: ['buyer'] },
];

export const routeOf = (order: Pick<Order, 'collectingCenterId'>): Route => (order.collectingCenterId ? 'firstMile' : 'direct');

/** The status a move leads to. */
export function targetOf(move: OrderMove): OrderStatus {
  const transition = ORDER_TRANSITIONS.find((candidate) => candidate.move === move);
  if (!transition) throw new Error(`no transition makes the move ${move}`);
  return transition.to;
}

/** The transition a move makes from the order's status on its route, or why it may not be made now. */
export function transitionOf(
  order: Pick<Order, 'status' | 'collectingCenterId'>,
  move: OrderMove,
): OrderTransition | IllegalTransitionError {
  const route = routeOf(order);
  const transition = ORDER_TRANSITIONS.find(
    (candidate) => candidate.move === move && candidate.from === order.status && candidate.routes.includes(route),
  );
  return transition ?? new IllegalTransitionError('ORDER', order.status, targetOf(move));
}

/** Null when the move applies to the order now; otherwise why not. */
export function checkOrderMove(order: Pick<Order, 'status' | 'collectingCenterId'>, move: OrderMove): IllegalTransitionError | null {
  const transition = transitionOf(order, move);
  return transition instanceof IllegalTransitionError ? transition : null;
}
