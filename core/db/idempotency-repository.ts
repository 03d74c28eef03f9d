import { createHash } from 'node:crypto';
import { getItem } from './get-item.js';
import { keys, withoutKeys } from './keys.js';
import type { Store } from './store.js';

/** How long a retried request still finds its first result. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Remembers that a request was done, and what it made: written in the same transaction as its effect. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  resultId: string;
  createdAt: string;
  expiresAt: number;
}

/** A stable fingerprint of a request, so that a key reused for a different request is caught. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** A record read from the table, or null once it has expired: TTL deletion can lag by days. */
export function liveIdempotencyRecord(item: Record<string, unknown>, now: Date): IdempotencyRecord | null {
  const expiresAt = Number(item.expiresAt);
  if (expiresAt * 1000 <= now.getTime()) return null;
  return { ...withoutKeys<IdempotencyRecord>(item), expiresAt };
}

/** The Put of an idempotency record inside a transaction: it fails while a live record has the key. */
export function idempotencyPut(store: Store, record: IdempotencyRecord, now: Date) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...keys.idempotency(record.scope, record.key), type: 'Idempotency', ...record },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    },
  };
}

// Access pattern: get a live idempotency record by its scope and key.
export async function getIdempotencyRecord(store: Store, scope: string, key: string, now: Date): Promise<IdempotencyRecord | null> {
  return getItem(store, keys.idempotency(scope, key), { consistent: true, read: (item) => liveIdempotencyRecord(item, now) });
}
