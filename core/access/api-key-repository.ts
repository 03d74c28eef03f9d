import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getItem, isConditionFailure, keys, type Store, withoutKeys } from '../db/index.js';
import type { Principal } from './principal.js';

export interface ApiKeyRecord {
  hash: string;
  principal: Principal;
  label: string;
  createdAt: string;
  /** Epoch seconds; absent for keys that do not expire. */
  expiresAt?: number;
}

/** A key as the table keeps it, under its hash. */
export const apiKeyItem = (record: ApiKeyRecord) => ({ ...keys.apiKey(record.hash), type: 'ApiKey', ...record });

// Access pattern: store a key under its hash, unless that hash is stored already.
export async function putApiKey(store: Store, record: ApiKeyRecord): Promise<'stored' | 'exists'> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: apiKeyItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'stored';
  } catch (error) {
    if (isConditionFailure(error)) return 'exists';
    throw error;
  }
}

// Access pattern: look a presented key up by its hash.
export async function getApiKey(store: Store, hash: string): Promise<ApiKeyRecord | null> {
  return getItem(store, keys.apiKey(hash), {
    read: (item) => ({ ...withoutKeys<ApiKeyRecord>(item), ...(item.expiresAt ? { expiresAt: Number(item.expiresAt) } : {}) }),
  });
}
