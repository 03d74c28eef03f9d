import {
  CATALOGUE_SHARDS,
  failedCondition,
  getItem,
  getItems,
  type Idempotency,
  keys,
  type ListKey,
  listCondition,
  listKeys,
  type Page,
  type PageOptions,
  queryAll,
  readPage,
  type Store,
  transact,
  transactRetrying,
} from '../db/index.js';
import { listingOf, type Product, type ProductListing, type ServiceCenter, type Shop, type Village } from './catalogue.js';
import { centerItem, listingItems, productItem, shopItem, villageItem } from './catalogue-items.js';
import {
  anyPlace,
  planTake,
  readStockShards,
  type StockPlace,
  type StockShard,
  shardDeletes,
  shardPuts,
  splitStock,
  stockUpdate,
  withStock,
} from './stock.js';

// Access pattern: create a village (its id is new).
export async function putVillage(store: Store, village: Village, idempotency: Idempotency): Promise<'created' | 'repeat'> {
  const { outcome } = await transactRetrying(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: villageItem(village),
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
function newVillageMember(store: Store, item: ReturnType<typeof centerItem> | ReturnType<typeof shopItem>) {
  return {
    Put: {
      TableName: store.tableName,
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

// Access pattern: create a service center in an existing village, its code unique; the village's first is its own.
export async function putServiceCenter(store: Store, center: ServiceCenter): Promise<'created' | 'code-taken' | 'no-village'> {
  const result = await transactRetrying(
    store,
    [
      newVillageMember(store, centerItem(center)),
      {
        // The village's first center becomes the one its sellers drop their goods off at.
        Update: {
          TableName: store.tableName,
          Key: keys.village(center.villageId),
          UpdateExpression: 'SET centerId = if_not_exists(centerId, :center)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':center': center.id },
        },
      },
    ],
    null,
  );
  if (result.outcome !== 'failed') return 'created';
  return failedCondition(result.failures, 0) ? 'code-taken' : 'no-village';
}

// Access pattern: get a service center by its code.
export async function getServiceCenter(store: Store, id: string): Promise<ServiceCenter | null> {
  return getItem<ServiceCenter>(store, keys.center(id));
}

// Access pattern: create a shop and count it in its village, in one transaction.
export async function putShop(store: Store, shop: Shop, idempotency: Idempotency): Promise<'created' | 'repeat' | 'no-village'> {
  const result = await transactRetrying(
    store,
    [
      newVillageMember(store, shopItem(shop)),
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

// Access pattern: the centers a phone runs as partner (gsi2).
export async function listCentersOfPartner(store: Store, phone: string): Promise<ServiceCenter[]> {
  return queryAll<ServiceCenter>(store, listCondition(listKeys.centersOfPhone(phone)));
}

// Access pattern: get a shop by id.
export async function getShop(store: Store, id: string): Promise<Shop | null> {
  return getItem<Shop>(store, keys.shop(id));
}

/** A product with the words it is found by. */
export interface IndexedProduct {
  product: Product;
  words: string[];
}

/** The items that list a product: its shop's, its village's, its catalogue shard's, and one per search word. */
function listingPuts(store: Store, { product, words }: IndexedProduct) {
  return listingItems(product, words).map((item) => ({ Put: { TableName: store.tableName, Item: item } }));
}

// Access pattern: create or replace a product, only as it was read (optimistic lock on version and
// stock), with its listings when they change: the product item and its lists in one transaction.
export async function putProduct(
  store: Store,
  next: IndexedProduct,
  previous: IndexedProduct | null,
  seenShards: StockShard[],
  idempotency: Idempotency,
): Promise<'saved' | 'repeat' | 'changed-meanwhile'> {
  const { product } = next;
  const listingChanged =
    !previous || JSON.stringify([listingOf(previous.product), previous.words]) !== JSON.stringify([listingOf(product), next.words]);
  const droppedWords = previous ? previous.words.filter((word) => !next.words.includes(word)) : [];
  const sharded = Boolean(product.stockShards);
  // A sharded product's stock is on its shards, laid anew with the version; its item holds none.
  const item = productItem(product);
  const unchanged =
    previous && !sharded
      ? { ':previous': previous.product.version, ':stock': previous.product.stock }
      : { ':previous': previous?.product.version };
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: item,
          ConditionExpression: !previous
            ? 'attribute_not_exists(pk)'
            : sharded
              ? 'version = :previous'
              : 'version = :previous AND stock = :stock',
          ExpressionAttributeValues: previous ? unchanged : undefined,
        },
      },
      ...(sharded ? shardPuts(store, product, splitStock(product.stock, product.stockShards!), seenShards) : []),
      ...(listingChanged ? listingPuts(store, next) : []),
      ...droppedWords.map((word) => ({
        Delete: { TableName: store.tableName, Key: keys.wordListing(word, product.villageId, product.code) },
      })),
    ],
    idempotency,
  );
  if (result.outcome === 'failed' || result.outcome === 'conflict') return 'changed-meanwhile';
  return result.outcome === 'done' ? 'saved' : 'repeat';
}

// Access pattern: spread a product's stock over `shards` items, or gather it back onto its item (1),
// only as it was read: its item's version and stock, every shard's stock.
export async function reshardStock(
  store: Store,
  product: Product,
  seenShards: StockShard[],
  shards: number,
  idempotency: Idempotency,
): Promise<'done' | 'repeat' | 'changed-meanwhile'> {
  const stocks = shards > 1 ? splitStock(product.stock, shards) : [];
  const version = product.version + 1;
  const result = await transact(
    store,
    [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.product(product.villageId, product.code),
          UpdateExpression:
            shards > 1
              ? 'SET stockShards = :shards, stock = :zero, version = :version'
              : 'REMOVE stockShards SET stock = :stock, version = :version',
          ConditionExpression: product.stockShards ? 'version = :seen' : 'version = :seen AND stock = :stock',
          ExpressionAttributeValues: {
            ':seen': product.version,
            ':version': version,
            ...(shards > 1 ? { ':shards': shards, ':zero': 0 } : {}),
            ...(shards === 1 || !product.stockShards ? { ':stock': product.stock } : {}),
          },
        },
      },
      ...shardPuts(store, { ...product, version }, stocks, seenShards),
      ...shardDeletes(
        store,
        product,
        seenShards.filter((shard) => shard.shard >= stocks.length),
      ),
    ],
    idempotency,
  );
  if (result.outcome === 'failed' || result.outcome === 'conflict') return 'changed-meanwhile';
  return result.outcome;
}

// Access pattern: get a product by its village and code (and a sharded one's shards).
export async function getProduct(store: Store, villageId: string, code: string): Promise<Product | null> {
  const product = await getItem<Product>(store, keys.product(villageId, code));
  return product && withStock(store, product, false);
}

// Access pattern: add to (or take from) a product's stock, never below zero nor above the maximum:
// on its item, or on a random shard (a take from a sharded product from its fullest shards).
export async function addStock(
  store: Store,
  product: Product,
  delta: number,
  idempotency: Idempotency,
): Promise<'done' | 'repeat' | 'out-of-range'> {
  let places: StockPlace[] | null = [{ shard: anyPlace(product), quantity: Math.abs(delta) }];
  if (delta < 0 && product.stockShards) places = planTake(await readStockShards(store, product, true), -delta);
  if (!places) return 'out-of-range';
  const sign = Math.sign(delta);
  const result = await transactRetrying(
    store,
    places.map((place) => stockUpdate(store, product, place.shard, sign * place.quantity, null)),
    idempotency,
  );
  return result.outcome === 'failed' ? 'out-of-range' : result.outcome;
}

const listingOfItem = ({ words, ...listing }: ProductListing & { words?: string[] }): ProductListing => listing;

async function pageOfListings(store: Store, lists: ListKey[], options: PageOptions): Promise<Page<ProductListing> | null> {
  const page = await readPage<ProductListing>(store, lists, options);
  return page && { ...page, items: page.items.map(listingOfItem) };
}

// Access pattern: a page of the products with every search word, of one village or all: the list of
// the longest word (likely the rarest), filtered by the others.
export async function searchProducts(
  store: Store,
  words: string[],
  villageId: string | null,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<ProductListing> | null> {
  const [listed, ...others] = [...words].sort((a, b) => b.length - a.length);
  const filter =
    others.length === 0
      ? undefined
      : {
          expression: others.map((_, i) => `contains(words, :w${i})`).join(' AND '),
          values: Object.fromEntries(others.map((word, i) => [`:w${i}`, word])),
        };
  return pageOfListings(store, [listKeys.productsWithWord(listed!, villageId)], { ...page, filter });
}

// Access pattern: the first products of any village with a code: the list of the code's search word
// (a product's code is always one of its words, see search-words.ts), filtered by the code.
export async function listProductsWithCode(store: Store, code: string, first: number): Promise<Page<ProductListing>> {
  const filter = { expression: '#code = :code', names: { '#code': 'code' }, values: { ':code': code } };
  const lists = [listKeys.productsWithWord(code.toLowerCase(), null)];
  return (await pageOfListings(store, lists, { first, after: null, filter }))!;
}

// Access pattern: a page of one village's products, or of the whole catalogue (its shards one after another).
export async function browseProducts(
  store: Store,
  villageId: string | null,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<ProductListing> | null> {
  const lists =
    villageId === null
      ? Array.from({ length: CATALOGUE_SHARDS }, (_, shard) => listKeys.catalogue(shard))
      : [listKeys.villageProducts(villageId)];
  return pageOfListings(store, lists, page);
}

// Access pattern: a page of the products of some shops, one shop after another.
export async function listShopProducts(
  store: Store,
  shopIds: string[],
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<ProductListing> | null> {
  return pageOfListings(
    store,
    shopIds.map((id) => listKeys.shopProducts(id)),
    page,
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
export async function getProducts(store: Store, refs: { villageId: string; code: string }[]): Promise<(Product | null)[]> {
  const products = await getItems<Product>(
    store,
    refs.map((ref) => keys.product(ref.villageId, ref.code)),
  );
  return Promise.all(products.map((product) => product && withStock(store, product, false)));
}
