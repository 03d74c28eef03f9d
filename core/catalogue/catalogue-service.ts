import { phoneOf, type RequestContext, requireAdmin, requireAdminOrPhone, runIdempotent } from '../access/index.js';
import {
  AmbiguousProductCodeError,
  BusinessError,
  checkInteger,
  checkPageRequest,
  cleanCode,
  cleanId,
  cleanPhone,
  cleanText,
  collect,
  ForbiddenError,
  InvalidInputError,
  type Money,
  NotFoundError,
  notACursor,
  OutOfStockError,
  type PageRequest,
  shortCode,
  validateMoney,
} from '../common/index.js';
import type { Idempotency, Page } from '../db/index.js';
import { canonicalCommodity } from '../prices/index.js';
import { MAX_STOCK, type Product, type ProductListing, type ServiceCenter, type Shop, type Village } from './catalogue.js';
import {
  addStock,
  browseProducts,
  getProduct,
  getProducts,
  getServiceCenter,
  getServiceCenters,
  getShop,
  getShops,
  getVillage,
  getVillages,
  type IndexedProduct,
  listCentersOfPartner,
  listProductsWithCode,
  listShopProducts,
  listShopsOfPhone,
  putProduct,
  putServiceCenter,
  putShop,
  putVillage,
  reshardStock,
  searchProducts,
} from './catalogue-repository.js';
import { type ProductRef, parseProductRef, productId } from './product-code.js';
import { productWords, queryWords } from './search-words.js';
import { MAX_STOCK_SHARDS, readStockShards } from './stock.js';

export async function createVillage(
  ctx: RequestContext,
  input: { name: string; households: number; idempotencyKey?: string | null },
): Promise<Village | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    name: cleanText('name', input.name, 60),
    households: checkInteger('households', input.households, 0, 1_000_000),
  });
  if (valid instanceof BusinessError) return valid;
  const village: Village = { id: `V${shortCode(6)}`, ...valid, activeShopCount: 0, createdAt: ctx.now().toISOString() };
  return runIdempotent(ctx, 'createVillage', {
    key: input.idempotencyKey,
    request: valid,
    write: async ({ idempotency }) => ((await putVillage(ctx.store, village, idempotency(village.id))) === 'created' ? village : 'repeat'),
    load: (id) => getVillage(ctx.store, id),
  });
}

export async function createServiceCenter(
  ctx: RequestContext,
  input: { code: string; name: string; villageId: string; partnerPhone: string; commissionBps: number },
): Promise<ServiceCenter | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    id: cleanCode('code', input.code),
    name: cleanText('name', input.name, 60),
    partnerPhone: cleanPhone('partnerPhone', input.partnerPhone),
    commissionBps: checkInteger('commissionBps', input.commissionBps, 0, 10_000),
    villageId: cleanId('villageId', input.villageId),
  });
  if (valid instanceof BusinessError) return valid;
  const center: ServiceCenter = {
    ...valid,
    createdAt: ctx.now().toISOString(),
  };
  const outcome = await putServiceCenter(ctx.store, center);
  if (outcome === 'code-taken') return new InvalidInputError('code', `${center.id} is already taken`);
  if (outcome === 'no-village') return new NotFoundError('village', valid.villageId);
  return center;
}

export async function createShop(
  ctx: RequestContext,
  input: { name: string; ownerPhone: string; villageId: string; idempotencyKey?: string | null },
): Promise<Shop | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    name: cleanText('name', input.name, 60),
    ownerPhone: cleanPhone('ownerPhone', input.ownerPhone),
    villageId: cleanId('villageId', input.villageId),
  });
  if (valid instanceof BusinessError) return valid;
  const shop: Shop = { id: `S${shortCode(6)}`, ...valid, active: true, createdAt: ctx.now().toISOString() };
  return runIdempotent(ctx, 'createShop', {
    key: input.idempotencyKey,
    request: valid,
    write: async ({ idempotency }) => {
      const outcome = await putShop(ctx.store, shop, idempotency(shop.id));
      if (outcome === 'no-village') return new NotFoundError('village', valid.villageId);
      return outcome === 'created' ? shop : 'repeat';
    },
    load: (id) => getShop(ctx.store, id),
  });
}

export interface UpsertProductInput {
  code: string;
  /** Left out: the caller's own shop. */
  shopId?: string | null;
  /** Required for a new product; left out, an existing product keeps its own. */
  name?: string | null;
  unit?: string | null;
  price?: Money | null;
  stock?: number | null;
  commodity?: string | null;
  idempotencyKey?: string | null;
}

const DEFAULT_UNIT = 'piece';

