import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  expiresAt,
  getItem,
  indexKeys,
  isConditionFailure,
  keys,
  listKeys,
  type Page,
  type PageOptions,
  readMergedPage,
  type Store,
  WEBHOOK_DELIVERY_SHARDS,
  withoutKeys,
} from '../db/index.js';
import { type DeliveryAttempt, WEBHOOK_DELIVERY_TTL_SECONDS, type WebhookDelivery } from './webhook-delivery.js';

/** A delivery under its webhook-id, on its app's list (gsi1, sharded), until its TTL. */
export const deliveryItem = (delivery: WebhookDelivery) => ({
  ...keys.webhookDelivery(delivery.id),
  ...indexKeys.appDelivery(delivery.clientId, delivery.createdAt, delivery.id),
  type: 'WebhookDelivery',
  ...delivery,
  expiresAt: expiresAt(new Date(delivery.createdAt), WEBHOOK_DELIVERY_TTL_SECONDS),
});

// Access pattern: get a delivery by its webhook-id.
export async function getDelivery(store: Store, id: string): Promise<WebhookDelivery | null> {
  return getItem<WebhookDelivery>(store, keys.webhookDelivery(id), { consistent: true });
}

// Access pattern: record a new delivery, once: false when it is recorded already (a repeat of its event).
export async function putNewDelivery(store: Store, delivery: WebhookDelivery): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({ TableName: store.tableName, Item: deliveryItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// Access pattern: add an attempt to a delivery, only on the attempts and round it was read with (one sender records each attempt).
export async function recordAttempt(
  store: Store,
  seen: WebhookDelivery,
  attempt: DeliveryAttempt,
  nextAttemptAt: string | null,
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.webhookDelivery(seen.id),
        UpdateExpression: 'SET attempts = list_append(attempts, :attempt), #status = :status, nextAttemptAt = :next, updatedAt = :at',
        ConditionExpression: '#round = :round AND size(attempts) = :count',
        ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
        ExpressionAttributeValues: {
          ':attempt': [attempt],
          ':status': attempt.outcome,
          ':next': nextAttemptAt,
          ':at': attempt.at,
          ':round': seen.round,
          ':count': seen.attempts.length,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// Access pattern: start a new round of a delivery (a redelivery), only on the round it was read in.
export async function startRound(store: Store, seen: WebhookDelivery, at: string): Promise<WebhookDelivery | null> {
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.webhookDelivery(seen.id),
        UpdateExpression: 'SET #round = :next, #status = :pending, nextAttemptAt = :at, updatedAt = :at',
        ConditionExpression: '#round = :seen',
        ExpressionAttributeNames: { '#round': 'round', '#status': 'status' },
        ExpressionAttributeValues: { ':next': seen.round + 1, ':seen': seen.round, ':pending': 'PENDING', ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<WebhookDelivery>(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

// Access pattern: a page of an app's deliveries, newest first (gsi1, every shard).
export async function listDeliveries(
  store: Store,
  clientId: string,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<WebhookDelivery> | null> {
  const shards = Array.from({ length: WEBHOOK_DELIVERY_SHARDS }, (_, shard) => listKeys.appDeliveries(clientId, shard));
  return readMergedPage<WebhookDelivery>(store, shards, { ...page, backwards: true });
}
