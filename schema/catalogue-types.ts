import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { RequestContext } from '../core/access/index.js';
import {
  adjustStock,
  createServiceCenter,
  createShop,
  createVillage,
  findProducts,
  findServiceCenter,
  findShops,
  findVillage,
  findVillages,
  isEcommerceVillage,
  listProducts,
  MAX_STOCK_SHARDS,
  myProducts,
  type Product,
  type ProductListing,
  productId,
  productOfCode,
  type ServiceCenter,
  type Shop,
  setStockShards,
  upsertProduct,
  type Village,
} from '../core/catalogue/index.js';
import { AmbiguousProductCodeError, IdempotencyKeyReusedError, OutOfStockError } from '../core/common/index.js';
import { joinedVillageOf } from '../core/members/index.js';
import { builder, orBadInput, orThrow } from './builder.js';
import { connectionType, pageArgs, pageRequest } from './connection.js';
import { commonErrors } from './error-types.js';
import { MoneyInput, MoneyType } from './money-type.js';

const VillageType = builder.objectRef<Village>('Village').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    households: t.exposeInt('households'),
    shopCount: t.exposeInt('activeShopCount', { description: 'Active shops in the village.' }),
    isEcommerceVillage: t.boolean({
      description: 'The Taobao Village rule: at least 100 active shops, or at least 10% of households run one.',
      resolve: (village) => isEcommerceVillage(village),
    }),
  }),
});

export const ServiceCenterType = builder.objectRef<ServiceCenter>('ServiceCenter').implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The short code villagers type to join the center.' }),
    name: t.exposeString('name'),
    partnerPhone: t.exposeString('partnerPhone'),
    commissionBps: t.exposeInt('commissionBps', { description: "The partner's commission in basis points (1/100 of a percent)." }),
    villageId: t.exposeID('villageId'),
    village: t.loadable({
      type: VillageType,
      nullable: true,
      load: (ids: string[], ctx) => findVillages(ctx, ids),
      resolve: (center) => center.villageId,
    }),
  }),
});

export const ShopType = builder.objectRef<Shop>('Shop').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    ownerPhone: t.exposeString('ownerPhone'),
    active: t.exposeBoolean('active'),
    village: t.loadable({
      type: VillageType,
      nullable: true,
      load: (ids: string[], ctx) => findVillages(ctx, ids),
      resolve: (shop) => shop.villageId,
    }),
  }),
});

/** Each product's stock, read for every product of a response at once: lists carry no stock. */
const stockLoader = createContextCache(
  (ctx: RequestContext) =>
    new DataLoader<string, number | null>(async (ids) => (await findProducts(ctx, ids)).map((product) => product?.stock ?? null)),
);

export const ProductType = builder.objectRef<Product | ProductListing>('Product').implement({
  description: 'A product listed by a shop. Its code is unique within its village; its id works anywhere.',
  fields: (t) => ({
    id: t.id({
      description: 'Global and stable: the code with its village (CODE.VILLAGE). Anyone, anywhere, may type it to order.',
      resolve: (product) => productId(product),
    }),
    code: t.exposeString('code', { description: 'What villagers of the same village type.' }),
    name: t.exposeString('name'),
    unit: t.exposeString('unit'),
    price: t.field({ type: MoneyType, resolve: (product) => product.price }),
    stock: t.int({
      description: 'Now, read from the product itself.',
      resolve: async (product, _args, ctx) =>
        'stock' in product ? product.stock : ((await stockLoader(ctx).load(productId(product))) ?? 0),
    }),
    commodity: t.exposeString('commodity', { nullable: true }),
    villageId: t.exposeID('villageId'),
    shop: t.loadable({
      type: ShopType,
      nullable: true,
      load: (ids: string[], ctx) => findShops(ctx, ids),
      resolve: (product) => product.shopId,
    }),
  }),
});

const ProductConnection = connectionType('Product', ProductType);

