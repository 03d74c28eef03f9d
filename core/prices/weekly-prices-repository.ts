import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { getItem, type Idempotency, keys, type Store, transactRetrying } from '../db/index.js';
import { weeklyPricesItem } from './price-items.js';
import type { WeeklyPrices } from './weekly-prices.js';

// Access pattern: a phone's weekly prices (one item, in its hour's list).
export async function getWeeklyPrices(store: Store, phone: string): Promise<WeeklyPrices | null> {
  return getItem<WeeklyPrices>(store, keys.weeklyPrices(phone), { consistent: true });
}

// Access pattern: put a phone's weekly prices in its hour's list (replacing its commodity), with the idempotency record.
export async function putWeeklyPrices(store: Store, weekly: WeeklyPrices, idempotency: Idempotency): Promise<'done' | 'repeat'> {
  const put = { Put: { TableName: store.tableName, Item: weeklyPricesItem(weekly) } };
  const result = await transactRetrying(store, [put], idempotency);
  if (result.outcome === 'failed') throw new Error(`weekly prices of ${weekly.phone}: an unconditional put failed a condition`);
  return result.outcome;
}

// Access pattern: take a phone's weekly prices out of its hour's list; true when they were there.
export async function deleteWeeklyPrices(store: Store, phone: string): Promise<boolean> {
  const { Attributes } = await store.doc.send(
    new DeleteCommand({ TableName: store.tableName, Key: keys.weeklyPrices(phone), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}
