import { describePrincipal, phoneOf, type RequestContext } from '../access/index.js';
import { anyPlace, findProducts, getServiceCenter } from '../catalogue/index.js';
import {
  AmountMismatchError,
  BusinessError,
  checkTransition,
  cleanCode,
  cleanText,
  collect,
  InvalidInputError,
  type Money,
  NotFoundError,
  type PaymentMethod,
  PaymentPendingError,
  paymentTransitions,
  validateMoney,
} from '../common/index.js';
import { collectingPartner, getOrder, type Order, type Payment } from '../orders/index.js';
import { newOutboxMessage } from '../outbox/index.js';
import { type CenterLedgerEntry, centerLedgerPut } from './center-ledger.js';
import { getPayment, getRefund, listPayments, writePayment, writeRefund } from './payment-repository.js';
import { saleBookings } from './sale-books.js';

export interface RecordPaymentInput {
  orderCode: string;
  method: PaymentMethod;
  amount: Money;
  reference: string;
}

export interface RecordedPayment {
  payment: Payment;
  order: Order;
}

/** Admins and the partner of the order's center record payments: the partner collects the cash. */
/** Who records a payment of the order: an admin, the partner of its center, or nobody. */
async function recorder(ctx: RequestContext, order: Order): Promise<'admin' | 'partner' | null> {
  if (ctx.principal.kind === 'ADMIN') return 'admin';
  const phone = phoneOf(ctx.principal);
  if (!phone) return null;
  const center = await getServiceCenter(ctx.store, order.centerId);
  return center?.partnerPhone === phone ? 'partner' : null;
}

export async function recordPayment(ctx: RequestContext, input: RecordPaymentInput): Promise<RecordedPayment | BusinessError> {
  const valid = collect({
    amount: validateMoney('amount', input.amount),
    reference: cleanText('reference', input.reference, 64),
    orderCode: cleanCode('orderCode', input.orderCode),
  });
  if (valid instanceof BusinessError) return valid;
  const { orderCode } = valid;

  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await getOrder(ctx.store, orderCode);
    if (!order) return new NotFoundError('order', orderCode);
    // Like findOrder: an order the caller has nothing to do with looks as if it did not exist.
    const by = await recorder(ctx, order);
    if (!by) return new NotFoundError('order', orderCode);

    // The same reference again is the same payment: answer as the first time, change nothing.
    const existing = await getPayment(ctx.store, orderCode, valid.reference);
    if (existing) {
      if (existing.amount.amount !== valid.amount.amount || existing.amount.currency !== valid.amount.currency) {
        return new AmountMismatchError(existing.amount, valid.amount);
      }
      if (existing.method !== input.method) return new InvalidInputError('method', `${valid.reference} was recorded as ${existing.method}`);
      return { payment: existing, order };
    }

    if (order.status === 'CANCELLED') return new InvalidInputError('orderCode', `order ${orderCode} is cancelled`);
    // An M-Pesa request is out: its answer settles the order, not a second payment.
    if (order.paymentStatus === 'PENDING') return new PaymentPendingError(orderCode);
    const illegal = checkTransition('PAYMENT', paymentTransitions, order.paymentStatus, 'PAID');
    if (illegal) return illegal;
    if (valid.amount.amount !== order.total.amount || valid.amount.currency !== order.total.currency) {
      return new AmountMismatchError(order.total, valid.amount);
    }
    const payment: Payment = {
      orderCode,
      reference: valid.reference,
      method: input.method,
      amount: valid.amount,
      recordedAt: ctx.now().toISOString(),
      recordedBy: describePrincipal(ctx.principal),
    };
    // Cash the partner takes is in the center's books from now on, whenever the order is handed over.
    const cashLine: CenterLedgerEntry | null =
      payment.method === 'CASH' && by === 'partner'
        ? {
            centerId: order.centerId,
            orderCode,
            at: payment.recordedAt,
            kind: 'CASH',
            subtotal: 0,
            commission: 0,
            cashCollected: payment.amount.amount,
            currency: payment.amount.currency,
          }
        : null;
    const write = await writePayment(ctx.store, order, payment, cashLine);
    if (write.outcome === 'recorded') return { payment, order: { ...order, paymentStatus: 'PAID', updatedAt: payment.recordedAt } };
    if (write.outcome === 'reference-used' && write.orderCode !== orderCode) {
      return new InvalidInputError('reference', `${valid.reference} was already used for another order`);
    }
    // A concurrent write changed the order or recorded this very payment: look again.
  }
  throw new Error(`payment for order ${orderCode} kept conflicting`);
}

