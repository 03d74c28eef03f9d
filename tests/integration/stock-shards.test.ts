import { beforeEach, describe, expect, it } from 'vitest';
import { adjustStock, findProduct, setStockShards, upsertProduct } from '../../core/catalogue/catalogue-service.js';
import { readStockShards } from '../../core/catalogue/stock.js';
import { ForbiddenError, OutOfStockError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { cancelOrder, placeOrder } from '../../core/orders/order-service.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let rice: string;
const asAdmin = () => contextFor(store, admin);
const stock = async () => (await findProduct(asAdmin(), rice, null))!.stock;
/** What each shard holds, read as a gathered product's would be (by the shard count it last had). */
let lastShards = 0;
const shardStocks = async () => {
  const [code, villageId] = rice.split('.') as [string, string];
  const product = await findProduct(asAdmin(), rice, null);
  lastShards = product?.stockShards ?? lastShards;
  return (await readStockShards(store, { code, villageId, stockShards: lastShards }, true)).map((shard) => shard.stock);
};
let key = 0;
const order = (quantity: number, productCode = rice) =>
  placeOrder(contextFor(store, phone(BUYER)), {
    serviceCenterId: 'TST01',
    lines: [{ productCode, quantity }],
    paymentMethod: 'CASH',
    idempotencyKey: `shard-${++key}`,
  });

beforeEach(async () => {
  store = await createTestStore();
  rice = `RICE5.${(await seedCatalogue(store)).village.id}`;
  ok(await adjustStock(asAdmin(), { code: rice, delta: 90 }));
});

describe('a popular product with its stock in shards', () => {
  it('spreads the stock over shards and reads it back whole, and gathers it back', async () => {
    expect(await setStockShards(contextFor(store, phone(SELLER)), { code: rice, shards: 4 })).toBeInstanceOf(ForbiddenError);
    const sharded = ok(await setStockShards(asAdmin(), { code: rice, shards: 8 }));
    expect(sharded).toMatchObject({ stock: 100, stockShards: 8 });
    expect(await shardStocks()).toEqual([13, 13, 13, 13, 12, 12, 12, 12]);
    const gathered = ok(await setStockShards(asAdmin(), { code: rice, shards: 1 }));
    expect(gathered.stock).toBe(100);
    expect(gathered.stockShards).toBeUndefined();
    expect(await shardStocks()).toEqual([]);
  });

  it('sells exactly its stock under 100 concurrent orders, taking from several shards when one runs short', async () => {
    ok(await setStockShards(asAdmin(), { code: rice, shards: 8 }));
    // 100 orders of 1 to 3 (200 units asked) for a stock of 100.
    const quantities = Array.from({ length: 100 }, (_, i) => (i % 3) + 1);
    const results = await Promise.all(quantities.map((quantity) => order(quantity)));
    const sold = results.reduce((sum, result, i) => sum + (result instanceof OutOfStockError ? 0 : quantities[i]!), 0);
    expect(results.every((result) => !(result instanceof Error) || result instanceof OutOfStockError)).toBe(true);
    const left = await stock();
    expect(sold + left).toBe(100);
    expect((await shardStocks()).every((units) => units >= 0)).toBe(true);
    // Whatever is left is too little for each order that was refused.
    for (const [i, result] of results.entries()) if (result instanceof OutOfStockError) expect(quantities[i]!).toBeGreaterThan(left);
    if (left > 0) ok(await order(left));
    expect(await stock()).toBe(0);
    expect(await order(1)).toBeInstanceOf(OutOfStockError);
  });

  it('takes an order from several shards when no one shard holds it all', async () => {
    ok(await adjustStock(asAdmin(), { code: rice, delta: -92 }));
    ok(await setStockShards(asAdmin(), { code: rice, shards: 4 }));
    expect(await shardStocks()).toEqual([2, 2, 2, 2]);
    expect(await order(9)).toMatchObject({ productCode: 'RICE5', available: 8 });
    ok(await order(7));
    expect((await shardStocks()).reduce((sum, units) => sum + units, 0)).toBe(1);
  });

  it('puts a cancelled order back, and a seller sets the stock of a sharded product', async () => {
    ok(await setStockShards(asAdmin(), { code: rice, shards: 4 }));
    const placed = ok(await order(7));
    expect(await stock()).toBe(93);
    ok(await cancelOrder(contextFor(store, phone(BUYER)), placed.code));
    expect(await stock()).toBe(100);
    const set = ok(
      await upsertProduct(contextFor(store, phone(SELLER)), { code: 'RICE5', stock: 42, price: { amount: 1_700_000, currency: 'TZS' } }),
    );
    expect(set).toMatchObject({ stock: 42, stockShards: 4 });
    expect(await shardStocks()).toEqual([11, 11, 10, 10]);
    // An order priced before the change is priced again, at the new price.
    expect(ok(await order(2)).total.amount).toBe(3_400_000);
    ok(await adjustStock(contextFor(store, phone(SELLER)), { code: 'RICE5', delta: -39 }));
    expect(await stock()).toBe(1);
    expect(await adjustStock(contextFor(store, phone(SELLER)), { code: 'RICE5', delta: -2 })).toBeInstanceOf(OutOfStockError);
  });
});
