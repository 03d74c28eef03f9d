import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import {
  getItem,
  keys,
  listKeys,
  OPEN_MOBILE_MONEY_SHARDS,
  queryShards,
  type Store,
  type TransactItem,
  transactRetrying,
} from '../db/index.js';
import { type Order, openMobileMoneyDelete, type Payment } from '../orders/index.js';
import { paymentItem, paymentReferenceItem } from './payment-items.js';

export interface MpesaRequest {
  checkoutRequestId: string;
  orderCode: string;
  /** Whole major units, as M-Pesa counts. */
  amount: number;
  status: 'PENDING' | 'PAID' | 'FAILED' | 'AMOUNT_MISMATCH';
  requestedAt: string;
}

/** An STK push request as the table keeps it, by its CheckoutRequestID. */
export const mpesaRequestItem = (request: MpesaRequest) => ({
  ...keys.mpesaRequest(request.checkoutRequestId),
  type: 'MpesaRequest',
  ...request,
});

/**
 * Moves an order's mobile-money payment on from the state its conditions expect: 'stale' when it is
 * in another. A transaction that lost a race wrote nothing and is tried again as it is; answered
 * 'stale', it would leave M-Pesa's word on a payment unrecorded.
 */
async function writeExpected(store: Store, items: TransactItem[]): Promise<'done' | 'stale'> {
  return (await transactRetrying(store, items, null)).outcome === 'done' ? 'done' : 'stale';
}

// Access pattern: an STK push went out: the request by its CheckoutRequestID, and the order PENDING, in one transaction.
export async function writeMpesaRequested(store: Store, order: Order, request: MpesaRequest): Promise<'done' | 'stale'> {
  return writeExpected(store, [
    {
      Put: {
        TableName: store.tableName,
        Item: mpesaRequestItem(request),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: store.tableName,
        Key: keys.order(order.code),
        UpdateExpression: 'SET paymentStatus = :pending, mpesaCheckoutId = :id, updatedAt = :at ADD revision :one',
        ConditionExpression: 'paymentStatus = :unpaid AND #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'PENDING',
          ':unpaid': 'UNPAID',
          ':id': request.checkoutRequestId,
          ':at': request.requestedAt,
          ':status': order.status,
          ':one': 1,
        },
      },
    },
  ]);
}

// Access pattern: get an STK push request by its CheckoutRequestID.
export async function getMpesaRequest(store: Store, checkoutRequestId: string): Promise<MpesaRequest | null> {
  return getItem<MpesaRequest>(store, keys.mpesaRequest(checkoutRequestId), { consistent: true });
}

const settleRequest = (store: Store, request: MpesaRequest, status: MpesaRequest['status']) => ({
  Update: {
    TableName: store.tableName,
    Key: keys.mpesaRequest(request.checkoutRequestId),
    UpdateExpression: 'SET #status = :status',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status, ':pending': 'PENDING' },
  },
});

// Access pattern: M-Pesa says paid: the request settled, the ledger entry, the receipt claimed once, the order PAID, in one transaction.
export async function writeMpesaPaid(store: Store, order: Order, request: MpesaRequest, payment: Payment): Promise<'done' | 'stale'> {
  return writeExpected(store, [
    settleRequest(store, request, 'PAID'),
    {
      Put: {
        TableName: store.tableName,
        Item: paymentItem(payment),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: store.tableName,
        Item: paymentReferenceItem(order, payment),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: store.tableName,
        Key: keys.order(order.code),
        UpdateExpression: 'SET paymentStatus = :paid, updatedAt = :at REMOVE mpesaCheckoutId ADD revision :one',
        ConditionExpression: 'paymentStatus = :pending AND mpesaCheckoutId = :id',
        ExpressionAttributeValues: {
          ':paid': 'PAID',
          ':pending': 'PENDING',
          ':id': request.checkoutRequestId,
          ':at': payment.recordedAt,
          ':one': 1,
        },
      },
    },
    openMobileMoneyDelete(store, order),
  ]);
}

// Access pattern: M-Pesa says not paid (or paid the wrong amount): the request settled, the order UNPAID again, the buyer told.
export async function writeMpesaNotPaid(
  store: Store,
  order: Order,
  request: MpesaRequest,
  status: 'FAILED' | 'AMOUNT_MISMATCH',
  /** What the buyer is told: M-Pesa's result code, or 'amount'. */
  reason: string,
  now: Date,
): Promise<'done' | 'stale'> {
  return writeExpected(store, [
    settleRequest(store, request, status),
    {
      Update: {
        TableName: store.tableName,
        Key: keys.order(order.code),
        UpdateExpression: 'SET paymentStatus = :unpaid, paymentFailure = :reason, updatedAt = :at REMOVE mpesaCheckoutId ADD revision :one',
        ConditionExpression: 'paymentStatus = :pending AND mpesaCheckoutId = :id',
        ExpressionAttributeValues: {
          ':unpaid': 'UNPAID',
          ':pending': 'PENDING',
          ':id': request.checkoutRequestId,
          ':reason': reason,
          ':at': now.toISOString(),
          ':one': 1,
        },
      },
    },
  ]);
}

// Access pattern: take an order off the list of unpaid mobile-money orders.
export async function forgetOpenMobileMoney(store: Store, order: Order): Promise<void> {
  await store.doc.send(new DeleteCommand(openMobileMoneyDelete(store, order).Delete));
}

// Access pattern: unpaid mobile-money orders placed before a moment, oldest first (every shard).
export async function listOpenMobileMoney(store: Store, placedBefore: string, limit: number): Promise<string[]> {
  const shards = Array.from({ length: OPEN_MOBILE_MONEY_SHARDS }, (_, shard) => listKeys.openMobileMoney(shard));
  const items = await queryShards<{ orderCode: string }>(store, shards, { before: placedBefore }, limit);
  return items.map((item) => item.orderCode);
}
