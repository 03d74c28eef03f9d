import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt, keys, listCondition, listKeys, queryAll, type Store, type TransactItem, writeAll } from '../db/index.js';
import { type Order, type Payment, type PickupState, type Settlement, type StatusChange, statusUpdate } from '../orders/index.js';
import { type PendingNotification, pendingNotification } from '../outbox/index.js';
import { type CenterLedgerEntry, paymentItem } from '../payments/index.js';

/** A new pickup code, in the clear only until the buyer's SMS is sent (the sender deletes it; its TTL is the code's expiry). */
export interface PickupNotice {
  orderCode: string;
  to: string;
  centerId: string;
  pickupCode: string;
  /** When the code stops working (the order's pickup.expiresAt). */
  validUntil: string;
}

/** The item the table's stream tells the buyer's SMS from. */
export const pickupNoticeItem = (notice: PickupNotice) => ({
  ...keys.pickupNotice(notice.orderCode, notice.validUntil),
  type: 'PickupNotice',
  ...notice,
  expiresAt: expiresAt(new Date(notice.validUntil), 0),
});

const pickupNoticePut = (store: Store, notice: PickupNotice) => ({
  Put: { TableName: store.tableName, Item: pickupNoticeItem(notice), ConditionExpression: 'attribute_not_exists(pk)' },
});

// Access pattern: the order arrives at the center: AT_CENTER, its pickup code's hash, and the code for the buyer's SMS, in one transaction.
export async function writeArrival(
  store: Store,
  order: Order,
  change: StatusChange,
  pickup: PickupState,
  notice: PickupNotice,
): Promise<'done' | 'stale'> {
  return writeAll(store, [statusUpdate(store, order, change, {}, { pickup }), pickupNoticePut(store, notice)]);
}

// Access pattern: a new pickup code for an order at the center (the old one lost or expired), and the code for the buyer's SMS.
export async function writeNewPickupCode(store: Store, order: Order, pickup: PickupState, notice: PickupNotice): Promise<'done' | 'stale'> {
  return writeAll(store, [
    {
      Update: {
        TableName: store.tableName,
        Key: keys.order(order.code),
        UpdateExpression: 'SET pickup = :next',
        ConditionExpression: '#status = :atCenter AND pickup = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':next': pickup, ':seen': order.pickup!, ':atCenter': 'AT_CENTER' },
      },
    },
    pickupNoticePut(store, notice),
  ]);
}

// Access pattern: count a wrong pickup code, only on the state it was read in; the fifth locks the order.
export async function writeWrongCode(store: Store, order: Order, next: PickupState): Promise<'done' | 'stale'> {
  const update = {
    TableName: store.tableName,
    Key: keys.order(order.code),
    UpdateExpression: 'SET pickup = :next',
    // The whole pickup state as it was read: a count or lock written meanwhile sends the caller back to read again.
    ConditionExpression: 'pickup = :seen',
    ExpressionAttributeValues: { ':next': next, ':seen': order.pickup! },
  };
  return writeAll(store, [{ Update: update }]);
}

// Access pattern: the handover: DELIVERED with its settlement, the cash payment when there is one and the books' lines, in one transaction.
export async function writeDelivery(
  store: Store,
  order: Order,
  change: StatusChange,
  cash: Payment | null,
  settlement: Settlement,
  bookings: TransactItem[],
): Promise<'done' | 'stale'> {
  return writeAll(store, [
    statusUpdate(store, order, change, { paymentStatus: true, pickup: true }, { settlement, ...(cash ? { paymentStatus: 'PAID' } : {}) }),
    ...(cash
      ? [
          {
            Put: {
              TableName: store.tableName,
              Item: paymentItem(cash),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    ...bookings,
  ]);
}

// Access pattern: a center's ledger lines between two moments (its own partition, sorted by time).
export async function listLedgerBetween(store: Store, centerId: string, from: string, to: string): Promise<CenterLedgerEntry[]> {
  return queryAll<CenterLedgerEntry>(store, listCondition(listKeys.centerLedger(centerId), { from, through: to }));
}

// Access pattern: delete a pickup code's clear copy once the buyer's SMS is sent.
export async function forgetPickupNotice(store: Store, orderCode: string, validUntil: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.pickupNotice(orderCode, validUntil) }));
}

/** The buyer's SMS with the code: told from the stream's new PickupNotice item. */
export function pickupCodeNotice(notice: PickupNotice): PendingNotification {
  const { orderCode, centerId, pickupCode, validUntil } = notice;
  return pendingNotification(notice.to, { kind: 'PICKUP_CODE', orderCode, centerId, pickupCode, expiresAt: validUntil });
}
