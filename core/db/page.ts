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

function encode(position: Position | Boundary): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Whether a cursor's key is the key of an item of the list: a caller's cursor never reads outside it. */
function isKeyOf(list: ListKey, key: unknown): key is Record<string, string> {
  if (typeof key !== 'object' || key === null) return false;
  const { partition, sort, names } = keyAttributes(list);
  const attributes = key as Record<string, unknown>;
  return (
    Object.keys(attributes).length === names.length &&
    names.every((name) => typeof attributes[name] === 'string') &&
    attributes[partition] === list.pk &&
    (attributes[sort] as string).startsWith(list.prefix)
  );
}

function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** The position a cursor names, or null when it is no cursor of these lists. */
function decode(cursor: string, lists: ListKey[]): Position | null {
  const position = parseCursor(cursor) as Position | null;
  const list = Number.isInteger(position?.list) ? lists[position!.list] : undefined;
  if (!list) return null;
  return position!.key === null || isKeyOf(list, position!.key) ? position : null;
}

/** The key of an item of a list, as a cursor holds it: the table's key, and the index's where the list is one. */
function keyOf(list: ListKey, item: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(keyAttributes(list).names.map((name) => [name, String(item[name])]));
}

/**
 * A page of several lists read as one, each to its end before the next (one list is the common
 * case). It reads one item past the page, so that `hasNextPage` says there is one (DynamoDB hands
 * back a LastEvaluatedKey whenever a query stops at its Limit, even at a list's end, and a list
 * that ends with the page may be followed by empty ones). Each query asks for no more than the
 * page still needs, and the cursor is the last item shown: items added meanwhile before the cursor
 * are not shown, and none is shown twice or skipped. Null when `after` is no cursor of these lists.
 */
export async function readPage<T>(store: Store, lists: ListKey[], options: PageOptions): Promise<Page<T> | null> {
  const start = options.after === null ? { list: 0, key: null } : decode(options.after, lists);
  if (!start) return null;
  const wanted = options.first + 1;
  const read: { list: number; item: Record<string, unknown> }[] = [];
  let position: Position = start;
  while (read.length < wanted && position.list < lists.length) {
    const condition = listCondition(lists[position.list]!);
    const page = await store.doc.send(
      new QueryCommand({
        ...condition,
        TableName: store.tableName,
        Limit: wanted - read.length,
        ScanIndexForward: !options.backwards,
        ExclusiveStartKey: position.key ?? undefined,
        FilterExpression: options.filter?.expression,
        ExpressionAttributeNames: options.filter?.names,
        ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...options.filter?.values },
      }),
    );
    for (const item of page.Items ?? []) read.push({ list: position.list, item });
    position = page.LastEvaluatedKey
      ? { list: position.list, key: page.LastEvaluatedKey as Record<string, string> }
      : { list: position.list + 1, key: null };
  }
  const shown = read.slice(0, options.first);
  const last = shown.at(-1);
  const hasNextPage = read.length > options.first && last !== undefined;
  return {
    items: shown.map((entry) => withoutKeys<T>(entry.item)),
    hasNextPage,
    endCursor: hasNextPage ? encode({ list: last.list, key: keyOf(lists[last.list]!, last.item) }) : null,
  };
}

/** Where a merged page stopped: the sort key of the last item it showed, and that item's table key to break ties. */
interface Boundary {
  sortKey: string;
  tableKey: string;
}

const tableKeyOf = (item: Record<string, unknown>) => `${item[tableSchema.partitionKey]}\n${item[tableSchema.sortKey]}`;

function decodeBoundary(cursor: string, lists: ListKey[]): Boundary | null {
  const boundary = parseCursor(cursor) as Boundary | null;
  const valid =
    typeof boundary?.sortKey === 'string' && typeof boundary.tableKey === 'string' && boundary.sortKey.startsWith(lists[0]?.prefix ?? '');
  return valid ? boundary : null;
}

/** How many times a filtered page reads its shards before it answers with what it found. */
const MAX_ROUNDS = 8;

type Compare = (a: Boundary, b: Boundary) => number;

/** An item read, with its place in the merged list. */
interface Placed {
  item: Record<string, unknown>;
  at: Boundary;
}

