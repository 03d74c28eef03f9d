import { GetCommand } from '@aws-sdk/lib-dynamodb';
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