export async function paymentsOf(ctx: RequestContext, order: Order): Promise<Payment[]> {
  return listPayments(ctx.store, order.code);
}

/** Orders whose goods never left their seller's village: a refund cancels them and puts their stock back. */
const NOT_SHIPPED = ['PLACED', 'ACCEPTED', 'RECEIVED'];

/**
 * Gives a paid order's money back (PAID -> REFUNDED), by the method it was paid with: the whole
 * total, once. The partner of its center or an admin records it with the reference of the cash
 * receipt or the mobile-money reversal; the same reference again answers with the same refund.
 */
export async function refundOrder(
  ctx: RequestContext,
  input: { orderCode: string; reference: string },
): Promise<RecordedPayment | BusinessError> {
  const valid = collect({ reference: cleanText('reference', input.reference, 64), orderCode: cleanCode('orderCode', input.orderCode) });
  if (valid instanceof BusinessError) return valid;
  const { orderCode, reference } = valid;
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await getOrder(ctx.store, orderCode);
    if (!order) return new NotFoundError('order', orderCode);
    const by = await recorder(ctx, order);
    if (!by) return new NotFoundError('order', orderCode);
    const existing = await getRefund(ctx.store, orderCode, reference);
    // The order as the refund left it: it may have been read before the refund was written.
    if (existing) return { payment: existing, order: (await getOrder(ctx.store, orderCode)) ?? order };
    const illegal = checkTransition('PAYMENT', paymentTransitions, order.paymentStatus, 'REFUNDED');
    if (illegal) return illegal;
    const payments = await listPayments(ctx.store, orderCode);
    const paid = payments.find((payment) => payment.kind !== 'REFUND');
    if (!paid) throw new Error(`order ${orderCode} is PAID without a payment`);
    if (payments.some((payment) => payment.kind !== 'REFUND' && payment.reference === reference))
      return new InvalidInputError('reference', `${reference} is the reference of this order's payment, not of a refund`);
    const now = ctx.now();
    const at = now.toISOString();
    const refund: Payment = {
      kind: 'REFUND',
      orderCode,
      reference,
      method: paid.method,
      amount: paid.amount,
      recordedAt: at,
      recordedBy: describePrincipal(ctx.principal),
    };
    const cancel = NOT_SHIPPED.includes(order.status) ? { status: 'CANCELLED' as const, at, by: refund.recordedBy } : null;
    const products = cancel
      ? await findProducts(
          ctx,
          order.lines.map((line) => line.productId),
        )
      : [];
    // Goods already at a collecting center go back to the seller from there: its partner is told too.
    const collector = cancel && order.status === 'RECEIVED' ? await collectingPartner(ctx, order) : null;
    const notices = [...new Set([order.buyerPhone, order.sellerPhone, ...(collector ? [collector] : [])])].map((phone) =>
      newOutboxMessage(phone, { kind: 'REFUNDED', orderCode, amount: refund.amount }, now),
    );
    // Cash the partner took goes back from the center's till, and its books show it; cash an
    // administrator recorded was never in them. A handed-over order's sale is reversed in every book it entered.
    const fromTill = refund.method === 'CASH' && paid.recordedBy !== describePrincipal({ kind: 'ADMIN' });
    const cashBack = fromTill ? -refund.amount.amount : 0;
    const bookings = order.settlement
      ? saleBookings(ctx.store, order, order.settlement, { at, cashCollected: cashBack, sign: -1 })
      : fromTill
        ? [
            centerLedgerPut(ctx.store, {
              centerId: order.centerId,
              orderCode,
              at,
              kind: 'REFUND',
              subtotal: 0,
              commission: 0,
              cashCollected: cashBack,
              currency: refund.amount.currency,
            }),
          ]
        : [];
    const write = await writeRefund(ctx.store, {
      order,
      refund,
      cancel,
      restock: products.map((product) => (product ? anyPlace(product) : null)),
      bookings,
      notices,
    });
    const refunded: Order = { ...order, paymentStatus: 'REFUNDED', updatedAt: at };
    if (write.outcome === 'recorded') {
      return { payment: refund, order: cancel ? { ...refunded, status: 'CANCELLED', history: [...order.history, cancel] } : refunded };
    }
    if (write.outcome === 'reference-used' && write.orderCode !== orderCode) {
      return new InvalidInputError('reference', `${reference} was already used for another order`);
    }
    // Another refund or a handover changed the order meanwhile: look again.
  }
  throw new Error(`refund of order ${orderCode} kept conflicting`);
}