/** One read of every shard, up to a page past `from` each: the items past it, and where the shard stopped (null: at its end). */
async function readShards(
  store: Store,
  lists: ListKey[],
  options: PageOptions,
  from: Boundary | null,
  compare: Compare,
): Promise<{ items: Placed[]; stoppedAt: Boundary | null }[]> {
  return Promise.all(
    lists.map(async (list) => {
      const after = from?.sortKey.slice(list.prefix.length);
      const range = after === undefined ? {} : options.backwards ? { from: '', through: after } : { from: after };
      const condition = listCondition(list, range);
      const page = await store.doc.send(
        new QueryCommand({
          ...condition,
          ...(options.filter
            ? {
                FilterExpression: options.filter.expression,
                ExpressionAttributeNames: options.filter.names,
                ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...options.filter.values },
              }
            : {}),
          TableName: store.tableName,
          Limit: options.first + 1,
          ScanIndexForward: !options.backwards,
        }),
      );
      const sort = keyAttributes(list).sort;
      const at = (item: Record<string, unknown>) => ({ sortKey: String(item[sort]), tableKey: tableKeyOf(item) });
      const items = (page.Items ?? []).map((item) => ({ item, at: at(item) }));
      // Items at the boundary's own sort key were read again: keep only those past it.
      return {
        items: items.filter((entry) => !from || compare(entry.at, from) > 0),
        stoppedAt: page.LastEvaluatedKey ? at(page.LastEvaluatedKey) : null,
      };
    }),
  );
}

/**
 * A page of the shards of one list, read as one list in sort-key order: every shard is read up to
 * a page from where the page before stopped, and the page takes the first items of all, and one
 * more to know that a next page has any (`hasNextPage`). The cursor is the last item shown (its
 * sort key, its table key for items of the same sort key), so items added meanwhile before it are
 * not shown, and none is shown twice or skipped. With a filter, a shard may stop before a page's
 * worth of items that pass: the page goes no further than the nearest place a shard stopped, and
 * reads on from there until it has one item past the page, the shards end, or it has read them
 * MAX_ROUNDS times (then the only page whose `hasNextPage` says "read on", not "there is more":
 * a short page, or a full one whose next may be empty; its cursor reads on from where it stopped).
 * Null when `after` is no cursor of these lists.
 */
export async function readMergedPage<T>(store: Store, lists: ListKey[], options: PageOptions): Promise<Page<T> | null> {
  let boundary = options.after === null ? null : decodeBoundary(options.after, lists);
  if (options.after !== null && !boundary) return null;
  const direction = options.backwards ? -1 : 1;
  const compare: Compare = (a, b) =>
    direction * (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.tableKey < b.tableKey ? -1 : a.tableKey > b.tableKey ? 1 : 0);
  // One item past the page, so that `hasNextPage` says there is one.
  const wanted = options.first + 1;
  const taken: Placed[] = [];
  for (let round = 1; ; round++) {
    const from = boundary;
    const read = await readShards(store, lists, options, from, compare);
    // What lies past the nearest place a shard stopped is not known yet: it waits for the next read.
    const stops = read.flatMap((shard) => (shard.stoppedAt ? [shard.stoppedAt] : [])).sort(compare);
    const cap = stops[0];
    const candidates = read
      .flatMap((shard) => shard.items)
      .filter((entry) => !cap || compare(entry.at, cap) <= 0)
      .sort((a, b) => compare(a.at, b.at));
    const needed = wanted - taken.length;
    taken.push(...candidates.slice(0, needed));
    const more = candidates.length > needed || cap !== undefined;
    if (taken.length === wanted || !more) {
      const shown = taken.slice(0, options.first);
      const last = shown.at(-1);
      const hasNextPage = taken.length > options.first && last !== undefined;
      return {
        items: shown.map((entry) => withoutKeys<T>(entry.item)),
        hasNextPage,
        endCursor: hasNextPage ? encode(last.at) : null,
      };
    }
    // Sort keys are unique within a list, so a shard that stopped is always past where it started.
    if (from && compare(cap!, from) <= 0) throw new Error(`a page of ${lists[0]?.pk} did not move on from ${from.sortKey}`);
    // A filter that passes few items: a short page, read on from where the shards stopped.
    if (round === MAX_ROUNDS)
      return { items: taken.map((entry) => withoutKeys<T>(entry.item)), hasNextPage: true, endCursor: encode(cap!) };
    boundary = cap!;
  }
}
