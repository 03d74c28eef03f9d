import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { withoutKeys } from './keys.js';
import type { Store } from './store.js';
import { type IndexName, tableSchema } from './table-schema.js';

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** The key condition "partition key is pk and sort key begins with prefix" on an index. */
export function indexPrefix(index: IndexName, pk: string, prefix: string): QueryInput & { ExpressionAttributeValues: Record<string, unknown> } {
  const { partitionKey, sortKey } = tableSchema.indexes.find((candidate) => candidate.name === index)!;
  return {
    IndexName: index,
    KeyConditionExpression: `${partitionKey} = :pk AND begins_with(${sortKey}, :prefix)`,
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
  };
}

/** The items of a Query without their keys, page after page, up to `limit` items (all without one). */
export async function queryAll<T>(store: Store, input: QueryInput, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(new QueryCommand({ ...input, TableName: store.tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) items.push(withoutKeys<T>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items.slice(0, limit);
}
