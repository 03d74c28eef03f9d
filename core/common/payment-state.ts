import type { Transitions } from './state-machine.js';

export const PAYMENT_STATUSES = ['UNPAID', 'PENDING', 'PAID', 'REFUNDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ['CASH', 'MOBILE_MONEY'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** PENDING is a mobile-money request in flight; it falls back to UNPAID when the payer declines. */
export const paymentTransitions: Transitions<PaymentStatus> = {
  UNPAID: ['PENDING', 'PAID'],
  PENDING: ['PAID', 'UNPAID'],
  PAID: ['REFUNDED'],
  REFUNDED: [],
};
