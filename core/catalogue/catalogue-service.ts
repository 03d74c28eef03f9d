import { once, phoneOf, type RequestContext, requireAdmin, requireAdminOrPhone } from '../access/index.js';
import {
  BusinessError,
  checkInteger,
  cleanCode,
  cleanId,
  cleanPhone,
  cleanText,
  collect,
  ForbiddenError,
  InvalidInputError,
  type Money,
  NotFoundError,
  OutOfStockError,
  shortCode,
  validateMoney,
} from '../common/index.js';
import type { Idempotency } from '../db/index.js';
import { canonicalCommodity } from '../prices/index.js';
import { MAX_STOCK, type Product, type ServiceCenter, type Shop, type Village } from './catalogue.js';
import {
  addStock,
  getProduct,
  getServiceCenter,
  getServiceCenters,
  getShop,
  getShops,
  getVillage,
  getVillages,
  listCentersOfPartner,
  listShopProducts,
  listShopsOfPhone,
  putProduct,
  putServiceCenter,
  putShop,
  putVillage,
  searchProducts,
} from './catalogue-repository.js';

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
  return once(ctx, 'createVillage', {
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
  return once(ctx, 'createShop', {
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
    code: cleanCode('code', input.code),
    name: input.name == null ? null : cleanText('name', input.name, 60),
    unit: input.unit == null ? null : cleanText('unit', input.unit, 16),
    price: input.price == null ? null : validateMoney('price', input.price),
    stock: input.stock == null ? null : checkInteger('stock', input.stock, 0, MAX_STOCK),
    commodity: input.commodity ? cleanText('commodity', input.commodity, 40) : null,
  });
  if (valid instanceof BusinessError) return valid;
  const { code } = valid;

  const shop = await shopForListing(ctx, input.shopId);
  if (shop instanceof BusinessError) return shop;
  const forbidden = requireAdminOrPhone(ctx.principal, [shop.ownerPhone], "change this shop's products");
  if (forbidden) return forbidden;

  const { idempotencyKey, ...request } = input;
  return once(ctx, 'upsertProduct', {
    key: idempotencyKey,
    request,
    write: ({ idempotency }) => saveListing(ctx, shop, valid, idempotency(code)),
    load: (productCode) => getProduct(ctx.store, productCode),
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
    const previous = await getProduct(ctx.store, code);
    if (previous && previous.shopId !== shop.id) return new ForbiddenError(`product code ${code} belongs to another shop`);
    const name = valid.name ?? previous?.name;
    const price = valid.price ?? previous?.price;
    if (!name) return new InvalidInputError('name', 'a new product needs a name');
    if (!price) return new InvalidInputError('price', 'a new product needs a price');
    const product: Product = {
      code,
      name,
      unit: valid.unit ?? previous?.unit ?? DEFAULT_UNIT,
      price,
      stock: valid.stock ?? previous?.stock ?? 0,
      commodity: valid.commodity === null ? (previous?.commodity ?? null) : canonicalCommodity(valid.commodity),
      shopId: shop.id,
      sellerPhone: shop.ownerPhone,
      villageId: shop.villageId,
      version: (previous?.version ?? 0) + 1,
      updatedAt: ctx.now().toISOString(),
    };
    const outcome = await putProduct(ctx.store, product, previous, idempotency);
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
    code: cleanCode('code', input.code),
    delta: checkInteger('delta', input.delta, -MAX_STOCK, MAX_STOCK),
  });
  if (valid instanceof BusinessError) return valid;
  const product = await getProduct(ctx.store, valid.code);
  if (!product) return new NotFoundError('product', valid.code);
  const forbidden = requireAdminOrPhone(ctx.principal, [product.sellerPhone], "change this product's stock");
  if (forbidden) return forbidden;
  const load = async (code: string) => getProduct(ctx.store, code);
  return once(ctx, 'adjustStock', {
    key: input.idempotencyKey,
    request: valid,
    write: async ({ idempotency }) => {
      const outcome = await addStock(ctx.store, product.code, valid.delta, ctx.now().toISOString(), idempotency(product.code));
      if (outcome === 'repeat') return 'repeat';
      const current = await load(product.code);
      if (!current) throw new Error(`product ${product.code} disappeared`);
      if (outcome === 'done') return current;
      return valid.delta < 0
        ? new OutOfStockError(product.code, current.stock)
        : new InvalidInputError('delta', `stock would pass the maximum of ${MAX_STOCK}`);
    },
    load,
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

export async function findProduct(ctx: RequestContext, code: string): Promise<Product | null> {
  const valid = validOrNull(cleanCode('code', code));
  return valid ? getProduct(ctx.store, valid) : null;
}

export async function listProducts(ctx: RequestContext, search: string | null, villageId: string | null): Promise<Product[]> {
  const village = villageId === null ? null : validOrNull(cleanId('villageId', villageId));
  if (villageId !== null && village === null) return [];
  const words = (search ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((word) => word.length > 0 && word.length <= 40)
    .slice(0, 5)
    // "mchele" finds rice: a local commodity name searches as the commodity it names.
    .map((word) => canonicalCommodity(word));
  return searchProducts(ctx.store, words, village);
}

export async function shopsOwnedBy(ctx: RequestContext, phone: string): Promise<Shop[]> {
  return listShopsOfPhone(ctx.store, phone);
}

export async function centersRunBy(ctx: RequestContext, phone: string): Promise<ServiceCenter[]> {
  return listCentersOfPartner(ctx.store, phone);
}

/** The products of the caller's own shops. */
export async function myProducts(ctx: RequestContext): Promise<Product[] | BusinessError> {
  const phone = phoneOf(ctx.principal);
  if (!phone) return new ForbiddenError('only a phone number has shops of its own');
  const shops = await listShopsOfPhone(ctx.store, phone);
  return (await Promise.all(shops.map((shop) => listShopProducts(ctx.store, shop.id)))).flat();
}
