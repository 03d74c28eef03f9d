import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  getItem,
  getItems,
  isConditionFailure,
  keys,
  listKeys,
  type Page,
  type PageOptions,
  PHONE_OUTBOX_SHARDS,
  readMergedPage,
  type Store,
} from '../db/index.js';
import { outboxItem } from './outbox-item.js';
import type { OutboxMessage, PendingNotification } from './outbox-message.js';

// Access pattern: put the record of a notification once, when it was sent or will not be; false when it was there already.
export async function recordOutcome(store: Store, message: OutboxMessage, now: Date): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({ TableName: store.tableName, Item: outboxItem(message, now), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
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

/** A member record's language and STOP, as the sender reads them. */
export interface Recipient {
  language: string | null;
  notifications: boolean;
}

/** What sending a page of notifications needs to know first. */
export interface SendingReads {
  /** The ids of the notifications recorded already: sent (or settled) before. */
  recorded: Set<string>;
  /** What each recipient's member record says of their messages, where they have one. */
  members: Map<string, Recipient>;
  /** The names of the centers the notifications name. */
  centerNames: Map<string, string>;
}

// Access pattern: one BatchGetItem (eventually consistent) for a page of notifications: their records, their phones' member records and the centers they name.
export async function readForSending(store: Store, pending: PendingNotification[]): Promise<SendingReads> {
  const phones = [...new Set(pending.map((notice) => notice.to))];
  const centers = [...new Set(pending.flatMap(({ notification }) => ('centerId' in notification ? [notification.centerId] : [])))];
  const items = await getItems<Record<string, unknown>>(
    store,
    [
      ...pending.map((notice) => keys.outbox(notice.id)),
      ...phones.map((phone) => keys.member(phone)),
      ...centers.map((id) => keys.center(id)),
    ],
    { read: (item) => item },
  );
  const reads: SendingReads = { recorded: new Set(), members: new Map(), centerNames: new Map() };
  for (const item of items) {
    if (!item) continue;
    if (item.type === 'Outbox') reads.recorded.add(String(item.id));
    else if (item.type === 'Member')
      reads.members.set(String(item.phone), {
        language: (item.language as string | null) ?? null,
        notifications: item.notifications !== false,
      });
    else if (item.type === 'ServiceCenter') reads.centerNames.set(String(item.id), String(item.name));
  }
  return reads;
}
