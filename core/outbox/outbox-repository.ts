import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  getItem,
  isConditionFailure,
  keys,
  listKeys,
  OPEN_OUTBOX_SHARDS,
  type Page,
  type PageOptions,
  PHONE_OUTBOX_SHARDS,
  queryShards,
  readMergedPage,
  type Store,
  withoutKeys,
} from '../db/index.js';
import { outboxItem } from './outbox-item.js';
import type { OutboxMessage, OutboxStatus } from './outbox-message.js';

/** The Put of a new outbox message, for the transaction of the state change it tells about. */
export function outboxPut(store: Store, message: OutboxMessage, now: Date) {
  return {
    Put: {
      TableName: store.tableName,
      Item: outboxItem(message, now),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

// Access pattern: get an outbox message by id.
export async function getOutboxMessage(store: Store, id: string): Promise<OutboxMessage | null> {
  return getItem<OutboxMessage>(store, keys.outbox(id), { consistent: true });
}

// Access pattern: what a phone was sent, newest first (gsi1).
export async function listOutbox(
  store: Store,
  phone: string,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<OutboxMessage> | null> {
  const shards = Array.from({ length: PHONE_OUTBOX_SHARDS }, (_, shard) => listKeys.phoneOutbox(phone, shard));
  return readMergedPage<OutboxMessage>(store, shards, { ...page, backwards: true });
}

type Claim = { claimed: OutboxMessage } | { claimed: null; reason: 'done' | 'held' | 'missing' };

// Access pattern: take a message for sending, unless another sender holds it or it is done.
export async function claimOutboxMessage(store: Store, id: string, now: Date, leaseMs: number): Promise<Claim> {
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, updatedAt = :now ADD attempts :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'SENDING',
          ':pending': 'PENDING',
          ':lease': new Date(now.getTime() + leaseMs).toISOString(),
          ':now': now.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: withoutKeys<OutboxMessage>(Attributes ?? {}) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await getOutboxMessage(store, id);
    return { claimed: null, reason: !current ? 'missing' : current.status === 'SENDING' ? 'held' : 'done' };
  }
}

// Access pattern: messages not settled yet and older than a moment, oldest first (sparse gsi3, every shard).
export async function listOpenOutbox(store: Store, createdBefore: string, limit: number): Promise<OutboxMessage[]> {
  const shards = Array.from({ length: OPEN_OUTBOX_SHARDS }, (_, shard) => listKeys.openOutbox(shard));
  return queryShards<OutboxMessage>(store, shards, { before: createdBefore }, limit);
}

// Access pattern: settle a claimed message: SENT, SKIPPED or FAILED for good, or PENDING to be tried again.
export async function settleOutboxMessage(
  store: Store,
  id: string,
  status: Exclude<OutboxStatus, 'SENDING'>,
  details: { body?: string; providerId?: string; error?: string },
  now: Date,
): Promise<void> {
  const fields = Object.entries(details).filter(([, value]) => value !== undefined);
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.outbox(id),
      // A settled message leaves the sparse index of open ones; one to be tried again stays in it.
      UpdateExpression: `SET #status = :status, updatedAt = :now${fields.map(([name]) => `, #${name} = :${name}`).join('')} REMOVE leaseUntil${
        status === 'PENDING' ? '' : ', gsi3pk, gsi3sk, notification.pickupCode'
      }`,
      ConditionExpression: '#status = :sending',
      // Names go through placeholders: "error" is one of DynamoDB's reserved words.
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(fields.map(([name]) => [`#${name}`, name])) },
      ExpressionAttributeValues: {
        ':status': status,
        ':sending': 'SENDING',
        ':now': now.toISOString(),
        ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
      },
    }),
  );
}

/** Twilio's statuses in the order they happen; a late callback must not undo a later one. */
const DELIVERY_ORDER = ['accepted', 'queued', 'sending', 'sent', 'receiving', 'received', 'delivered', 'undelivered', 'failed', 'read'];

// Access pattern: record what the carrier reported about a sent message, never going back.
export async function recordDeliveryStatus(store: Store, id: string, deliveryStatus: string, now: Date): Promise<boolean> {
  const rank = DELIVERY_ORDER.indexOf(deliveryStatus);
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET deliveryStatus = :delivery, deliveryRank = :rank, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(deliveryRank) OR deliveryRank <= :rank)',
        ExpressionAttributeValues: { ':delivery': deliveryStatus, ':rank': rank, ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
