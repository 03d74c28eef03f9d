import { stockUpdate } from '../catalogue/index.js';
import {
  failedCondition,
  getItem,
  keys,
  listCondition,
  listKeys,
  queryAll,
  type Store,
  type TransactItem,
  type TransactionOutcome,
  transact,
} from '../db/index.js';
import { firstMileTaskDelete, type Order, openMobileMoneyDelete, type Payment, type StatusChange, statusUpdate } from '../orders/index.js';
import { type CenterLedgerEntry, centerLedgerPut } from './center-ledger.js';
import { paymentItem, paymentReferenceItem, refundItem } from './payment-items.js';

/** The Put that claims a payment's (or a refund's) reference once, answering with the order that holds it when it is taken. */
function referenceClaim(store: Store, order: Order, payment: Payment) {
  return {
    Put: {
      TableName: store.tableName,
      Item: paymentReferenceItem(order, payment),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

type PaymentWrite = { outcome: 'recorded' } | { outcome: 'reference-used'; orderCode: string } | { outcome: 'stale' };

/**
 * What a payment's or a refund's transaction came to: its reference (the second item) claimed by an
 * order, or 'stale' when the order changed meanwhile or another transaction wrote it at the same moment: read again.
 */
function paymentWriteOf(result: TransactionOutcome): PaymentWrite {
  if (result.outcome === 'done') return { outcome: 'recorded' };
  if (result.outcome === 'failed' && failedCondition(result.failures, 1)) {
    return { outcome: 'reference-used', orderCode: String(result.failures[1]?.item?.orderCode) };
  }
  return { outcome: 'stale' };
}

// Access pattern: a payment in the order's ledger, its provider reference claimed, the order marked PAID: one transaction.
export async function writePayment(
  store: Store,
  order: Order,
  payment: Payment,
  cashLine: CenterLedgerEntry | null,
): Promise<PaymentWrite> {
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: paymentItem(payment),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      referenceClaim(store, order, payment),
      ...(order.paymentMethod === 'MOBILE_MONEY' ? [openMobileMoneyDelete(store, order)] : []),
      ...(cashLine ? [centerLedgerPut(store, cashLine)] : []),
      // Last: a failure of the last item is the order changed meanwhile.
      {
        Update: {
          TableName: store.tableName,
          Key: keys.order(order.code),
          UpdateExpression: 'SET paymentStatus = :paid, updatedAt = :at ADD revision :one',
          ConditionExpression: 'paymentStatus = :from AND #status = :status AND #total.amount = :amount AND #total.currency = :currency',
          ExpressionAttributeNames: { '#status': 'status', '#total': 'total' },
          ExpressionAttributeValues: {
            ':paid': 'PAID',
            ':from': order.paymentStatus,
            ':status': order.status,
            ':amount': payment.amount.amount,
            ':currency': payment.amount.currency,
            ':at': payment.recordedAt,
            ':one': 1,
          },
        },
      },
    ],
    null,
  );
  // Not the payment, its reference or the order but the center's cash line: it was there already, which no race explains.
  if (result.outcome === 'failed' && ![0, 1, result.failures.length - 1].some((index) => failedCondition(result.failures, index))) {
    throw new Error(`payment ${payment.reference} of order ${order.code} failed the condition of a book's line`);
  }
  return paymentWriteOf(result);
}

// Access pattern: one payment of an order's ledger, by its reference.
export async function getPayment(store: Store, orderCode: string, reference: string): Promise<Payment | null> {
  return getItem<Payment>(store, keys.payment(orderCode, reference), { consistent: true });
}

// Access pattern: an order's payment ledger, oldest first.
export async function listPayments(store: Store, orderCode: string): Promise<Payment[]> {
  const payments = await queryAll<Payment>(store, listCondition(listKeys.orderPayments(orderCode)));
  return payments.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

interface RefundWrite {
  order: Order;
  refund: Payment;
  /** The order's new status and its history entry, when the refund also cancels it (it never shipped). */
  cancel: StatusChange | null;
  /** Where each line's stock goes back, when the order is cancelled: its product's item (null) or a shard. */
  restock: (number | null)[];
  /** The books' lines: the cash given back from a center's till, or the reverse of a handed-over order's sale. */
  bookings: TransactItem[];
}

// Access pattern: a refund in the order's ledger, its reference claimed, the order REFUNDED (and
// cancelled and restocked if it never shipped), and the books' lines:
// one transaction, whose conditions make a second refund of the order impossible.
export async function writeRefund(store: Store, write: RefundWrite): Promise<PaymentWrite> {
  const { order, refund } = write;
  const orderUpdate = write.cancel
    ? statusUpdate(store, order, write.cancel, { paymentStatus: true }, { paymentStatus: 'REFUNDED' })
    : {
        Update: {
          TableName: store.tableName,
          Key: keys.order(order.code),
          UpdateExpression: 'SET paymentStatus = :refunded, updatedAt = :at ADD revision :one',
          ConditionExpression: 'paymentStatus = :paid AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':refunded': 'REFUNDED',
            ':paid': 'PAID',
            ':status': order.status,
            ':at': refund.recordedAt,
            ':one': 1,
          },
        },
      };
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: refundItem(refund),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      referenceClaim(store, order, refund),
      orderUpdate,
      ...(write.cancel
        ? order.lines.map((line, i) =>
            stockUpdate(store, { villageId: order.sellerVillageId, code: line.productCode }, write.restock[i] ?? null, line.quantity, null),
          )
        : []),
      ...(write.cancel ? firstMileTaskDelete(store, order) : []),
      ...write.bookings,
    ],
    null,
  );
  return paymentWriteOf(result);
}

// Access pattern: an order's refund, by its reference.
export async function getRefund(store: Store, orderCode: string, reference: string): Promise<Payment | null> {
  return getItem<Payment>(store, keys.refund(orderCode, reference), { consistent: true });
}
