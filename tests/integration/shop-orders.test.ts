import { beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../core/catalogue/catalogue-service.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { acceptOrder, placeOrder, shopOrders } from '../../core/orders/order-service.js';
import { BUYER, OTHER_SELLER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let shops: Awaited<ReturnType<typeof seedCatalogue>>;
beforeEach(async () => {
  store = await createTestStore();
  shops = await seedCatalogue(store);
});

const order = async (productCode: string, key: string) =>
  ok(
    await placeOrder(contextFor(store, phone(BUYER)), {
      serviceCenterId: 'TST01',
      lines: [{ productCode, quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: key,
    }),
  );
const codes = (page: { items: { code: string }[] }) => page.items.map((o) => o.code);
/** More stock for the seller's products, so that many orders can be placed. */
const adjustStockBy = async (delta: number) => {
  const seller = contextFor(store, phone(SELLER));
  ok(await adjustStock(seller, { code: 'RICE5', delta }));
  return adjustStock(seller, { code: 'BEANS2', delta });
};

describe("a shop's orders", () => {
  it("lists the seller's own, newest first, filtered by status, a page at a time", async () => {
    const first = await order('RICE5', 'a');
    const second = await order('BEANS2', 'b');
    const third = await order('RICE5', 'c');
    await order('HOE1', 'other shop');
    ok(await acceptOrder(contextFor(store, phone(SELLER)), second.code));

    const seller = contextFor(store, phone(SELLER));
    expect(codes(ok(await shopOrders(seller, {}, { first: 10, after: null })))).toEqual([third.code, second.code, first.code]);
    expect(codes(ok(await shopOrders(seller, { statuses: ['PLACED'] }, { first: 10, after: null })))).toEqual([third.code, first.code]);
    const page = ok(await shopOrders(seller, {}, { first: 2, after: null }));
    expect(codes(page)).toEqual([third.code, second.code]);
    expect(codes(ok(await shopOrders(seller, {}, { first: 2, after: page.endCursor })))).toEqual([first.code]);
  });

  it('pages through the orders of one status across its shards, each once, however sparse they are', async () => {
    const seller = contextFor(store, phone(SELLER));
    const placed: string[] = [];
    for (let i = 0; i < 14; i++) {
      const made = await order(i % 2 ? 'RICE5' : 'BEANS2', `many-${i}`);
      // Most are accepted at once: the ones still placed are few, in any shard.
      if (i % 5 === 0) placed.unshift(made.code);
      else ok(await acceptOrder(seller, made.code));
      if (i === 4) ok(await adjustStockBy(6));
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { code: string }[]; endCursor: string | null } = ok(
        await shopOrders(seller, { statuses: ['PLACED'] }, { first: 2, after }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...codes(page));
      after = page.endCursor;
    } while (after);
    expect(seen).toEqual(placed);
  });

  it("lets an admin read any shop's, and nobody else another seller's", async () => {
    const placed = await order('HOE1', 'h');
    expect(codes(ok(await shopOrders(contextFor(store, admin), { shopId: shops.otherShop.id }, { first: 10, after: null })))).toEqual([
      placed.code,
    ]);
    expect(await shopOrders(contextFor(store, admin), {}, { first: 10, after: null })).toBeInstanceOf(InvalidInputError);
    expect(await shopOrders(contextFor(store, phone(SELLER)), { shopId: shops.otherShop.id }, { first: 10, after: null })).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await shopOrders(contextFor(store, phone(BUYER)), {}, { first: 10, after: null })).toBeInstanceOf(NotFoundError);
    expect(codes(ok(await shopOrders(contextFor(store, phone(OTHER_SELLER)), {}, { first: 10, after: null })))).toEqual([placed.code]);
  });
});
