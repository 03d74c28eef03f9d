import { keys, listCondition, listKeys, queryAll, type Store, type TransactItem, writeAll } from '../db/index.js';
import { type Order, type Payment, type PickupState, type Settlement, type StatusChange, statusUpdate } from '../orders/index.js';
import { type OutboxMessage, outboxPut } from '../outbox/index.js';
import { type CenterLedgerEntry, paymentItem } from '../payments/index.js';

// Access pattern: the order arrives at the center: AT_CENTER, its pickup code's hash, and the buyer's SMS, in one transaction.
export async function writeArrival(
  store: Store,
  order: Order,
  change: StatusChange,
  pickup: PickupState,
  notice: OutboxMessage,
): Promise<'done' | 'stale'> {
  return writeAll(store, [statusUpdate(store, order, change, {}, { pickup }), outboxPut(store, notice, new Date(change.at))]);
}

// Access pattern: a new pickup code for an order at the center (the old one lost or expired), and the buyer's SMS.
export async function writeNewPickupCode(
  store: Store,
  order: Order,
  pickup: PickupState,
  notice: OutboxMessage,
): Promise<'done' | 'stale'> {
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
    outboxPut(store, notice, new Date()),
  ]);
}

// Access pattern: count a wrong pickup code, only on the state it was read in; the fifth locks the order and tells the buyer.
export async function writeWrongCode(
  store: Store,
  order: Order,
  next: PickupState,
  lockNotice: OutboxMessage | null,
): Promise<'done' | 'stale'> {
  const update = {
    TableName: store.tableName,
    Key: keys.order(order.code),
    UpdateExpression: 'SET pickup = :next',
    // The whole pickup state as it was read: a count or lock written meanwhile sends the caller back to read again.
    ConditionExpression: 'pickup = :seen',
    ExpressionAttributeValues: { ':next': next, ':seen': order.pickup! },
  };
  return writeAll(store, [{ Update: update }, ...(lockNotice ? [outboxPut(store, lockNotice, new Date())] : [])]);
}

// Access pattern: the handover: DELIVERED with its settlement, the cash payment when there is one, the books' lines and the buyer's SMS, in one transaction.
export async function writeDelivery(
  store: Store,
  order: Order,
  change: StatusChange,
  cash: Payment | null,
  settlement: Settlement,
  bookings: TransactItem[],
  notice: OutboxMessage,
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
    outboxPut(store, notice, new Date(change.at)),
  ]);
}

// Access pattern: a center's ledger lines between two moments (its own partition, sorted by time).
export async function listLedgerBetween(store: Store, centerId: string, from: string, to: string): Promise<CenterLedgerEntry[]> {
  return queryAll<CenterLedgerEntry>(store, listCondition(listKeys.centerLedger(centerId), { from, through: to }));
}
