import { beforeEach, describe, expect, it } from 'vitest';
import {
  adjustStock,
  createServiceCenter,
  createShop,
  createVillage,
  findProduct,
  findVillage,
  listProducts,
  upsertProduct,
} from '../../core/catalogue-service.js';
import { isEcommerceVillage } from '../../core/catalogue.js';
import { ForbiddenError, InvalidInputError, NotFoundError, OutOfStockError } from '../../core/errors.js';
import type { Store } from '../../core/store.js';
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
    const result = await createShop(asAdmin(), { name: 'Ghost', ownerPhone: SELLER, villageId: 'VNOPE' });
    expect(result).toBeInstanceOf(NotFoundError);
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
    expect(await createShop(asAdmin(), { name: 'Bad', ownerPhone: '12345', villageId: seeded.village.id })).toBeInstanceOf(InvalidInputError);
  });

  it('lets only admins create villages, centers and shops', async () => {
    expect(await createVillage(contextFor(store, phone(SELLER)), { name: 'X', households: 1 })).toBeInstanceOf(ForbiddenError);
    expect(await createShop(contextFor(store, app), { name: 'X', ownerPhone: SELLER, villageId: seeded.village.id })).toBeInstanceOf(ForbiddenError);
  });
});

describe('products', () => {
  it("lets the shop's owner change a product, keeping its stock", async () => {
    const updated = ok(await upsertProduct(contextFor(store, phone(SELLER)), rice()));
    expect(updated.price.amount).toBe(1_700_000);
    expect(updated.stock).toBe(10);
  });

  it("refuses other sellers, read-only apps, and codes of another shop", async () => {
    expect(await upsertProduct(contextFor(store, phone(OTHER_SELLER)), rice())).toBeInstanceOf(ForbiddenError);
    expect(await upsertProduct(contextFor(store, app), rice())).toBeInstanceOf(ForbiddenError);
    expect(await upsertProduct(asAdmin(), rice({ shopId: seeded.otherShop.id }))).toBeInstanceOf(ForbiddenError);
    expect((await findProduct(asAdmin(), 'RICE5'))!.price.amount).toBe(1_650_000);
  });

  it.each([
    ['an unknown currency', { price: { amount: 100, currency: 'XYZ' } }],
    ['a fractional amount', { price: { amount: 10.5, currency: 'TZS' } }],
    ['a negative amount', { price: { amount: -1, currency: 'TZS' } }],
    ['a negative stock', { stock: -1 }],
    ['an empty name', { name: '   ' }],
  ])('rejects %s', async (_name, overrides) => {
    expect(await upsertProduct(asAdmin(), rice(overrides))).toBeInstanceOf(InvalidInputError);
    expect((await findProduct(asAdmin(), 'RICE5'))!.price.amount).toBe(1_650_000);
  });

  it('adjusts stock by a delta and never below zero', async () => {
    const seller = contextFor(store, phone(SELLER));
    expect(ok(await adjustStock(seller, { code: 'rice5', delta: 5 })).stock).toBe(15);
    expect(ok(await adjustStock(seller, { code: 'RICE5', delta: -15 })).stock).toBe(0);
    const below = await adjustStock(seller, { code: 'RICE5', delta: -1 });
    expect(below).toBeInstanceOf(OutOfStockError);
    expect((await findProduct(asAdmin(), 'RICE5'))!.stock).toBe(0);
    expect(await adjustStock(contextFor(store, phone(OTHER_SELLER)), { code: 'RICE5', delta: 1 })).toBeInstanceOf(ForbiddenError);
  });

  it('searches by words in name, code or commodity, per village or everywhere', async () => {
    const ctx = contextFor(store, app);
    expect((await listProducts(ctx, 'rice', null)).map((p) => p.code)).toEqual(['RICE5']);
    expect((await listProducts(ctx, 'PRODUCT', seeded.village.id)).map((p) => p.code).sort()).toEqual(['BEANS2', 'HOE1', 'RICE5']);
    expect(await listProducts(ctx, 'rice', 'VOTHER')).toEqual([]);
    expect((await listProducts(ctx, 'product beans', null)).map((p) => p.code)).toEqual(['BEANS2']);
  });
});
