import { getItems, keys, type Store } from '../db/index.js';
import { MAX_STOCK, type Product } from './catalogue.js';

// A product's stock is kept on its own item, or, for a product so popular that one partition key
// cannot take its orders, spread over `stockShards` items of its own. An order takes from one
// shard picked at random; when that shard is short, it reads them all and takes from several.
// Each shard carries the product's version, so that an order checks the price it read without
// touching the product's item.

/** At most this many shards a product. */
export const MAX_STOCK_SHARDS = 32;

export interface StockShard {
  shard: number;
  stock: number;
  version: number;
}

/** Where an amount of stock is taken or put back: the product's item (null) or one of its shards. */
export interface StockPlace {
  shard: number | null;
  quantity: number;
}

/** A share of a product's stock as the table keeps it, with the product's version. */
export const stockShardItem = (product: Pick<Product, 'villageId' | 'code' | 'version'>, shard: number, stock: number) => ({
  ...keys.stockShard(product.villageId, product.code, shard),
  type: 'StockShard',
  shard,
  stock,
  version: product.version,
});

/** The keys of a sharded product's shards. */
const shardKeys = (product: Pick<Product, 'villageId' | 'code' | 'stockShards'>) =>
  Array.from({ length: product.stockShards ?? 0 }, (_, shard) => keys.stockShard(product.villageId, product.code, shard));

// Access pattern: a sharded product's stock shards (one BatchGetItem).
export async function readStockShards(
  store: Store,
  product: Pick<Product, 'villageId' | 'code' | 'stockShards'>,
  consistent: boolean,
): Promise<StockShard[]> {
  const items = await getItems<StockShard>(store, shardKeys(product), { consistent });
  return items.filter((item): item is StockShard => item !== null).map(({ shard, stock, version }) => ({ shard, stock, version }));
}

/** A product's stock: on its item, or the sum of its shards. */
export async function withStock(store: Store, product: Product, consistent: boolean): Promise<Product> {
  if (!product.stockShards) return product;
  const shards = await readStockShards(store, product, consistent);
  return { ...product, stock: shards.reduce((sum, shard) => sum + shard.stock, 0) };
}

/** A random shard of a sharded product, or its item. */
export function anyPlace(product: Pick<Product, 'stockShards'>): number | null {
  return product.stockShards ? Math.floor(Math.random() * product.stockShards) : null;
}

/** Takes `quantity` from the fullest shards first; null when all of them together hold less. */
export function planTake(shards: StockShard[], quantity: number): StockPlace[] | null {
  const places: StockPlace[] = [];
  let left = quantity;
  for (const shard of [...shards].sort((a, b) => b.stock - a.stock)) {
    if (left === 0) break;
    const take = Math.min(left, shard.stock);
    if (take > 0) places.push({ shard: shard.shard, quantity: take });
    left -= take;
  }
  return left === 0 ? places : null;
}

/** Splits a stock over shards as evenly as whole units go. */
export function splitStock(stock: number, shards: number): number[] {
  return Array.from({ length: shards }, (_, i) => Math.floor(stock / shards) + (i < stock % shards ? 1 : 0));
}

const placeKey = (product: Pick<Product, 'villageId' | 'code'>, shard: number | null) =>
  shard === null ? keys.product(product.villageId, product.code) : keys.stockShard(product.villageId, product.code, shard);

/**
 * A transaction's Update of a product's stock at one place. A take (negative delta) checks that
 * enough is there, and with `seenVersion` that the product is still the one that was read; a
 * return checks only that the place exists and stays within the maximum.
 */
export function stockUpdate(
  store: Store,
  product: Pick<Product, 'villageId' | 'code'>,
  shard: number | null,
  delta: number,
  seenVersion: number | null,
) {
  const values: Record<string, unknown> = { ':delta': delta };
  const conditions = ['attribute_exists(pk)'];
  if (delta < 0) {
    conditions.push('stock >= :need');
    values[':need'] = -delta;
  } else {
    conditions.push('stock <= :room');
    values[':room'] = MAX_STOCK - delta;
  }
  if (seenVersion !== null) {
    conditions.push('version = :seen');
    values[':seen'] = seenVersion;
  }
  return {
    Update: {
      TableName: store.tableName,
      Key: placeKey(product, shard),
      UpdateExpression: 'SET stock = stock + :delta',
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

/**
 * The Puts that lay a product's stock over its shards, each carrying the product's version: each
 * only if its shard still holds what was read (`seen`), so that no order taken meanwhile is lost.
 */
export function shardPuts(store: Store, product: Pick<Product, 'villageId' | 'code' | 'version'>, stocks: number[], seen: StockShard[]) {
  return stocks.map((stock, shard) => {
    const before = seen.find((candidate) => candidate.shard === shard);
    return {
      Put: {
        TableName: store.tableName,
        Item: stockShardItem(product, shard, stock),
        ConditionExpression: before ? 'stock = :seen' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: before ? { ':seen': before.stock } : undefined,
      },
    };
  });
}

/** The Deletes of shards a product no longer has, each only if it still holds what was read. */
export function shardDeletes(store: Store, product: Pick<Product, 'villageId' | 'code'>, dropped: StockShard[]) {
  return dropped.map((shard) => ({
    Delete: {
      TableName: store.tableName,
      Key: keys.stockShard(product.villageId, product.code, shard.shard),
      ConditionExpression: 'stock = :seen',
      ExpressionAttributeValues: { ':seen': shard.stock },
    },
  }));
}
