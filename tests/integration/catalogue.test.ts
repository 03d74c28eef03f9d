import { beforeEach, describe, expect, it } from 'vitest';
import { isEcommerceVillage, MAX_STOCK } from '../../core/catalogue/catalogue.js';
import { listShopsOfPhone } from '../../core/catalogue/catalogue-repository.js';
import {
  adjustStock,
  createServiceCenter,
  createShop,
  createVillage,
  findProduct,
  findVillage,
  listProducts,
  upsertProduct,
} from '../../core/catalogue/catalogue-service.js';
import { ForbiddenError, IdempotencyKeyReusedError, InvalidInputError, NotFoundError, OutOfStockError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { OTHER_SELLER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let seeded: Awaited<ReturnType<typeof seedCatalogue>>;
beforeEach(async () => {
  store = await createTestStore();
  seeded = await seedCatalogue(store);
});

const asAdmin = () => contextFor(store, admin);
const rice = (overrides: Partial<Parameters<typeof upsertProduct>[1]> = {}) => ({
  code: 'RICE5',
  shopId: seeded.shop.id,
  name: 'Rice',
  unit: '5 kg bag',
  price: { amount: 1_700_000, currency: 'TZS' },
  ...overrides,
});

describe('villages and shops', () => {
  it('counts active shops in the village, in the same transaction as the shop', async () => {
    const village = await findVillage(asAdmin(), seeded.village.id);
    expect(village?.activeShopCount).toBe(2);
    // 2 shops for 20 households is 10%: a Taobao village.
    expect(isEcommerceVillage(village!)).toBe(true);
    const bigger = ok(await createVillage(asAdmin(), { name: 'Big', households: 1000 }));
    ok(await createShop(asAdmin(), { name: 'Only shop', ownerPhone: SELLER, villageId: bigger.id }));
    expect(isEcommerceVillage((await findVillage(asAdmin(), bigger.id))!)).toBe(false);
  });

  it('refuses a shop in an unknown village and writes nothing', async () => {
    const result = await createShop(asAdmin(), { name: 'Ghost', ownerPhone: '+255754200077', villageId: 'VNOPE' });
    expect(result).toBeInstanceOf(NotFoundError);
    expect(await listShopsOfPhone(store, '+255754200077')).toEqual([]);
  });

  it('creates a shop once for a repeated idempotency key, counted once', async () => {
    const input = { name: 'Twice', ownerPhone: '+255754200078', villageId: seeded.village.id, idempotencyKey: 'shop-1' };
    const [first, again] = [ok(await createShop(asAdmin(), input)), ok(await createShop(asAdmin(), input))];
    expect(again.id).toBe(first.id);
    expect((await findVillage(asAdmin(), seeded.village.id))?.activeShopCount).toBe(3);
    expect(await createShop(asAdmin(), { ...input, name: 'Other' })).toBeInstanceOf(IdempotencyKeyReusedError);
    const village = ok(await createVillage(asAdmin(), { name: 'Once', households: 5, idempotencyKey: 'v-1' }));
    expect(ok(await createVillage(asAdmin(), { name: 'Once', households: 5, idempotencyKey: 'v-1' })).id).toBe(village.id);
  });

  it('refuses a second center with the same code', async () => {
    const result = await createServiceCenter(asAdmin(), {
      code: 'tst01',
      name: 'Again',
      villageId: seeded.village.id,
      partnerPhone: SELLER,
      commissionBps: 100,
    });
    expect(result).toBeInstanceOf(InvalidInputError);
  });

  it('normalizes phones to E.164 and rejects what is not a phone', async () => {
    const shop = ok(await createShop(asAdmin(), { name: 'Spaced', ownerPhone: '+255 754 200 099', villageId: seeded.village.id }));
    expect(shop.ownerPhone).toBe('+255754200099');
    expect(await createShop(asAdmin(), { name: 'Bad', ownerPhone: '12345', villageId: seeded.village.id })).toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('lets only admins create villages, centers and shops', async () => {
    expect(await createVillage(contextFor(store, phone(SELLER)), { name: 'X', households: 1 })).toBeInstanceOf(ForbiddenError);
    expect(await createShop(contextFor(store, app), { name: 'X', ownerPhone: SELLER, villageId: seeded.village.id })).toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('products', () => {
  it("lets the shop's owner change a product, keeping its stock", async () => {
    const updated = ok(await upsertProduct(contextFor(store, phone(SELLER)), rice()));
    expect(updated.price.amount).toBe(1_700_000);
    expect(updated.stock).toBe(10);
  });

  it('refuses other sellers, read-only apps, and codes of another shop', async () => {
    expect(await upsertProduct(contextFor(store, phone(OTHER_SELLER)), rice())).toBeInstanceOf(ForbiddenError);
    expect(await upsertProduct(contextFor(store, app), rice())).toBeInstanceOf(ForbiddenError);
    expect(await upsertProduct(asAdmin(), rice({ shopId: seeded.otherShop.id }))).toBeInstanceOf(ForbiddenError);
    expect((await findProduct(asAdmin(), 'RICE5', seeded.village.id))!.price.amount).toBe(1_650_000);
  });

  it.each([
    ['an unknown currency', { price: { amount: 100, currency: 'XYZ' } }],
    ['a fractional amount', { price: { amount: 10.5, currency: 'TZS' } }],
    ['a negative amount', { price: { amount: -1, currency: 'TZS' } }],
    ['a zero amount', { price: { amount: 0, currency: 'TZS' } }],
    ['a negative stock', { stock: -1 }],
    ['an empty name', { name: '   ' }],
  ])('rejects %s', async (_name, overrides) => {
    expect(await upsertProduct(asAdmin(), rice(overrides))).toBeInstanceOf(InvalidInputError);
    expect((await findProduct(asAdmin(), 'RICE5', seeded.village.id))!.price.amount).toBe(1_650_000);
  });

  it('applies a stock adjustment once for a repeated idempotency key', async () => {
    const seller = contextFor(store, phone(SELLER));
    ok(await adjustStock(seller, { code: 'RICE5', delta: 5, idempotencyKey: 'truck-1' }));
    expect(ok(await adjustStock(seller, { code: 'RICE5', delta: 5, idempotencyKey: 'truck-1' })).stock).toBe(15);
    expect(ok(await adjustStock(seller, { code: 'RICE5', delta: 5, idempotencyKey: 'truck-2' })).stock).toBe(20);
  });

  it('keeps stock under the maximum', async () => {
    const result = await adjustStock(asAdmin(), { code: `RICE5.${seeded.village.id}`, delta: MAX_STOCK });
    expect(result).toBeInstanceOf(InvalidInputError);
    expect((await findProduct(asAdmin(), 'RICE5', seeded.village.id))!.stock).toBe(10);
  });

  it("lists a new product in the seller's own shop, and changes only what is given", async () => {
    const seller = contextFor(store, phone(SELLER));
    expect(await upsertProduct(seller, { code: 'MILLET', price: { amount: 500_000, currency: 'TZS' } })).toBeInstanceOf(InvalidInputError);
    const created = ok(
      await upsertProduct(seller, { code: 'millet', name: 'Millet', price: { amount: 500_000, currency: 'TZS' }, stock: 4 }),
    );
    expect(created).toMatchObject({ shopId: seeded.shop.id, unit: 'piece', stock: 4 });
    const repriced = ok(await upsertProduct(seller, { code: 'MILLET', price: { amount: 550_000, currency: 'TZS' } }));
    expect(repriced).toMatchObject({ name: 'Millet', stock: 4, price: { amount: 550_000 } });
    expect(await upsertProduct(contextFor(store, phone('+255754200099')), { code: 'MILLET', stock: 1 })).toBeInstanceOf(NotFoundError);
  });

  it('answers impossible ids as not found without asking DynamoDB', async () => {
    expect(await findProduct(asAdmin(), 'X'.repeat(3000), seeded.village.id)).toBeNull();
    expect(await findVillage(asAdmin(), 'V'.repeat(3000))).toBeNull();
    expect(await listProducts(asAdmin(), 'rice', 'V'.repeat(3000), { first: 20, after: null })).toBeInstanceOf(InvalidInputError);
  });

  it('adjusts stock by a delta and never below zero', async () => {
    const seller = contextFor(store, phone(SELLER));
    expect(ok(await adjustStock(seller, { code: 'rice5', delta: 5 })).stock).toBe(15);
    expect(ok(await adjustStock(seller, { code: 'RICE5', delta: -15 })).stock).toBe(0);
    const below = await adjustStock(seller, { code: 'RICE5', delta: -1 });
    expect(below).toBeInstanceOf(OutOfStockError);
    expect((await findProduct(asAdmin(), 'RICE5', seeded.village.id))!.stock).toBe(0);
    expect(await adjustStock(contextFor(store, phone(OTHER_SELLER)), { code: 'RICE5', delta: 1 })).toBeInstanceOf(ForbiddenError);
    expect(await adjustStock(contextFor(store, app), { code: `RICE5.${seeded.village.id}`, delta: 1 })).toBeInstanceOf(ForbiddenError);
  });

  it('searches by words in name, code or commodity, per village or everywhere', async () => {
    const ctx = contextFor(store, app);
    const codes = async (search: string, villageId: string | null) =>
      ok(await listProducts(ctx, search, villageId, { first: 20, after: null })).items.map((p) => p.code);
    expect(await codes('rice', null)).toEqual(['RICE5']);
    expect((await codes('PRODUCT', seeded.village.id)).sort()).toEqual(['BEANS2', 'HOE1', 'RICE5']);
    expect(await codes('rice', 'VOTHER')).toEqual([]);
    expect(await codes('product beans', null)).toEqual(['BEANS2']);
    // A local name finds its commodity; words match whole, so a part of a word finds nothing.
    expect(await codes('mchele', null)).toEqual(['RICE5']);
    expect(await codes('ric', null)).toEqual([]);
  });
});
