import { keys } from '../db/index.js';
import type { Order, Payment } from '../orders/index.js';

// The items of an order's payment ledger as the table keeps them: key, type and attributes.
// The payments and delivery repositories write these, and the capacity model measures them.

/** A payment in its order's ledger. */
export const paymentItem = (payment: Payment) => ({ ...keys.payment(payment.orderCode, payment.reference), type: 'Payment', ...payment });

/** A refund in its order's ledger, apart from the payments. */
export const refundItem = (refund: Payment) => ({ ...keys.refund(refund.orderCode, refund.reference), type: 'Payment', ...refund });

/** A payment's (or refund's) reference, claimed once: unique at the provider for mobile money, within the center's book for cash. */
export const paymentReferenceItem = (order: Pick<Order, 'code' | 'centerId'>, payment: Pick<Payment, 'method' | 'reference'>) => ({
  ...(payment.method === 'CASH' ? keys.cashReference(order.centerId, payment.reference) : keys.mobileMoneyReference(payment.reference)),
  type: 'PaymentReference',
  orderCode: order.code,
});