async function shopForListing(ctx: RequestContext, shopId: string | null | undefined): Promise<Shop | BusinessError> {
  if (shopId) {
    const id = cleanId('shopId', shopId);
    if (id instanceof BusinessError) return id;
    return (await getShop(ctx.store, id)) ?? new NotFoundError('shop', id);
  }
  const phone = phoneOf(ctx.principal);
  if (!phone) return new InvalidInputError('shopId', 'is required');
  const shops = await listShopsOfPhone(ctx.store, phone);
  if (shops.length === 0) return new NotFoundError('shop', phone);
  if (shops.length > 1) return new InvalidInputError('shopId', 'you run several shops; say which one');
  return shops[0]!;
}

export async function upsertProduct(ctx: RequestContext, input: UpsertProductInput): Promise<Product | BusinessError> {
  const valid = collect({
    code: parseProductRef('code', input.code),
    name: input.name == null ? null : cleanText('name', input.name, 60),
    unit: input.unit == null ? null : cleanText('unit', input.unit, 16),
    price: input.price == null ? null : validateMoney('price', input.price),
    stock: input.stock == null ? null : checkInteger('stock', input.stock, 0, MAX_STOCK),
    commodity: input.commodity ? cleanText('commodity', input.commodity, 40) : null,
  });
  if (valid instanceof BusinessError) return valid;

  const shop = await shopForListing(ctx, input.shopId);
  if (shop instanceof BusinessError) return shop;
  const forbidden = requireAdminOrPhone(ctx.principal, [shop.ownerPhone], "change this shop's products");
  if (forbidden) return forbidden;
  // A shop lists its products in its own village's market.
  if (valid.code.villageId !== null && valid.code.villageId !== shop.villageId) {
    return new InvalidInputError('code', "names another village than the shop's");
  }
  const listing = { ...valid, code: valid.code.code };

  const { idempotencyKey, ...request } = input;
  return runIdempotent(ctx, 'upsertProduct', {
    key: idempotencyKey,
    request,
    write: ({ idempotency }) => saveListing(ctx, shop, listing, idempotency(productId({ code: listing.code, villageId: shop.villageId }))),
    load: (id) => productById(ctx, id),
  });
}

// A concurrent order may change the stock between our read and our write: read again and retry.
async function saveListing(
  ctx: RequestContext,
  shop: Shop,
  valid: { code: string; name: string | null; unit: string | null; price: Money | null; stock: number | null; commodity: string | null },
  idempotency: Idempotency,
): Promise<Product | 'repeat' | BusinessError> {
  const { code } = valid;
  for (let attempt = 0; attempt < 3; attempt++) {
    const previous = await getProduct(ctx.store, shop.villageId, code);
    if (previous && previous.shopId !== shop.id) return new ForbiddenError(`product code ${code} belongs to another shop`);
    const name = valid.name ?? previous?.name;
    const price = valid.price ?? previous?.price;
    if (!name) return new InvalidInputError('name', 'a new product needs a name');
    if (!price) return new InvalidInputError('price', 'a new product needs a price');
    // A sharded stock is read whole and consistently: the shards are laid anew from it.
    const seenShards = previous?.stockShards ? await readStockShards(ctx.store, previous, true) : [];
    const previousStock = previous?.stockShards ? seenShards.reduce((sum, shard) => sum + shard.stock, 0) : previous?.stock;
    const product: Product = {
      code,
      name,
      unit: valid.unit ?? previous?.unit ?? DEFAULT_UNIT,
      price,
      stock: valid.stock ?? previousStock ?? 0,
      commodity: valid.commodity === null ? (previous?.commodity ?? null) : canonicalCommodity(valid.commodity),
      shopId: shop.id,
      sellerPhone: shop.ownerPhone,
      villageId: shop.villageId,
      version: (previous?.version ?? 0) + 1,
      updatedAt: ctx.now().toISOString(),
      ...(previous?.stockShards ? { stockShards: previous.stockShards } : {}),
    };
    const outcome = await putProduct(ctx.store, indexed(product), previous && indexed(previous), seenShards, idempotency);
    if (outcome === 'saved') return product;
    if (outcome === 'repeat') return 'repeat';
  }
  throw new Error(`product ${code} kept changing while it was being saved`);
}

