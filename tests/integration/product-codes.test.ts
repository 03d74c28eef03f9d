import { graphql } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import {
  adjustStock,
  createServiceCenter,
  createShop,
  createVillage,
  findProduct,
  MAX_NAMED_MATCHES,
  productOfCode,
  upsertProduct,
} from '../../core/catalogue/catalogue-service.js';
import { AmbiguousProductCodeError, InvalidInputError, NotFoundError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { joinedVillageOf, joinServiceCenter } from '../../core/members/member-service.js';
import { getOrder } from '../../core/orders/order-repository.js';
import { placeOrder } from '../../core/orders/order-service.js';
import { schema } from '../../schema/index.js';
import { BUYER, OTHER_BUYER, OTHER_SELLER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

// Two villages' markets, each with its own RICE5: the fixture's Testville (RICE5 of SELLER, center
// TST01) and Hillside (RICE5 of a third seller, center HIL01).
const HILL_SELLER = '+255754200004';

let store: Store;
let home: string;
let hill: string;
let sid = 0;
const text = (from: string, body: string) => handleInboundSms(store, { from, body, messageSid: `SMcodes${++sid}` }, 'test', new Date());

beforeEach(async () => {
  store = await createTestStore();
  home = (await seedCatalogue(store)).village.id;
  const ctx = contextFor(store, admin);
  hill = ok(await createVillage(ctx, { name: 'Hillside', households: 40 })).id;
  ok(
    await createServiceCenter(ctx, {
      code: 'HIL01',
      name: 'Hill Center',
      villageId: hill,
      partnerPhone: '+255754200005',
      commissionBps: 500,
    }),
  );
  const shop = ok(await createShop(ctx, { name: 'Hill Grain', ownerPhone: HILL_SELLER, villageId: hill }));
  ok(
    await upsertProduct(contextFor(store, phone(HILL_SELLER)), {
      code: 'RICE5',
      name: 'Hill rice',
      unit: 'bag',
      price: { amount: 1_500_000, currency: 'TZS' },
      stock: 7,
      commodity: 'rice',
    }),
  );
  expect(shop.villageId).toBe(hill);
  ok(await joinServiceCenter(contextFor(store, phone(BUYER)), 'TST01'));
  ok(await joinServiceCenter(contextFor(store, phone(OTHER_BUYER)), 'HIL01'));
});

describe('product codes, unique within a village', () => {
  it('lets a seller in another village list a code already used elsewhere, and keeps both apart', async () => {
    const ours = await findProduct(contextFor(store, admin), `RICE5.${home}`, null);
    const theirs = await findProduct(contextFor(store, admin), `rice5.${hill.toLowerCase()}`, null);
    expect(ours).toMatchObject({ name: 'Product RICE5', villageId: home, stock: 10 });
    expect(theirs).toMatchObject({ name: 'Hill rice', villageId: hill, stock: 7 });
    // A bare code is read in a village: given, or the village of the caller's own shop.
    expect((await findProduct(contextFor(store, admin), 'RICE5', hill))?.name).toBe('Hill rice');
    expect((await findProduct(contextFor(store, phone(SELLER)), 'RICE5', null))?.name).toBe('Product RICE5');
    expect((await findProduct(contextFor(store, phone(HILL_SELLER)), 'RICE5', null))?.name).toBe('Hill rice');
    // Nobody's market, no village: nothing, rather than a guess.
    expect(await findProduct(contextFor(store, admin), 'RICE5', null)).toBeNull();
  });

  it("refuses a listing in another village than the shop's, and another shop's code in the same village", async () => {
    const seller = contextFor(store, phone(SELLER));
    const elsewhere = await upsertProduct(seller, { code: `TEA1.${hill}`, name: 'Tea', price: { amount: 100, currency: 'TZS' } });
    expect(elsewhere).toBeInstanceOf(InvalidInputError);
    const taken = await upsertProduct(contextFor(store, phone(OTHER_SELLER)), { code: 'RICE5', price: { amount: 1, currency: 'TZS' } });
    expect(taken).toMatchObject({ message: 'product code RICE5 belongs to another shop' });
  });

  it('changes stock only of the product the code names', async () => {
    ok(await adjustStock(contextFor(store, phone(HILL_SELLER)), { code: 'RICE5', delta: 3 }));
    expect((await findProduct(contextFor(store, admin), `RICE5.${hill}`, null))?.stock).toBe(10);
    expect((await findProduct(contextFor(store, admin), `RICE5.${home}`, null))?.stock).toBe(10);
    expect(await adjustStock(contextFor(store, admin), { code: 'RICE5', delta: 1 })).toBeInstanceOf(NotFoundError);
  });

  it("orders by SMS from each village's own RICE5 with the bare code", async () => {
    const homeReply = await text(BUYER, 'ORDER 2 RICE5');
    const hillReply = await text(OTHER_BUYER, 'ORDER 3 RICE5');
    const homeCode = homeReply?.match(/Order ([A-Z0-9]{6})/)?.[1];
    const hillCode = hillReply?.match(/Order ([A-Z0-9]{6})/)?.[1];
    expect((await getOrder(store, homeCode!))?.lines[0]).toMatchObject({ productId: `RICE5.${home}`, productCode: 'RICE5', quantity: 2 });
    expect((await getOrder(store, hillCode!))?.lines[0]).toMatchObject({ productId: `RICE5.${hill}`, productCode: 'RICE5', quantity: 3 });
    expect((await findProduct(contextFor(store, admin), `RICE5.${home}`, null))?.stock).toBe(8);
    expect((await findProduct(contextFor(store, admin), `RICE5.${hill}`, null))?.stock).toBe(4);
  });

  it('shows by FIND the code a villager types: bare at home, with its village from elsewhere; and orders it so', async () => {
    const found = await text(BUYER, 'FIND rice');
    expect(found).toContain('RICE5 Product RICE5');
    expect(found).toContain(`RICE5.${hill} Hill rice`);
    const reply = await text(BUYER, `ORDER 1 RICE5.${hill}`);
    const code = reply?.match(/Order ([A-Z0-9]{6})/)?.[1];
    const order = await getOrder(store, code!);
    // Picked up at the buyer's own center, bought from the Hillside seller.
    expect(order).toMatchObject({ centerId: 'TST01', sellerPhone: HILL_SELLER, sellerVillageId: hill });
  });

  it("resolves an API order's bare codes in the village of its service center, and merges a product named twice", async () => {
    const buyer = contextFor(store, phone(OTHER_BUYER));
    const order = ok(
      await placeOrder(buyer, {
        serviceCenterId: 'HIL01',
        lines: [
          { productCode: 'rice5', quantity: 1 },
          { productCode: `RICE5.${hill}`, quantity: 2 },
        ],
        paymentMethod: 'CASH',
        idempotencyKey: 'k-merge',
      }),
    );
    expect(order.lines).toEqual([expect.objectContaining({ productId: `RICE5.${hill}`, quantity: 3 })]);
    const unknown = await placeOrder(buyer, {
      serviceCenterId: 'HIL01',
      lines: [{ productCode: 'BEANS2', quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'k-unknown',
    });
    // BEANS2 is sold in Testville only: at Hillside's center the bare code names nothing.
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it("answers a bare code in the caller's own market, or for a caller without one the one product with it, or an error naming all", async () => {
    const ask = (principal: Parameters<typeof contextFor>[1], code: string) => {
      const ctx = contextFor(store, principal);
      return productOfCode(ctx, code, null, () => joinedVillageOf(ctx));
    };
    // A seller's own shop, a buyer's joined center: their own village's RICE5.
    expect(await ask(phone(HILL_SELLER), 'RICE5')).toMatchObject({ villageId: hill, name: 'Hill rice' });
    expect(await ask(phone(BUYER), 'rice5')).toMatchObject({ villageId: home, stock: 10 });
    expect(await ask(phone(OTHER_BUYER), 'RICE5')).toMatchObject({ villageId: hill });
    expect(await ask(phone(OTHER_BUYER), 'BEANS2')).toBeNull();
    // Without a market of their own: the one product with the code, or an error that names every one.
    expect(await ask(app, 'BEANS2')).toMatchObject({ villageId: home, code: 'BEANS2', stock: 5 });
    expect(await ask(phone('+255754200099'), 'HOE1')).toMatchObject({ villageId: home, code: 'HOE1' });
    const ambiguous = await ask(admin, 'RICE5');
    expect(ambiguous).toBeInstanceOf(AmbiguousProductCodeError);
    expect(ambiguous).toMatchObject({ productCode: 'RICE5', matches: [`RICE5.${home}`, `RICE5.${hill}`].sort(), moreMatches: false });
    expect(await ask(app, 'TEA9')).toBeNull();
    // A product whose name has the code as a word is no product of that code.
    const ctx = contextFor(store, phone(HILL_SELLER));
    ok(await upsertProduct(ctx, { code: 'HOEX', name: 'Like hoe1', price: { amount: 100, currency: 'TZS' } }));
    expect(await ask(app, 'HOE1')).toMatchObject({ villageId: home, code: 'HOE1' });
  });

  it('names the first products of an ambiguous code and says when there are more', async () => {
    const ctx = contextFor(store, admin);
    for (let i = 0; i < MAX_NAMED_MATCHES; i++) {
      const village = ok(await createVillage(ctx, { name: `Village ${i}`, households: 10 })).id;
      const shop = ok(
        await createShop(ctx, { name: `Shop ${i}`, ownerPhone: `+2557542101${String(i).padStart(2, '0')}`, villageId: village }),
      );
      ok(await upsertProduct(ctx, { code: 'RICE5', shopId: shop.id, name: 'Rice', price: { amount: 100, currency: 'TZS' } }));
    }
    const ambiguous = await productOfCode(ctx, 'RICE5', null, async () => null);
    expect(ambiguous).toMatchObject({ moreMatches: true });
    expect((ambiguous as AmbiguousProductCodeError).matches).toHaveLength(MAX_NAMED_MATCHES);
  });

  it('answers `product(code:)` through the schema with the product or the typed error', async () => {
    const run = (principal: Parameters<typeof contextFor>[1], code: string) =>
      graphql({
        schema,
        source: `{ product(code: "${code}") { __typename ... on ProductSuccess { data { id code } }
          ... on AmbiguousProductCodeError { code productCode matches moreMatches message } } }`,
        contextValue: contextFor(store, principal),
      });
    expect((await run(phone(OTHER_BUYER), 'RICE5')).data).toEqual({
      product: { __typename: 'ProductSuccess', data: { id: `RICE5.${hill}`, code: 'RICE5' } },
    });
    const ambiguous = await run(app, 'RICE5');
    expect(ambiguous.errors).toBeUndefined();
    const matches = [`RICE5.${home}`, `RICE5.${hill}`].sort();
    expect(ambiguous.data).toEqual({
      product: {
        __typename: 'AmbiguousProductCodeError',
        code: 'AMBIGUOUS_PRODUCT_CODE',
        productCode: 'RICE5',
        matches,
        moreMatches: false,
        message: `RICE5 is the code of products in several villages (${matches.join(', ')}): name one by its id`,
      },
    });
    expect((await run(app, 'TEA9')).data).toEqual({ product: null });
  });
});
