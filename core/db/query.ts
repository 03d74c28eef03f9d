import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type ListKey, withoutKeys } from './keys.js';
import type { Store } from './store.js';
import { tableSchema } from './table-schema.js';

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Which items of a list, by what follows the prefix in their sort key; without one, the whole list. */
interface SortRange {
  /** At or after. */
  from?: string;
  /** Strictly before. */
  before?: string;
  /** At or before, whatever follows (`through: '2026-11-30'` includes every key that starts with it). */
  through?: string;
}

/** The key condition of a query of a list: its partition and, in its sort keys, its prefix or a range after it. */
export function listCondition(list: ListKey, range: SortRange = {}): QueryInput & { ExpressionAttributeValues: Record<string, unknown> } {
  const index = list.index ? tableSchema.indexes.find((candidate) => candidate.name === list.index)! : null;
  const [pk, sk] = index ? [index.partitionKey, index.sortKey] : [tableSchema.partitionKey, tableSchema.sortKey];
  const values: Record<string, unknown> = { ':pk': list.pk };
  const conditions = [`${pk} = :pk`];
  if (range.from !== undefined && range.through !== undefined) {
    conditions.push(`${sk} BETWEEN :from AND :through`);
    values[':from'] = `${list.prefix}${range.from}`;
    values[':through'] = `${list.prefix}${range.through}\uffff`;
  } else if (range.from !== undefined) {
    conditions.push(`${sk} >= :from`);
    values[':from'] = `${list.prefix}${range.from}`;
  } else if (range.before !== undefined) {
    conditions.push(`${sk} < :before`);
    values[':before'] = `${list.prefix}${range.before}`;
  } else if (list.prefix) {
    conditions.push(`begins_with(${sk}, :prefix)`);
    values[':prefix'] = list.prefix;
  }
  return {
    ...(list.index ? { IndexName: list.index } : {}),
    KeyConditionExpression: conditions.join(' AND '),
    ExpressionAttributeValues: values,
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

/** How many shards of a list are read at the same time. */
const SHARDS_AT_ONCE = 16;

/**
 * A list spread over shards, read as one: the first `limit` items by sort key across all of them
 * (each shard is read up to `limit`, several at a time), without their keys.
 */
export async function queryShards<T>(store: Store, shards: ListKey[], range: SortRange, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const readShard = async (list: ListKey) => {
    const sortKey = list.index ? tableSchema.indexes.find((index) => index.name === list.index)!.sortKey : tableSchema.sortKey;
    const items: { sortKey: string; item: T }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await store.doc.send(
        new QueryCommand({
          ...listCondition(list, range),
          Limit: Number.isFinite(limit) ? limit : undefined,
          TableName: store.tableName,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) items.push({ sortKey: String(item[sortKey]), item: withoutKeys<T>(item) });
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    return items;
  };
  const perShard: { sortKey: string; item: T }[][] = [];
  // A few at a time: a client has a bounded number of connections, and a sweep is in no hurry.
  for (let start = 0; start < shards.length; start += SHARDS_AT_ONCE) {
    perShard.push(...(await Promise.all(shards.slice(start, start + SHARDS_AT_ONCE).map(readShard))));
  }
  return perShard
    .flat()
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .slice(0, limit)
    .map((entry) => entry.item);
}

/** Where a list's page stopped: the key of its last item, to start the next page after it; null at the list's end. */
export type ListPosition = Record<string, unknown> | null;

/** One Query of at most `limit` items from a position (null: the list's start), without their keys, and where the next starts. */
export async function queryFrom<T>(
  store: Store,
  input: QueryInput,
  limit: number,
  from: ListPosition,
): Promise<{ items: T[]; next: ListPosition }> {
  const page = await store.doc.send(
    new QueryCommand({ ...input, TableName: store.tableName, Limit: limit, ExclusiveStartKey: from ?? undefined }),
  );
  return { items: (page.Items ?? []).map((item) => withoutKeys<T>(item)), next: page.LastEvaluatedKey ?? null };
}