export async function adjustStock(
  ctx: RequestContext,
  input: { code: string; delta: number; idempotencyKey?: string | null },
): Promise<Product | BusinessError> {
  const valid = collect({
    code: parseProductRef('code', input.code),
    delta: checkInteger('delta', input.delta, -MAX_STOCK, MAX_STOCK),
  });
  if (valid instanceof BusinessError) return valid;
  const product = await resolveProduct(ctx, valid.code, null);
  if (!product) return new NotFoundError('product', input.code.trim().toUpperCase().slice(0, 40));
  const forbidden = requireAdminOrPhone(ctx.principal, [product.sellerPhone], "change this product's stock");
  if (forbidden) return forbidden;
  const load = (id: string) => productById(ctx, id);
  return runIdempotent(ctx, 'adjustStock', {
    key: input.idempotencyKey,
    request: { code: productId(product), delta: valid.delta },
    write: async ({ idempotency }) => {
      const outcome = await addStock(ctx.store, product, valid.delta, idempotency(productId(product)));
      if (outcome === 'repeat') return 'repeat';
      const current = await getProduct(ctx.store, product.villageId, product.code);
      if (!current) throw new Error(`product ${productId(product)} disappeared`);
      if (outcome === 'done') return current;
      return valid.delta < 0
        ? new OutOfStockError(product.code, current.stock)
        : new InvalidInputError('delta', `stock would pass the maximum of ${MAX_STOCK}`);
    },
    load,
  });
}

/**
 * Spreads a popular product's stock over shards (up to MAX_STOCK_SHARDS), so that its orders are
 * not all written to one partition key; 1 gathers it back. Administrators only.
 */
export async function setStockShards(
  ctx: RequestContext,
  input: { code: string; shards: number; idempotencyKey?: string | null },
): Promise<Product | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    code: parseProductRef('code', input.code),
    shards: checkInteger('shards', input.shards, 1, MAX_STOCK_SHARDS),
  });
  if (valid instanceof BusinessError) return valid;
  const found = await resolveProduct(ctx, valid.code, null);
  if (!found) return new NotFoundError('product', input.code.trim().toUpperCase().slice(0, 40));
  const id = productId(found);
  return runIdempotent(ctx, 'setStockShards', {
    key: input.idempotencyKey,
    request: { code: id, shards: valid.shards },
    write: async ({ idempotency }) => {
      // Orders keep coming meanwhile: read again and retry when one lands between the read and the write.
      for (let attempt = 0; attempt < 3; attempt++) {
        const product = await getProduct(ctx.store, found.villageId, found.code);
        if (!product) throw new Error(`product ${id} disappeared`);
        const seen = product.stockShards ? await readStockShards(ctx.store, product, true) : [];
        const stock = product.stockShards ? seen.reduce((sum, shard) => sum + shard.stock, 0) : product.stock;
        const outcome = await reshardStock(ctx.store, { ...product, stock }, seen, valid.shards, idempotency(id));
        if (outcome === 'repeat') return 'repeat';
        if (outcome === 'done') return (await getProduct(ctx.store, found.villageId, found.code))!;
      }
      throw new Error(`product ${id} kept changing while its stock was being spread`);
    },
    load: (productKey) => productById(ctx, productKey),
  });
}

/** Lookups by an id or code that cannot exist answer null without asking DynamoDB. */
function validOrNull(value: string | BusinessError): string | null {
  return value instanceof BusinessError ? null : value;
}

export async function findVillage(ctx: RequestContext, id: string): Promise<Village | null> {
  const valid = validOrNull(cleanId('id', id));
  return valid ? getVillage(ctx.store, valid) : null;
}

export async function findServiceCenter(ctx: RequestContext, id: string): Promise<ServiceCenter | null> {
  const valid = validOrNull(cleanCode('id', id));
  return valid ? getServiceCenter(ctx.store, valid) : null;
}