builder.queryFields((t) => ({
  products: t.field({
    type: ProductConnection,
    description:
      'A page of the products with every search word (whole words of the name, code or commodity), or without `search` every product; of one village or all.',
    args: { search: t.arg.string({ required: false }), villageId: t.arg.id({ required: false }), ...pageArgs(t.arg) },
    resolve: async (_root, args, ctx) =>
      orBadInput(await listProducts(ctx, args.search ?? null, args.villageId == null ? null : String(args.villageId), pageRequest(args))),
  }),
  myProducts: t.field({
    type: ProductConnection,
    description: "A page of the products of the caller's own shops.",
    errors: { types: commonErrors },
    args: pageArgs(t.arg),
    resolve: async (_root, args, ctx) => orThrow(await myProducts(ctx, pageRequest(args))),
  }),
  product: t.field({
    type: ProductType,
    nullable: true,
    description:
      "A product by its id (CODE.VILLAGE) or by its code: in `villageId`, or else in the caller's own village (their shop's, or their center's); for a caller without one, the one product with that code, or an error naming the ids of all that have it. Null when there is none.",
    args: { code: t.arg.string(), villageId: t.arg.id({ required: false }) },
    errors: { types: [AmbiguousProductCodeError] },
    resolve: async (_root, args, ctx) =>
      orThrow<Product | null>(
        await productOfCode(ctx, args.code, args.villageId == null ? null : String(args.villageId), () => joinedVillageOf(ctx)),
      ),
  }),
  serviceCenter: t.field({
    type: ServiceCenterType,
    nullable: true,
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => findServiceCenter(ctx, String(args.id)),
  }),
  village: t.field({
    type: VillageType,
    nullable: true,
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => findVillage(ctx, String(args.id)),
  }),
}));

const CreateVillageInput = builder.inputType('CreateVillageInput', {
  fields: (t) => ({
    name: t.string(),
    households: t.int(),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first result and changes nothing.' }),
  }),
});

const CreateServiceCenterInput = builder.inputType('CreateServiceCenterInput', {
  fields: (t) => ({
    code: t.string({ description: '2 to 12 letters or digits, unique.' }),
    name: t.string(),
    villageId: t.id(),
    partnerPhone: t.string(),
    commissionBps: t.int(),
  }),
});

const CreateShopInput = builder.inputType('CreateShopInput', {
  fields: (t) => ({
    name: t.string(),
    ownerPhone: t.string(),
    villageId: t.id(),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first result and changes nothing.' }),
  }),
});

const UpsertProductInput = builder.inputType('UpsertProductInput', {
  fields: (t) => ({
    code: t.string({ description: "The product's code in the shop's village; a code another village uses is free here." }),
    shopId: t.id({ required: false, description: "Left out: the caller's own shop." }),
    name: t.string({ required: false, description: 'Required for a new product.' }),
    unit: t.string({ required: false, description: 'Such as "5 kg bag"; a new product without one is sold by the piece.' }),
    price: t.field({ type: MoneyInput, required: false, description: 'Required for a new product.' }),
    stock: t.int({ required: false, description: 'Sets the stock; left out, an existing product keeps its stock.' }),
    commodity: t.string({ required: false, description: 'The commodity whose market prices apply, such as maize.' }),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first result and changes nothing.' }),
  }),
});

const AdjustStockInput = builder.inputType('AdjustStockInput', {
  fields: (t) => ({
    code: t.string({ description: "The product's id, or its code in the village of the caller's own shop." }),
    delta: t.int({ description: 'Added to the stock; negative to take away.' }),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first result and changes nothing.' }),
  }),
});

const SetStockShardsInput = builder.inputType('SetStockShardsInput', {
  fields: (t) => ({
    code: t.string({ description: "The product's id (CODE.VILLAGE)." }),
    shards: t.int({ description: `1 (the stock on the product itself) to ${MAX_STOCK_SHARDS}.` }),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first result and changes nothing.' }),
  }),
});

builder.mutationFields((t) => ({
  createVillage: t.field({
    type: VillageType,
    args: { input: t.arg({ type: CreateVillageInput }) },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) => orThrow(await createVillage(ctx, input)),
  }),
  createServiceCenter: t.field({
    type: ServiceCenterType,
    args: { input: t.arg({ type: CreateServiceCenterInput }) },
    errors: { types: commonErrors },
    resolve: async (_root, { input }, ctx) => orThrow(await createServiceCenter(ctx, { ...input, villageId: String(input.villageId) })),
  }),
  createShop: t.field({
    type: ShopType,
    args: { input: t.arg({ type: CreateShopInput }) },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) => orThrow(await createShop(ctx, { ...input, villageId: String(input.villageId) })),
  }),
  upsertProduct: t.field({
    type: ProductType,
    args: { input: t.arg({ type: UpsertProductInput }) },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) =>
      orThrow(await upsertProduct(ctx, { ...input, shopId: input.shopId == null ? null : String(input.shopId) })),
  }),
  adjustStock: t.field({
    type: ProductType,
    args: { input: t.arg({ type: AdjustStockInput }) },
    errors: { types: [...commonErrors, OutOfStockError, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) => orThrow(await adjustStock(ctx, input)),
  }),
  setStockShards: t.field({
    type: ProductType,
    description:
      "Spreads a popular product's stock over shards, so that its orders are not all written to one partition key (administrators).",
    args: { input: t.arg({ type: SetStockShardsInput }) },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) => orThrow(await setStockShards(ctx, input)),
  }),
}));
