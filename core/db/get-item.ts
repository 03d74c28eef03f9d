import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { withoutKeys } from './keys.js';
import type { Store } from './store.js';

interface GetOptions<T> {
  /** A strongly consistent read, for items a request may just have written. */
  consistent?: boolean;
  /** How the item becomes the caller's type; by default its attributes without the keys. */
  read?: (item: Record<string, unknown>) => T | null;
}

/** One item by its primary key, or null when there is none. */
export async function getItem<T>(store: Store, key: { pk: string; sk: string }, options: GetOptions<T> = {}): Promise<T | null> {
  const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: options.consistent }));
  if (!Item) return null;
  return options.read ? options.read(Item) : withoutKeys<T>(Item);
}

/** BatchGetItem takes at most this many keys a call. */
const BATCH_GET_LIMIT = 100;

/** Items by their primary keys, in the order of the keys (null where there is none), in as few BatchGetItem calls as fit. */
export async function getItems<T>(store: Store, keyList: { pk: string; sk: string }[], options: GetOptions<T> = {}): Promise<(T | null)[]> {
  const found = new Map<string, T>();
  const unique = [...new Map(keyList.map((key) => [`${key.pk}\n${key.sk}`, key])).values()];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let requested: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_LIMIT);
    while (requested.length > 0) {
      const { Responses, UnprocessedKeys } = await store.doc.send(
        new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: requested, ConsistentRead: options.consistent } } }),
      );
      for (const item of Responses?.[store.tableName] ?? []) {
        const value = options.read ? options.read(item) : withoutKeys<T>(item);
        if (value !== null) found.set(`${item.pk}\n${item.sk}`, value);
      }
      requested = UnprocessedKeys?.[store.tableName]?.Keys ?? [];
    }
  }
  return keyList.map((key) => found.get(`${key.pk}\n${key.sk}`) ?? null);
}
