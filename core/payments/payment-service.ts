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
import type { TransactItem } from '../db/index.js';
import { getOrder, type Order, type Payment, type StatusChange } from '../orders/index.js';
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

/** Who records a payment of the order: an admin, the partner of its center (who collects the cash), or nobody. */
async function recorder(ctx: RequestContext, order: Order): Promise<'admin' | 'partner' | null> {
  if (ctx.principal.kind === 'ADMIN') return 'admin';
  const phone = phoneOf(ctx.principal);
  if (!phone) return null;
  const center = await getServiceCenter(ctx.store, order.centerId);
  return center?.partnerPhone === phone ? 'partner' : null;
}

/** A payment already recorded under the reference: the same payment again answers as the first time did, another is refused. */
function samePaymentAgain(
  existing: Payment,
  asked: { amount: Money; method: PaymentMethod },
  order: Order,
): RecordedPayment | BusinessError {
  if (existing.amount.amount !== asked.amount.amount || existing.amount.currency !== asked.amount.currency) {
    return new AmountMismatchError(existing.amount, asked.amount);
  }
  if (existing.method !== asked.method) return new InvalidInputError('method', `${existing.reference} was recorded as ${existing.method}`);
  return { payment: existing, order };
}

/** Why the order takes no payment of this amount now; null when it does. */
function notPayable(order: Order, amount: Money): BusinessError | null {
  if (order.status === 'CANCELLED') return new InvalidInputError('orderCode', `order ${order.code} is cancelled`);
  // An M-Pesa request is out: its answer settles the order, not a second payment.
  if (order.paymentStatus === 'PENDING') return new PaymentPendingError(order.code);
  const illegal = checkTransition('PAYMENT', paymentTransitions, order.paymentStatus, 'PAID');
  if (illegal) return illegal;
  if (amount.amount !== order.total.amount || amount.currency !== order.total.currency) {
    return new AmountMismatchError(order.total, amount);
  }
  return null;
}

/** Cash the partner takes is in the center's books from now on, whenever the order is handed over. */
function partnerCashLine(order: Order, payment: Payment, by: 'admin' | 'partner'): CenterLedgerEntry | null {
  return payment.method === 'CASH' && by === 'partner'
    ? {
        centerId: order.centerId,
        orderCode: order.code,
        at: payment.recordedAt,
        kind: 'CASH',
        subtotal: 0,
        commission: 0,
        cashCollected: payment.amount.amount,
        currency: payment.amount.currency,
      }
    : null;
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
    if (existing) return samePaymentAgain(existing, { amount: valid.amount, method: input.method }, order);
    const refused = notPayable(order, valid.amount);
    if (refused) return refused;
    const payment: Payment = {
      orderCode,
      reference: valid.reference,
      method: input.method,
      amount: valid.amount,
      recordedAt: ctx.now().toISOString(),
      recordedBy: describePrincipal(ctx.principal),
    };
    const write = await writePayment(ctx.store, order, payment, partnerCashLine(order, payment, by));
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

/** The refund of the order's payment under the given reference: its whole amount, by the method it was paid with. */
async function refundOfPayment(
  ctx: RequestContext,
  order: Order,
  reference: string,
  at: string,
): Promise<{ paid: Payment; refund: Payment } | BusinessError> {
  const payments = await listPayments(ctx.store, order.code);
  const paid = payments.find((payment) => payment.kind !== 'REFUND');
  if (!paid) throw new Error(`order ${order.code} is PAID without a payment`);
  if (payments.some((payment) => payment.kind !== 'REFUND' && payment.reference === reference))
    return new InvalidInputError('reference', `${reference} is the reference of this order's payment, not of a refund`);
  const refund: Payment = {
    kind: 'REFUND',
    orderCode: order.code,
    reference,
    method: paid.method,
    amount: paid.amount,
    recordedAt: at,
    recordedBy: describePrincipal(ctx.principal),
  };
  return { paid, refund };
}

/** Where each line's stock goes back when the refund cancels the order: its product's item (null) or a shard. */
async function restockPlaces(ctx: RequestContext, order: Order, cancel: StatusChange | null): Promise<(number | null)[]> {
  const products = cancel
    ? await findProducts(
        ctx,
        order.lines.map((line) => line.productId),
      )
    : [];
  return products.map((product) => (product ? anyPlace(product) : null));
}

/**
 * The books' lines of a refund. Cash the partner took goes back from the center's till, and its books
 * show it; cash an administrator recorded was never in them. A handed-over order's sale is reversed in
 * every book it entered.
 */
function refundBookings(ctx: RequestContext, order: Order, paid: Payment, refund: Payment): TransactItem[] {
  const at = refund.recordedAt;
  const fromTill = refund.method === 'CASH' && paid.recordedBy !== describePrincipal({ kind: 'ADMIN' });
  const cashBack = fromTill ? -refund.amount.amount : 0;
  return order.settlement
    ? saleBookings(ctx.store, order, order.settlement, { at, cashCollected: cashBack, sign: -1 })
    : fromTill
      ? [
          centerLedgerPut(ctx.store, {
            centerId: order.centerId,
            orderCode: order.code,
            at,
            kind: 'REFUND',
            subtotal: 0,
            commission: 0,
            cashCollected: cashBack,
            currency: refund.amount.currency,
          }),
        ]
      : [];
}

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
    const now = ctx.now();
    const at = now.toISOString();
    const planned = await refundOfPayment(ctx, order, reference, at);
    if (planned instanceof BusinessError) return planned;
    const { paid, refund } = planned;
    const cancel = NOT_SHIPPED.includes(order.status) ? { status: 'CANCELLED' as const, at, by: refund.recordedBy } : null;
    const write = await writeRefund(ctx.store, {
      order,
      refund,
      cancel,
      restock: await restockPlaces(ctx, order, cancel),
      bookings: refundBookings(ctx, order, paid, refund),
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
