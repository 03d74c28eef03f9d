import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { staleOrThrow } from './dynamo-errors.js';
import { keys } from './keys.js';
import type { Order, Payment, StatusChange } from './order.js';
import type { OutboxMessage } from './outbox.js';
import { outboxPut } from './outbox-repository.js';
import type { PickupState } from './pickup.js';
import type { Store } from './store.js';

/** A line of a center's books: one handed-over order, its commission and the cash taken. */
export interface CenterLedgerEntry {
  centerId: string;
  orderCode: string;
  at: string;
  subtotal: number;
  commission: number;
  cashCollected: number;
  currency: string;
}

const toSet = (order: Order, change: StatusChange) => ({
  ':to': change.status,
  ':from': order.status,
  ':at': change.at,
  ':change': [change],
});

// Access pattern: the order arrives at the center: AT_CENTER, its pickup code's hash, and the buyer's SMS, in one transaction.
export async function writeArrival(store: Store, order: Order, change: StatusChange, pickup: PickupState, notice: OutboxMessage): Promise<'done' | 'stale'> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: keys.order(order.code),
              UpdateExpression: 'SET #status = :to, updatedAt = :at, history = list_append(history, :change), pickup = :pickup',
              ConditionExpression: '#status = :from',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ...toSet(order, change), ':pickup': pickup },
            },
          },
          outboxPut(store, notice, new Date(change.at)),
        ],
      }),
    );
    return 'done';
  } catch (error) {
    return staleOrThrow(error);
  }
}

// Access pattern: a new pickup code for an order at the center (the old one lost or expired), and the buyer's SMS.
export async function writeNewPickupCode(store: Store, order: Order, pickup: PickupState, notice: OutboxMessage): Promise<'done' | 'stale'> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
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
        ],
      }),
    );
    return 'done';
  } catch (error) {
    return staleOrThrow(error);
  }
}

// Access pattern: count a wrong pickup code, only on the state it was read in; the fifth locks the order and tells the buyer.
export async function writeWrongCode(store: Store, order: Order, next: PickupState, lockNotice: OutboxMessage | null): Promise<'done' | 'stale'> {
  const update = {
    TableName: store.tableName,
    Key: keys.order(order.code),
    UpdateExpression: 'SET pickup = :next',
    // The whole pickup state as it was read: a count or lock written meanwhile sends the caller back to read again.
    ConditionExpression: 'pickup = :seen',
    ExpressionAttributeValues: { ':next': next, ':seen': order.pickup! },
  };
  try {
    if (lockNotice) {
      await store.doc.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, outboxPut(store, lockNotice, new Date())] }));
    } else {
      await store.doc.send(new UpdateCommand(update));
    }
    return 'done';
  } catch (error) {
    return staleOrThrow(error);
  }
}

// Access pattern: the handover: DELIVERED, the cash payment when there is one, the center's ledger line and the buyer's SMS, in one transaction.
export async function writeDelivery(
  store: Store,
  order: Order,
  change: StatusChange,
  cash: Payment | null,
  entry: CenterLedgerEntry,
  notice: OutboxMessage,
): Promise<'done' | 'stale'> {
  const paid = cash !== null;
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: keys.order(order.code),
              UpdateExpression: `SET #status = :to, updatedAt = :at, history = list_append(history, :change)${paid ? ', paymentStatus = :paid' : ''}`,
              ConditionExpression: '#status = :from AND paymentStatus = :payment AND pickup = :pickup',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ...toSet(order, change),
                ':payment': order.paymentStatus,
                ':pickup': order.pickup!,
                ...(paid ? { ':paid': 'PAID' } : {}),
              },
            },
          },
          ...(cash
            ? [
                {
                  Put: {
                    TableName: store.tableName,
                    Item: { ...keys.payment(order.code, cash.reference), type: 'Payment', ...cash },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : []),
          {
            Put: {
              TableName: store.tableName,
              Item: { ...keys.centerLedger(entry.centerId, entry.at, entry.orderCode), type: 'CenterLedger', ...entry },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          outboxPut(store, notice, new Date(change.at)),
        ],
      }),
    );
    return 'done';
  } catch (error) {
    return staleOrThrow(error);
  }
}
