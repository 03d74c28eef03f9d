import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../core/common/errors.js';
import { ORDER_STATUSES, type OrderStatus, orderTransitions } from '../../core/common/order-state.js';
import { PAYMENT_STATUSES, type PaymentStatus, paymentTransitions } from '../../core/common/payment-state.js';
import { canTransition, checkTransition } from '../../core/common/state-machine.js';

const LEGAL_ORDER_MOVES = new Set([
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

describe('order state machine', () => {
  it.each(pairs(ORDER_STATUSES))('%s -> %s is legal exactly when the design says so', (from, to) => {
    const legal = LEGAL_ORDER_MOVES.has(`${from}>${to}`);
    expect(canTransition(orderTransitions, from as OrderStatus, to as OrderStatus)).toBe(legal);
    const error = checkTransition('ORDER', orderTransitions, from as OrderStatus, to as OrderStatus);
    if (legal) expect(error).toBeNull();
    else expect(error).toEqual(new IllegalTransitionError('ORDER', from, to));
  });

  it('has DELIVERED and CANCELLED as final states', () => {
    expect(orderTransitions.DELIVERED).toEqual([]);
    expect(orderTransitions.CANCELLED).toEqual([]);
  });
});

describe('payment state machine', () => {
  it.each(pairs(PAYMENT_STATUSES))('%s -> %s is legal exactly when the design says so', (from, to) => {
    const legal = LEGAL_PAYMENT_MOVES.has(`${from}>${to}`);
    expect(canTransition(paymentTransitions, from as PaymentStatus, to as PaymentStatus)).toBe(legal);
    expect(checkTransition('PAYMENT', paymentTransitions, from as PaymentStatus, to as PaymentStatus) === null).toBe(legal);
  });
});
