// What a DynamoDB request costs and on which partition key it lands, by the rules of the service:
// an item's size is its attribute names and values; a write costs 1 unit per started KB of the item
// (twice that in a transaction) and one more write in every index whose entry it puts, rewrites or
// deletes; a read costs 1 unit per started 4 KB strongly consistent, half that eventually consistent.
import { type listKeys, tableSchema } from '../core/db/index.js';

/** A list that is queried, as `listKeys` names it. */
type ListKey = ReturnType<(typeof listKeys)[keyof typeof listKeys]>;

export type Item = Record<string, unknown>;

/** What one operation does to the table, item by item. */
export type Access =
  /** A Put (before null or the item it replaces), an Update (both) or a Delete (after null). */
  | { kind: 'write'; before: Item | null; after: Item | null; transactional: boolean }
  /** A GetItem, or one key of a BatchGetItem (each key is charged on its own); `found: false` for a missing item. */
  | { kind: 'get'; item: Item; consistent: boolean; found: boolean }
  /**
   * A Query of a list: `count` items like `sample` (as the list's index projects it). With `pages`,
   * the query filters and reads whole 1 MB pages until it has enough, as `queryAll` does.
   */
  | { kind: 'query'; list: ListKey; sample: Item; count: number; consistent: boolean; pages: boolean };

/** Units landing on one partition key: of the table (`where` 'table') or of an index (its name). */
export interface Charge {
  where: string;
  pk: string;
  wcu: number;
  rcu: number;
}

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;
export const QUERY_PAGE_BYTES = 1024 * 1024;
/** What DynamoDB serves on one partition key a second. */
export const KEY_LIMITS = { wcu: 1000, rcu: 3000 };

function utf8(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return Buffer.byteLength(text, 'utf8');
  return text.length;
}

/** A number's size: about one byte per two significant digits, plus one. */
function numberSize(value: number): number {
  let digits: number;
  if (Number.isSafeInteger(value)) {
    let n = Math.abs(value);
    while (n !== 0 && n % 10 === 0) n /= 10;
    digits = String(n).length;
  } else {
    digits = Math.abs(value).toExponential().replace(/e.*$/, '').replace('.', '').replace(/0+$/, '').length;
  }
  return Math.ceil(Math.max(digits, 1) / 2) + 1;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, element) => sum + valueSize(element), 0);
  // Lists and maps: 3 bytes, and 1 byte for each element besides its own size (and a map element's name).
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueSize(element), 0);
  if (typeof value === 'object') {
    let size = 3;
    const map = value as Record<string, unknown>;
    for (const name in map) if (map[name] !== undefined) size += 1 + utf8(name) + valueSize(map[name]);
    return size;
  }
  throw new Error(`no DynamoDB size for ${typeof value}`);
}

// The sizes of the items measured last: an operation names the same item object several times in a row.
const recentItems: (Item | null)[] = new Array(16).fill(null);
const recentSizes: number[] = new Array(16).fill(0);
let recent = 0;

/** DynamoDB's size of an item: the UTF-8 length of every attribute name plus the size of its value. */
export function itemSize(item: Item): number {
  const known = recentItems.indexOf(item);
  if (known >= 0) return recentSizes[known]!;
  let size = 0;
  // The document client drops undefined attributes (removeUndefinedValues).
  for (const name in item) {
    const value = item[name];
    if (value !== undefined) size += utf8(name) + valueSize(value);
  }
  recent = (recent + 1) % recentItems.length;
  recentItems[recent] = item;
  recentSizes[recent] = size;
  return size;
}

type IndexDefinition = (typeof tableSchema.indexes)[number];

/** Which attributes an index copies besides the keys: all of them, none, or a list. */
export type Projection = { type: 'ALL' } | { type: 'KEYS_ONLY' } | { type: 'INCLUDE'; attributes: string[] };

/**
 * The projection the table schema declares for an index. Today it declares none and the table is
 * created with ALL for every index (createTableInput, the CDK stack); a schema that names one, as
 * `projection: 'KEYS_ONLY' | 'ALL' | [attributes]` or `{ type, attributes | nonKeyAttributes }`, is read here.
 */
