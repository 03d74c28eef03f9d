import { graphql } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/principal.js';
import type { Store } from '../../core/db/store.js';
import { schema } from '../../schema/index.js';
import { BUYER, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let villageId: string;
beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
});

async function run(principal: Principal, source: string, variableValues?: Record<string, unknown>) {
  return graphql({ schema, source, variableValues, contextValue: contextFor(store, principal) });
}

const PLACE = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on PlaceOrderSuccess { data { code status total { amount currency formatted } lines { productCode quantity } } }
    ... on OutOfStockError { productCode available }
    ... on Error { message code }
  }
}`;

const placeInput = (quantity: number, key = 'k1') => ({
  input: { serviceCenterId: 'TST01', lines: [{ productCode: 'RICE5', quantity }], paymentMethod: 'CASH', idempotencyKey: key },
});

const stock = async () => {
  const result = await run(app, `{ product(code: "RICE5.${villageId}") { ... on ProductSuccess { data { stock } } } }`);
  return (result.data as { product: { data: { stock: number } } }).product.data.stock;
};

describe('the GraphQL schema', () => {
  it('places an order and returns the success member of the union', async () => {
    const result = await run(phone(BUYER), PLACE, placeInput(2));
    expect(result.errors).toBeUndefined();
    const placed = (result.data as any).placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    expect(placed.data.total).toEqual({ amount: 3_300_000, currency: 'TZS', formatted: 'TZS 33,000.00' });
    expect(await stock()).toBe(8);
  });

  it('returns business outcomes as typed union members', async () => {
    const outOfStock = (await run(phone(BUYER), PLACE, placeInput(11))).data as any;
    expect(outOfStock.placeOrder).toEqual({
      __typename: 'OutOfStockError',
      productCode: 'RICE5',
      available: 10,
      message: 'RICE5: only 10 in stock',
      code: 'OUT_OF_STOCK',
    });
    const zero = (await run(phone(BUYER), PLACE, placeInput(0))).data as any;
    expect(zero.placeOrder.__typename).toBe('InvalidInputError');
    const fromApp = (await run(app, PLACE, placeInput(1))).data as any;
    expect(fromApp.placeOrder.__typename).toBe('ForbiddenError');
    expect(await stock()).toBe(10);
  });

  it('rejects wrong types before any resolver runs', async () => {
    const result = await run(phone(BUYER), PLACE, placeInput('two' as unknown as number));
    expect(result.errors?.[0]?.message).toMatch(/Int cannot represent/);
    expect(result.data).toBeUndefined();
    expect(await stock()).toBe(10);
  });

  it('walks an order through accept, ship and the illegal cancel after shipping', async () => {
    const code = ((await run(phone(BUYER), PLACE, placeInput(1))).data as any).placeOrder.data.code;
    const transition = (principal: Principal, field: string) =>
      run(
        principal,
        `mutation { ${field}(code: "${code}") { __typename ... on Error { code } ... on IllegalTransitionError { from to } } }`,
      );
    expect(((await transition(phone(BUYER), 'acceptOrder')).data as any).acceptOrder.__typename).toBe('ForbiddenError');
    expect(((await transition(phone(SELLER), 'acceptOrder')).data as any).acceptOrder.__typename).toBe('AcceptOrderSuccess');
    expect(((await transition(phone(SELLER), 'shipOrder')).data as any).shipOrder.__typename).toBe('ShipOrderSuccess');
    expect(((await transition(phone(BUYER), 'cancelOrder')).data as any).cancelOrder).toEqual({
      __typename: 'IllegalTransitionError',
      code: 'ILLEGAL_TRANSITION',
      from: 'SHIPPED',
      to: 'CANCELLED',
    });
  });

  it("shows a buyer only their own orders, and a partner's cash payment in the ledger", async () => {
    const placed = ((await run(phone(BUYER), PLACE, placeInput(1))).data as any).placeOrder.data;
    const mine = (await run(phone(BUYER), '{ myOrders { ... on MyOrdersSuccess { data { nodes { code } } } } }')).data as any;
    expect(mine.myOrders.data.nodes).toEqual([{ code: placed.code }]);
    const theirs = (await run(phone(SELLER), `{ order(code: "${placed.code}") { __typename } }`)).data as any;
    expect(theirs.order.__typename).toBe('OrderSuccess');
    const stranger = (await run(phone('+255754999999'), `{ order(code: "${placed.code}") { __typename } }`)).data as any;
    expect(stranger.order.__typename).toBe('NotFoundError');

    const pay = await run(
      phone(PARTNER),
      `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { __typename ... on RecordPaymentSuccess { data { order { paymentStatus payments { reference method amount { amount } } } } } } }`,
      { input: { orderCode: placed.code, method: 'CASH', amount: { amount: placed.total.amount, currency: 'TZS' }, reference: 'CASH-1' } },
    );
    expect((pay.data as any).recordPayment.data.order).toEqual({
      paymentStatus: 'PAID',
      payments: [{ reference: 'CASH-1', method: 'CASH', amount: { amount: placed.total.amount } }],
    });
  });

  it('answers village questions with the Taobao Village rule', async () => {
    const created = (
      await run(
        admin,
        'mutation { createVillage(input: { name: "Hill", households: 30 }) { ... on CreateVillageSuccess { data { id } } } }',
      )
    ).data as any;
    const id = created.createVillage.data.id;
    const village = async () => ((await run(app, `{ village(id: "${id}") { shopCount isEcommerceVillage } }`)).data as any).village;
    expect(await village()).toEqual({ shopCount: 0, isEcommerceVillage: false });
    for (const n of [1, 2, 3]) {
      await run(
        admin,
        `mutation { createShop(input: { name: "Shop ${n}", ownerPhone: "+25575450000${n}", villageId: "${id}" }) { __typename } }`,
      );
    }
    expect(await village()).toEqual({ shopCount: 3, isEcommerceVillage: true });
  });
});
