import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  failedCondition,
  getItem,
  getItems,
  type Idempotency,
  indexKeys,
  keys,
  listCondition,
  listKeys,
  queryAll,
  type Store,
  transact,
  transactionFailures,
} from '../db/index.js';
import { MAX_STOCK, type Product, type ServiceCenter, type Shop, searchTextOf, type Village } from './catalogue.js';

const SEARCH_PAGE_LIMIT = 50;

// Access pattern: create a village (its id is new).
export async function putVillage(store: Store, village: Village, idempotency: Idempotency): Promise<'created' | 'repeat'> {
  const { outcome } = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.village(village.id), type: 'Village', ...village },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    idempotency,
  );
  if (outcome === 'failed') throw new Error(`village id ${village.id} already taken`);
  return outcome === 'done' ? 'created' : 'repeat';
}

// Access pattern: get a village by id.
export async function getVillage(store: Store, id: string): Promise<Village | null> {
  return getItem<Village>(store, keys.village(id));
}

/** The Put of a new center or shop, listed under the phone that runs it (gsi2). */
function newVillageMember(store: Store, keyAndIndexes: Record<string, string>, type: string, entity: ServiceCenter | Shop) {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...keyAndIndexes,
        type,
        ...entity,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

// Access pattern: create a service center in an existing village, its code unique.
export async function putServiceCenter(store: Store, center: ServiceCenter): Promise<'created' | 'code-taken' | 'no-village'> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          newVillageMember(
            store,
            {
              ...keys.center(center.id),
              ...indexKeys.phoneCenter(center.partnerPhone, center.id),
            },
            'ServiceCenter',
            center,
          ),
          {
            ConditionCheck: {
              TableName: store.tableName,
              Key: keys.village(center.villageId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      }),
    );
    return 'created';
  } catch (error) {
    const failures = transactionFailures(error);
    if (failedCondition(failures, 0)) return 'code-taken';
    if (failedCondition(failures, 1)) return 'no-village';
    throw error;
  }
}

// Access pattern: get a service center by its code.
export async function getServiceCenter(store: Store, id: string): Promise<ServiceCenter | null> {
  return getItem<ServiceCenter>(store, keys.center(id));
}

// Access pattern: create a shop and count it in its village, in one transaction.
export async function putShop(store: Store, shop: Shop, idempotency: Idempotency): Promise<'created' | 'repeat' | 'no-village'> {
  const result = await transact(
    store,
    [
      newVillageMember(store, { ...keys.shop(shop.id), ...indexKeys.phoneShop(shop.ownerPhone, shop.id) }, 'Shop', shop),
      {
        Update: {
          TableName: store.tableName,
          Key: keys.village(shop.villageId),
          UpdateExpression: 'ADD activeShopCount :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': shop.active ? 1 : 0 },
        },
      },
    ],
    idempotency,
  );
  if (result.outcome === 'failed') {
    if (failedCondition(result.failures, 1)) return 'no-village';
    throw new Error(`shop id ${shop.id} already taken`);
  }
  return result.outcome === 'done' ? 'created' : 'repeat';
}

// Access pattern: the shops a phone owns (gsi2).
export async function listShopsOfPhone(store: Store, phone: string): Promise<Shop[]> {
  return queryAll<Shop>(store, listCondition(listKeys.shopsOfPhone(phone)));
}

// Access pattern: a shop's products (gsi3).
export async function listShopProducts(store: Store, shopId: string): Promise<Product[]> {
  return queryAll<Product>(store, listCondition(listKeys.shopProducts(shopId)));
}

// Access pattern: the centers a phone runs as partner (gsi2).
export async function listCentersOfPartner(store: Store, phone: string): Promise<ServiceCenter[]> {
  return queryAll<ServiceCenter>(store, listCondition(listKeys.centersOfPhone(phone)));
}

// Access pattern: get a shop by id.
export async function getShop(store: Store, id: string): Promise<Shop | null> {
  return getItem<Shop>(store, keys.shop(id));
}

// Access pattern: create or replace a product, only as it was read (optimistic lock on version and stock).
export async function putProduct(
  store: Store,
  product: Product,
  previous: Product | null,
  idempotency: Idempotency,
): Promise<'saved' | 'repeat' | 'changed-meanwhile'> {
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...keys.product(product.villageId, product.code),
            ...indexKeys.villageProduct(product.villageId, product.code),
            ...indexKeys.catalogue(product.villageId, product.code),
            ...indexKeys.shopProduct(product.shopId, product.code),
            type: 'Product',
            searchText: searchTextOf(product),
            ...product,
          },
          ConditionExpression: previous ? 'version = :previous AND stock = :stock' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: previous ? { ':previous': previous.version, ':stock': previous.stock } : undefined,
        },
      },
    ],
    idempotency,
  );
  if (result.outcome === 'failed') return 'changed-meanwhile';
  return result.outcome === 'done' ? 'saved' : 'repeat';
}

// Access pattern: get a product by its village and code.
export async function getProduct(store: Store, villageId: string, code: string): Promise<Product | null> {
  return getItem<Product>(store, keys.product(villageId, code));
}

// Access pattern: add to (or take from) a product's stock, never below zero nor above the maximum.
export async function addStock(
  store: Store,
  product: Pick<Product, 'villageId' | 'code'>,
  delta: number,
  now: string,
  idempotency: Idempotency,
): Promise<'done' | 'repeat' | 'out-of-range'> {
  const result = await transact(
    store,
    [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.product(product.villageId, product.code),
          UpdateExpression: 'SET stock = stock + :delta, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND stock >= :minimum AND stock <= :maximum',
          ExpressionAttributeValues: {
            ':delta': delta,
            ':minimum': Math.max(0, -delta),
            ':maximum': MAX_STOCK - Math.max(0, delta),
            ':now': now,
          },
        },
      },
    ],
    idempotency,
  );
  return result.outcome === 'failed' ? 'out-of-range' : result.outcome;
}

// Access pattern: products of one village (gsi1) or of the whole catalogue (gsi2), every search word in name, code or commodity.
export async function searchProducts(store: Store, words: string[], villageId: string | null): Promise<Product[]> {
  const condition = villageId === null ? listCondition(listKeys.catalogue()) : listCondition(listKeys.villageProducts(villageId));
  const filter = words.map((_, i) => `contains(searchText, :w${i})`).join(' AND ');
  return queryAll<Product>(
    store,
    {
      ...condition,
      FilterExpression: filter || undefined,
      ExpressionAttributeValues: {
        ...condition.ExpressionAttributeValues,
        ...Object.fromEntries(words.map((word, i) => [`:w${i}`, word.toLowerCase()])),
      },
    },
    SEARCH_PAGE_LIMIT,
  );
}

// Access pattern: villages, service centers or shops by id, for every parent in a response at once (BatchGetItem).
export const getVillages = (store: Store, ids: string[]) =>
  getItems<Village>(
    store,
    ids.map((id) => keys.village(id)),
  );
export const getServiceCenters = (store: Store, ids: string[]) =>
  getItems<ServiceCenter>(
    store,
    ids.map((id) => keys.center(id)),
  );
export const getShops = (store: Store, ids: string[]) =>
  getItems<Shop>(
    store,
    ids.map((id) => keys.shop(id)),
  );