export function projectionOf(index: IndexDefinition): Projection {
  const declared = index as unknown as Record<string, unknown>;
  const raw = declared.projection ?? declared.projectionType;
  const listed = (value: unknown) => (Array.isArray(value) ? value.map(String) : null);
  if (raw === undefined || raw === 'ALL') return { type: 'ALL' };
  if (raw === 'KEYS_ONLY') return { type: 'KEYS_ONLY' };
  const direct = listed(raw) ?? listed(declared.nonKeyAttributes);
  if (direct) return { type: 'INCLUDE', attributes: direct };
  if (typeof raw === 'object' && raw !== null) {
    const shape = raw as Record<string, unknown>;
    const type = shape.type ?? shape.projectionType ?? shape.ProjectionType;
    if (type === 'ALL') return { type: 'ALL' };
    if (type === 'KEYS_ONLY') return { type: 'KEYS_ONLY' };
    const attributes = listed(shape.attributes) ?? listed(shape.nonKeyAttributes) ?? listed(shape.NonKeyAttributes);
    if (attributes) return { type: 'INCLUDE', attributes };
  }
  throw new Error(`index ${index.name}: projection ${JSON.stringify(raw)} is not understood by the scale model`);
}

const tableKeyNames = [tableSchema.partitionKey, tableSchema.sortKey] as string[];
const indexes = tableSchema.indexes.map((index) => ({ index, projection: projectionOf(index) }));

/** The index's copy of an item, or null when the item lacks its keys (a sparse index). */
function indexEntry(item: Item | null, index: IndexDefinition, projection: Projection): Item | null {
  if (!item || item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return null;
  if (projection.type === 'ALL') return item;
  const names = [...tableKeyNames, index.partitionKey, index.sortKey, ...(projection.type === 'INCLUDE' ? projection.attributes : [])];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
}

/** The attributes a write changes: compared by reference first (an updated item is a copy of the old one), then by value. */
function changedAttributes(before: Item, after: Item): Set<string> {
  const changed = new Set<string>();
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [old, next] = [before[name], after[name]];
    if (old !== next && stable(old) !== stable(next)) changed.add(name);
  }
  return changed;
}

function stable(value: unknown): string {
  if (value instanceof Set) return `set:${JSON.stringify([...value].map(String).sort())}`;
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, element]) => element !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, element]) => `${name}:${stable(element)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function projectsAny(projection: Projection, names: Set<string>): boolean {
  if (projection.type === 'ALL') return names.size > 0;
  if (projection.type === 'KEYS_ONLY') return false;
  return projection.attributes.some((name) => names.has(name));
}

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5);

/** The table's partition key of an item. */
export const tablePk = (item: Item) => String(item[tableSchema.partitionKey]);

/** Every charge of one access: the table's partition, and each index partition an entry is written to. */
export function chargesOf(access: Access): Charge[] {
  if (access.kind === 'get') {
    const bytes = access.found ? itemSize(access.item) : 0;
    return [{ where: 'table', pk: tablePk(access.item), wcu: 0, rcu: readUnits(bytes, access.consistent) }];
  }
  if (access.kind === 'query') {
    const index = access.list.index ? indexes.find((candidate) => candidate.index.name === access.list.index) : null;
    if (access.list.index && !index) throw new Error(`no index ${access.list.index} in the table schema`);
    const entry = index ? indexEntry(access.sample, index.index, index.projection) : access.sample;
    if (!entry) throw new Error(`a ${String(access.sample.type)} item is not in ${access.list.index}`);
    const bytes = itemSize(entry) * access.count;
    const read = access.pages ? Math.ceil(bytes / QUERY_PAGE_BYTES) * QUERY_PAGE_BYTES : bytes;
    // Index reads are always eventually consistent.
    return [{ where: index ? index.index.name : 'table', pk: access.list.pk, wcu: 0, rcu: readUnits(read, access.consistent && !index) }];
  }
  const { before, after } = access;
  const subject = after ?? before;
  if (!subject) throw new Error('a write needs an item before or after it');
  const bytes = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  const charges: Charge[] = [{ where: 'table', pk: tablePk(subject), wcu: writeUnits(bytes) * (access.transactional ? 2 : 1), rcu: 0 }];
  const changed = before && after ? changedAttributes(before, after) : null;
  for (const { index, projection } of indexes) {
    const old = indexEntry(before, index, projection);
    const next = indexEntry(after, index, projection);
    const oldKey = old ? String(old[index.partitionKey]) : null;
    const nextKey = next ? String(next[index.partitionKey]) : null;
    if (old && next && changed && !changed.has(index.partitionKey) && !changed.has(index.sortKey)) {
      // An entry whose projected attributes did not change is not written.
      if (projectsAny(projection, changed)) charges.push({ where: index.name, pk: nextKey!, wcu: writeUnits(itemSize(next)), rcu: 0 });
      continue;
    }
    if (old) charges.push({ where: index.name, pk: oldKey!, wcu: writeUnits(itemSize(old)), rcu: 0 });
    if (next) charges.push({ where: index.name, pk: nextKey!, wcu: writeUnits(itemSize(next)), rcu: 0 });
  }
  return charges;
}

/** The names of the table's indexes, in the schema's order. */
export const indexNames = tableSchema.indexes.map((index) => index.name as string);