/** Many at once, for the schema's loaders: null where an id cannot exist or is unknown. */
async function findMany<T>(
  ids: readonly string[],
  clean: (id: string) => string | BusinessError,
  get: (valid: string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const cleaned = ids.map((id) => validOrNull(clean(id)));
  const wanted = cleaned.filter((id): id is string => id !== null);
  const found = await get(wanted);
  const byId = new Map(wanted.map((id, i) => [id, found[i] ?? null]));
  return cleaned.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}

export const findVillages = (ctx: RequestContext, ids: readonly string[]) =>
  findMany(
    ids,
    (id) => cleanId('id', id),
    (valid) => getVillages(ctx.store, valid),
  );
export const findServiceCenters = (ctx: RequestContext, ids: readonly string[]) =>
  findMany(
    ids,
    (id) => cleanCode('id', id),
    (valid) => getServiceCenters(ctx.store, valid),
  );
export const findShops = (ctx: RequestContext, ids: readonly string[]) =>
  findMany(
    ids,
    (id) => cleanId('id', id),
    (valid) => getShops(ctx.store, valid),
  );

/**
 * The product a typed code names. A code without its village is looked up in `villageId` when
 * given, or else in the village of the caller's own shop: a seller names their own products bare.
 */
async function resolveProduct(ctx: RequestContext, ref: ProductRef, villageId: string | null): Promise<Product | null> {
  const village = ref.villageId ?? villageId ?? (await villageOfOwnShops(ctx));
  return village ? getProduct(ctx.store, village, ref.code) : null;
}

async function villageOfOwnShops(ctx: RequestContext): Promise<string | null> {
  const phone = phoneOf(ctx.principal);
  if (!phone) return null;
  const villages = new Set((await listShopsOfPhone(ctx.store, phone)).map((shop) => shop.villageId));
  return villages.size === 1 ? [...villages][0]! : null;
}

/** A product by its global id (CODE.VILLAGE). */
async function productById(ctx: RequestContext, id: string): Promise<Product | null> {
  const ref = parseProductRef('id', id);
  return ref instanceof BusinessError || ref.villageId === null ? null : getProduct(ctx.store, ref.villageId, ref.code);
}

export async function findProduct(ctx: RequestContext, code: string, villageId: string | null): Promise<Product | null> {
  const ref = parseProductRef('code', code);
  const village = villageId === null ? null : validOrNull(cleanId('villageId', villageId));
  if (ref instanceof BusinessError || (villageId !== null && village === null)) return null;
  return resolveProduct(ctx, ref, village);
}

/** How many of the products with a bare code an ambiguous answer names. */
export const MAX_NAMED_MATCHES = 10;

/**
 * The product a code names for the caller of the API: as `findProduct`, but a bare code without
 * `villageId` is read in the caller's own market, as they type it by SMS and USSD (the village of
 * their own shop, or else of the center they joined: `joinedVillage`, asked only when needed); a
 * caller without one (an app, an administrator) is answered the one product with that code, or,
 * when several villages have one, an error that names them.
 */
export async function productOfCode(
  ctx: RequestContext,
  code: string,
  villageId: string | null,
  joinedVillage: () => Promise<string | null>,
): Promise<Product | AmbiguousProductCodeError | null> {
  const ref = parseProductRef('code', code);
  if (ref instanceof BusinessError || ref.villageId !== null || villageId !== null) return findProduct(ctx, code, villageId);
  const market = (await villageOfOwnShops(ctx)) ?? (await joinedVillage());
  if (market) return getProduct(ctx.store, market, ref.code);
  const found = await listProductsWithCode(ctx.store, ref.code, MAX_NAMED_MATCHES);
  if (found.items.length > 1) return new AmbiguousProductCodeError(ref.code, found.items.map(productId), found.hasNextPage);
  const [only] = found.items;
  return only ? getProduct(ctx.store, only.villageId, only.code) : null;
}

const indexed = (product: Product): IndexedProduct => ({ product, words: productWords(product) });

/** A page of the products with every search word, or without words every product, of one village or all. */
export async function listProducts(
  ctx: RequestContext,
  search: string | null,
  villageId: string | null,
  request: PageRequest,
): Promise<Page<ProductListing> | BusinessError> {
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  const village = villageId === null ? null : cleanId('villageId', villageId);
  if (village instanceof BusinessError) return village;
  const words = queryWords(search ?? '');
  const found = words.length > 0 ? await searchProducts(ctx.store, words, village, page) : await browseProducts(ctx.store, village, page);
  return found ?? notACursor();
}

export async function shopsOwnedBy(ctx: RequestContext, phone: string): Promise<Shop[]> {
  return listShopsOfPhone(ctx.store, phone);
}

export async function centersRunBy(ctx: RequestContext, phone: string): Promise<ServiceCenter[]> {
  return listCentersOfPartner(ctx.store, phone);
}

/** A page of the products of the caller's own shops, one shop after another. */
export async function myProducts(ctx: RequestContext, request: PageRequest): Promise<Page<ProductListing> | BusinessError> {
  const phone = phoneOf(ctx.principal);
  if (!phone) return new ForbiddenError('only a phone number has shops of its own');
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  const shops = await listShopsOfPhone(ctx.store, phone);
  const ids = shops.map((shop) => shop.id).sort();
  return (await listShopProducts(ctx.store, ids, page)) ?? notACursor();
}

/** Products by id (CODE.VILLAGE), for the schema's loaders: null where an id cannot exist or is unknown. */
export const findProducts = (ctx: RequestContext, ids: readonly string[]) =>
  findMany(
    ids,
    (id) => {
      const ref = parseProductRef('id', id);
      if (ref instanceof BusinessError) return ref;
      return ref.villageId === null
        ? new InvalidInputError('id', 'needs its village')
        : productId({ code: ref.code, villageId: ref.villageId });
    },
    (valid) =>
      getProducts(
        ctx.store,
        valid.map((id) => parseProductRef('id', id) as ProductRef & { villageId: string }),
      ),
  );
