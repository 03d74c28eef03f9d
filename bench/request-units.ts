// The capacity units of recorded DynamoDB requests, item by item, by DynamoDB's rules: a write costs
// 1 unit per started KB of the item (2 in a transaction) and 1 more per started KB of each index entry
// it puts (an index whose keys the item holds); a read costs 1 unit per started 4 KB of each item
// strongly consistent, 0.5 eventually consistent (a key with no item still costs the minimum).
// DynamoDB Local's own figure for a transaction is not a sum over its items, hence this.
import { tableSchema } from '../core/db/index.js';
import { itemSize } from '../model/scale-model-capacity.js';
import type { DynamoCall } from './bench-support.js';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** One line of the cost: a request, one of its items (or one of that item's index entries), its units. */
export interface UnitLine {
  request: string;
  item: string;
  units: number;
}

/** Reads an item as it is now, without the reads being recorded: for the items an Update wrote. */
export type ItemAt = (key: Key) => Promise<Item | null>;

const WRITE_UNIT_BYTES = 1024;
const READ_UNIT_BYTES = 4096;

const started = (bytes: number, unit: number) => Math.max(1, Math.ceil(bytes / unit));
const keyOf = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
const sameKey = (a: Key) => (b: Item) => b.pk === a.pk && b.sk === a.sk;

function describe(item: Item | null, key: Key): string {
  const what = item ? `${String(item.type)} ${key.pk}` : `(no item) ${key.pk}`;
  return item ? `${what} (${itemSize(item)} B)` : what;
}

function readLines(request: string, keys: Key[], found: Item[], consistent: boolean): UnitLine[] {
  return keys.map((key) => {
    const item = found.find(sameKey(key)) ?? null;
    return { request, item: describe(item, key), units: started(item ? itemSize(item) : 0, READ_UNIT_BYTES) * (consistent ? 1 : 0.5) };
  });
}

/** A written item's line on the table, and one a line for each index entry it puts. */
function writeLines(request: string, item: Item, transactional: boolean): UnitLine[] {
  const bytes = itemSize(item);
  const lines = [{ request, item: describe(item, keyOf(item)), units: started(bytes, WRITE_UNIT_BYTES) * (transactional ? 2 : 1) }];
  for (const index of tableSchema.indexes) {
    const pk = item[index.partitionKey];
    if (pk === undefined || item[index.sortKey] === undefined) continue;
    // Every index projects the whole item: its entry is the item's size.
    lines.push({
      request: `${request}, ${index.name}`,
      item: `${String(item.type)} in ${String(pk)}`,
      units: started(bytes, WRITE_UNIT_BYTES),
    });
  }
  return lines;
}

/** The item an Update left: read back, as the table holds it now (its size after the update, which DynamoDB charges when larger). */
async function updated(key: Key, itemAt: ItemAt): Promise<Item> {
  const item = await itemAt(key);
  if (!item) throw new Error(`the item ${key.pk} ${key.sk} an Update wrote is not there`);
  return item;
}

/** The units of one recorded request, item by item. */
export async function unitsOfCall(call: DynamoCall, itemAt: ItemAt): Promise<UnitLine[]> {
  const { input, output } = call;
  const name = call.command.replace(/Command$/, '');
  switch (call.command) {
    case 'BatchGetItemCommand': {
      const tables = Object.entries(input.RequestItems as Record<string, { Keys: Key[]; ConsistentRead?: boolean }>);
      const responses = (output.Responses ?? {}) as Record<string, Item[]>;
      return tables.flatMap(([table, { Keys, ConsistentRead }]) => {
        const request = `${name} (${ConsistentRead ? 'strongly' : 'eventually'} consistent)`;
        return readLines(request, Keys, responses[table] ?? [], ConsistentRead === true);
      });
    }
    case 'GetItemCommand': {
      const consistent = input.ConsistentRead === true;
      const found = output.Item ? [output.Item as Item] : [];
      return readLines(`${name} (${consistent ? 'strongly' : 'eventually'} consistent)`, [input.Key as Key], found, consistent);
    }
    case 'TransactWriteItemsCommand': {
      const lines: UnitLine[] = [];
      for (const entry of input.TransactItems as Record<string, { Item?: Item; Key?: Key }>[]) {
        const [kind, body] = Object.entries(entry)[0]!;
        const request = `${name}: ${kind}`;
        if (kind === 'Put') lines.push(...writeLines(request, body.Item!, true));
        else if (kind === 'Update') lines.push(...writeLines(request, await updated(body.Key!, itemAt), true));
        else throw new Error(`no cost of a transaction's ${kind} here: add it before measuring a request that has one`);
      }
      return lines;
    }
    case 'QueryCommand': {
      // A query is charged on the items it reads together, by started 4 KB: one line for the list.
      const consistent = input.ConsistentRead === true;
      const items = (output.Items ?? []) as Item[];
      const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
      const list = String(Object.values(values)[0] ?? '?');
      return [
        {
          request: `${name} (${consistent ? 'strongly' : 'eventually'} consistent)`,
          item: `${items.length} items in ${list} (${bytes} B)`,
          units: started(bytes, READ_UNIT_BYTES) * (consistent ? 1 : 0.5),
        },
      ];
    }
    case 'PutItemCommand':
      return writeLines(name, input.Item as Item, false);
    case 'UpdateItemCommand':
      return writeLines(name, await updated(input.Key as Key, itemAt), false);
    default:
      throw new Error(`no cost of ${call.command} here: add it before measuring a request that makes one`);
  }
}

/** Every line of the requests, in the order they were made. */
export async function unitsOfCalls(calls: DynamoCall[], itemAt: ItemAt): Promise<UnitLine[]> {
  const lines: UnitLine[] = [];
  for (const call of calls) lines.push(...(await unitsOfCall(call, itemAt)));
  return lines;
}

export const sumUnits = (lines: UnitLine[]) => lines.reduce((sum, line) => sum + line.units, 0);
