import { requireAdmin, requireAdminOrPhone } from './authorization.js';
import type { Product, ServiceCenter, Shop, Village } from './catalogue.js';
import {
  addStock,
  getProduct,
  getServiceCenter,
  getShop,
  getVillage,
  putProduct,
  putServiceCenter,
  putShop,
  putVillage,
  searchProducts,
} from './catalogue-repository.js';
import type { RequestContext } from './context.js';
import { BusinessError, ForbiddenError, InvalidInputError, NotFoundError, OutOfStockError } from './errors.js';
import { normalizeName } from './market-price.js';
import { type Money, validateMoney } from './money.js';
import { shortCode } from './short-code.js';
import { checkInteger, cleanCode, cleanPhone, cleanText, collect } from './validation.js';

export const MAX_STOCK = 1_000_000;

export async function createVillage(ctx: RequestContext, input: { name: string; households: number }): Promise<Village | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    name: cleanText('name', input.name, 60),
    households: checkInteger('households', input.households, 0, 1_000_000),
  });
  if (valid instanceof BusinessError) return valid;
  const village: Village = {
    id: `V${shortCode(6)}`,
    ...valid,
    activeShopCount: 0,
    createdAt: ctx.now().toISOString(),
  };
  await putVillage(ctx.store, village);
  return village;
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
  });
  if (valid instanceof BusinessError) return valid;
  const center: ServiceCenter = {
    ...valid,
    villageId: input.villageId,
    createdAt: ctx.now().toISOString(),
  };
  const outcome = await putServiceCenter(ctx.store, center);
  if (outcome === 'code-taken') return new InvalidInputError('code', `${center.id} is already taken`);
  if (outcome === 'no-village') return new NotFoundError('village', input.villageId);
  return center;
}

export async function createShop(
  ctx: RequestContext,
  input: { name: string; ownerPhone: string; villageId: string },
): Promise<Shop | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const valid = collect({
    name: cleanText('name', input.name, 60),
    ownerPhone: cleanPhone('ownerPhone', input.ownerPhone),
  });
  if (valid instanceof BusinessError) return valid;
  const shop: Shop = {
    id: `S${shortCode(6)}`,
    ...valid,
    villageId: input.villageId,
    active: true,
    createdAt: ctx.now().toISOString(),
  };
  if ((await putShop(ctx.store, shop)) === 'no-village') return new NotFoundError('village', input.villageId);
  return shop;
}

export interface UpsertProductInput {
  code: string;
  shopId: string;
  name: string;
  unit: string;
  price: Money;
  stock?: number | null;
  commodity?: string | null;
}

export async function upsertProduct(ctx: RequestContext, input: UpsertProductInput): Promise<Product | BusinessError> {
  const valid = collect({
    code: cleanCode('code', input.code),
    name: cleanText('name', input.name, 60),
    unit: cleanText('unit', input.unit, 16),
    price: validateMoney('price', input.price),
    stock: input.stock == null ? null : checkInteger('stock', input.stock, 0, MAX_STOCK),
    commodity: input.commodity ? cleanText('commodity', input.commodity, 40) : null,
  });
  if (valid instanceof BusinessError) return valid;
  const { code, stock, commodity } = valid;

  const shop = await getShop(ctx.store, input.shopId);
  if (!shop) return new NotFoundError('shop', input.shopId);
  const forbidden = requireAdminOrPhone(ctx.principal, [shop.ownerPhone], "change this shop's products");
  if (forbidden) return forbidden;

  // A concurrent order may change the stock between our read and our write: read again and retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const previous = await getProduct(ctx.store, code);
    if (previous && previous.shopId !== shop.id) return new ForbiddenError(`product code ${code} belongs to another shop`);
    const product: Product = {
      code,
      name: valid.name,
      unit: valid.unit,
      price: valid.price,
      stock: stock ?? previous?.stock ?? 0,
      commodity: commodity === null ? null : normalizeName(commodity),
      shopId: shop.id,
      sellerPhone: shop.ownerPhone,
      villageId: shop.villageId,
      updatedAt: ctx.now().toISOString(),
    };
    if ((await putProduct(ctx.store, product, previous)) === 'saved') return product;
  }
  throw new Error(`product ${code} kept changing while it was being saved`);
}

export async function adjustStock(ctx: RequestContext, input: { code: string; delta: number }): Promise<Product | BusinessError> {
  const valid = collect({
    code: cleanCode('code', input.code),
    delta: checkInteger('delta', input.delta, -MAX_STOCK, MAX_STOCK),
  });
  if (valid instanceof BusinessError) return valid;
  const product = await getProduct(ctx.store, valid.code);
  if (!product) return new NotFoundError('product', valid.code);
  const forbidden = requireAdminOrPhone(ctx.principal, [product.sellerPhone], "change this product's stock");
  if (forbidden) return forbidden;
  const updated = await addStock(ctx.store, product.code, valid.delta, ctx.now().toISOString());
  if (updated === 'insufficient') {
    const current = await getProduct(ctx.store, product.code);
    return new OutOfStockError(product.code, current?.stock ?? 0);
  }
  return updated;
}

export async function findVillage(ctx: RequestContext, id: string): Promise<Village | null> {
  return getVillage(ctx.store, id);
}

export async function findServiceCenter(ctx: RequestContext, id: string): Promise<ServiceCenter | null> {
  return getServiceCenter(ctx.store, id.trim().toUpperCase());
}

export async function findShop(ctx: RequestContext, id: string): Promise<Shop | null> {
  return getShop(ctx.store, id);
}

export async function findProduct(ctx: RequestContext, code: string): Promise<Product | null> {
  return getProduct(ctx.store, code.trim().toUpperCase());
}

export async function listProducts(ctx: RequestContext, search: string | null, villageId: string | null): Promise<Product[]> {
  const words = (search ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean).slice(0, 5);
  return searchProducts(ctx.store, words, villageId);
}
