import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord } from './idempotency.js';
import { keys, withoutKeys } from './keys.js';
import type { Store } from './store.js';

// Access pattern: get an idempotency record by its scope and key.
export async function getIdempotencyRecord(store: Store, scope: string, key: string): Promise<IdempotencyRecord | null> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
  );
  return Item ? withoutKeys<IdempotencyRecord>(Item) : null;
}
