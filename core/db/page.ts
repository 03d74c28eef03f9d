import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ListKey, withoutKeys } from './keys.js';
import { listCondition } from './query.js';
import type { Store } from './store.js';
import { tableSchema } from './table-schema.js';

/** One page of a list (its items without their keys), and where the next one starts (null at the end). */
export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface PageOptions {
  first: number;
  /** The `endCursor` of the page before; null for the first page. */
  after: string | null;
  /** Newest first, for lists sorted by time. */
  backwards?: boolean;
  /** A filter on the items read: the page holds only the items that pass, and reads what it passes over. */
  filter?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> };
}

/** Where a page stopped: in which of the lists, after which item's key (none: at the list's start). */
interface Position {
  list: number;
  key: Record<string, string> | null;
}

function keyAttributes(list: ListKey): { partition: string; sort: string; names: string[] } {
  const index = list.index ? tableSchema.indexes.find((candidate) => candidate.name === list.index)! : null;
  const table = [tableSchema.partitionKey, tableSchema.sortKey];
  if (!index) return { partition: table[0]!, sort: table[1]!, names: table };
  return { partition: index.partitionKey, sort: index.sortKey, names: [...table, index.partitionKey, index.sortKey] };
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names, or null when it is no cursor of these lists: a caller's cursor never reads outside them. */
function decode(cursor: string, lists: ListKey[]): Position | null {
  let position: Position;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const list = Number.isInteger(position?.list) ? lists[position.list] : undefined;
  if (!list) return null;
  if (position.key === null) return position;
  const { partition, sort, names } = keyAttributes(list);
  const key = position.key;
  const valid =
    typeof key === 'object' &&
    Object.keys(key).length === names.length &&
    names.every((name) => typeof key[name] === 'string') &&
    key[partition] === list.pk &&
    key[sort]!.startsWith(list.prefix);
  return valid ? position : null;
}

/**
 * A page of several lists read as one, each to its end before the next (one list is the common
 * case). Each query asks for no more than the page still needs, so the page ends exactly after
 * the last item it holds: items added meanwhile before the cursor are not shown, and none is shown
 * twice or skipped. Null when `after` is no cursor of these lists.
 */
export async function readPage<T>(store: Store, lists: ListKey[], options: PageOptions): Promise<Page<T> | null> {
  const start = options.after === null ? { list: 0, key: null } : decode(options.after, lists);
  if (!start) return null;
  const items: T[] = [];
  let position: Position = start;
  while (items.length < options.first && position.list < lists.length) {
    const condition = listCondition(lists[position.list]!);
    const page = await store.doc.send(
      new QueryCommand({
        ...condition,
        TableName: store.tableName,
        Limit: options.first - items.length,
        ScanIndexForward: !options.backwards,
        ExclusiveStartKey: position.key ?? undefined,
        FilterExpression: options.filter?.expression,
        ExpressionAttributeNames: options.filter?.names,
        ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...options.filter?.values },
      }),
    );
    for (const item of page.Items ?? []) items.push(withoutKeys<T>(item));
    position = page.LastEvaluatedKey
      ? { list: position.list, key: page.LastEvaluatedKey as Record<string, string> }
      : { list: position.list + 1, key: null };
  }
  const hasNextPage = position.list < lists.length;
  return { items, hasNextPage, endCursor: hasNextPage ? encode(position) : null };
}
