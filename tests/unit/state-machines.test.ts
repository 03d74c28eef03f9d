import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../core/common/errors.js';
import { ORDER_STATUSES } from '../../core/common/order-state.js';
import { PAYMENT_STATUSES, type PaymentStatus, paymentTransitions } from '../../core/common/payment-state.js';
import { canTransition, checkTransition } from '../../core/common/state-machine.js';
import {
  checkOrderMove,
  ORDER_TRANSITIONS,
  type OrderMove,
  type Route,
  routeOf,
  targetOf,
  transitionOf,
} from '../../core/orders/order-state-machine.js';

const MOVES: OrderMove[] = [
  'acceptOrder',
  'receiveOrder',
  'shipOrder',
  'cancelOrder',
  'cancelUnpaidOrder',
  'markArrived',
  'confirmDelivery',
];
const ROUTES: Route[] = ['direct', 'firstMile'];

/** The design: the moves each route allows from each status. */
const LEGAL_ORDER_MOVES: Record<Route, Set<string>> = {
  direct: new Set([
    'PLACED acceptOrder',
    'PLACED cancelOrder',
    'PLACED cancelUnpaidOrder',
    'ACCEPTED shipOrder',
    'ACCEPTED cancelOrder',
    'ACCEPTED cancelUnpaidOrder',
    'SHIPPED markArrived',
    'AT_CENTER confirmDelivery',
  ]),
  firstMile: new Set([
    'PLACED acceptOrder',
    'PLACED cancelOrder',
    'PLACED cancelUnpaidOrder',
    'ACCEPTED receiveOrder',
    'ACCEPTED cancelOrder',
    'ACCEPTED cancelUnpaidOrder',
    'RECEIVED shipOrder',
    'RECEIVED cancelOrder',
    'RECEIVED cancelUnpaidOrder',
    'SHIPPED markArrived',
    'AT_CENTER confirmDelivery',
  ]),
};
/** The statuses an order may go between, whatever the route and the move. */
const LEGAL_ORDER_STEPS = new Set([
  'PLACED>ACCEPTED',
  'PLACED>CANCELLED',
  'ACCEPTED>RECEIVED',
  'ACCEPTED>SHIPPED',
  'ACCEPTED>CANCELLED',
  'RECEIVED>SHIPPED',
  'RECEIVED>CANCELLED',
  'SHIPPED>AT_CENTER',
  'AT_CENTER>DELIVERED',
]);
const LEGAL_PAYMENT_MOVES = new Set(['UNPAID>PENDING', 'UNPAID>PAID', 'PENDING>PAID', 'PENDING>UNPAID', 'PAID>REFUNDED']);

const pairs = <S extends string>(states: readonly S[]) => states.flatMap((from) => states.map((to) => [from, to] as const));
const orderOn = (route: Route, status: (typeof ORDER_STATUSES)[number]) => ({
  status,
  ...(route === 'firstMile' ? { collectingCenterId: 'C2' } : {}),
});

describe('order state machine', () => {
  const cases = ROUTES.flatMap((route) => ORDER_STATUSES.flatMap((status) => MOVES.map((move) => [route, status, move] as const)));
  it.each(cases)('on the %s route, from %s, %s is legal exactly when the design says so', (route, status, move) => {
    const order = orderOn(route, status);
    expect(routeOf(order)).toBe(route);
    const legal = LEGAL_ORDER_MOVES[route].has(`${status} ${move}`);
    const error = checkOrderMove(order, move);
    if (legal) expect(error).toBeNull();
    else expect(error).toEqual(new IllegalTransitionError('ORDER', status, targetOf(move)));
  });

  it('goes between exactly the statuses the design names, each move to one status', () => {
    expect(new Set(ORDER_TRANSITIONS.map((transition) => `${transition.from}>${transition.to}`))).toEqual(LEGAL_ORDER_STEPS);
    for (const move of MOVES) {
      expect(new Set(ORDER_TRANSITIONS.filter((transition) => transition.move === move).map((transition) => transition.to)).size).toBe(1);
    }
  });

  it('has DELIVERED and CANCELLED as final states', () => {
    expect(ORDER_TRANSITIONS.filter((transition) => transition.from === 'DELIVERED' || transition.from === 'CANCELLED')).toEqual([]);
  });

  it('has one transition at most for a move from a status on a route', () => {
    for (const route of ROUTES) {
      const keys = ORDER_TRANSITIONS.filter((transition) => transition.routes.includes(route)).map((t) => `${t.from} ${t.move}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('tells the buyer of every step, and the seller of a drop-off and of a cancellation only', () => {
    expect(ORDER_TRANSITIONS.filter((transition) => !transition.tells.includes('buyer'))).toEqual([]);
    const sellerHears = new Set(ORDER_TRANSITIONS.filter((transition) => transition.tells.includes('seller')).map((t) => t.to));
    expect(sellerHears).toEqual(new Set(['RECEIVED', 'CANCELLED']));
  });

  it('gives the collecting partner a say, and news, only once the goods are with them', () => {
    const collectors = ORDER_TRANSITIONS.filter((t) => t.by.includes('collector') || t.tells.includes('collector'));
    expect(collectors.map((t) => `${t.from} ${t.move}`).sort()).toEqual([
      'ACCEPTED receiveOrder',
      'RECEIVED cancelOrder',
      'RECEIVED cancelUnpaidOrder',
      'RECEIVED shipOrder',
    ]);
    expect(collectors.every((t) => t.routes.length === 1 && t.routes[0] === 'firstMile')).toBe(true);
  });

  it('leaves only the expiry sweep, an administrator, to cancel an unpaid order, and it says why', () => {
    for (const status of ['PLACED', 'ACCEPTED', 'RECEIVED'] as const) {
      const transition = transitionOf(orderOn('firstMile', status), 'cancelUnpaidOrder');
      expect(transition).toMatchObject({ to: 'CANCELLED', by: ['admin'], reason: 'UNPAID' });
    }
  });
});

describe('payment state machine', () => {
  it.each(pairs(PAYMENT_STATUSES))('%s -> %s is legal exactly when the design says so', (from, to) => {
    const legal = LEGAL_PAYMENT_MOVES.has(`${from}>${to}`);
    expect(canTransition(paymentTransitions, from as PaymentStatus, to as PaymentStatus)).toBe(legal);
    expect(checkTransition('PAYMENT', paymentTransitions, from as PaymentStatus, to as PaymentStatus) === null).toBe(legal);
  });
});
