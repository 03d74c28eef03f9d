import { graphql } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../core/db/store.js';
import { placeOrder } from '../../core/orders/order-service.js';
import { schema } from '../../schema/index.js';
import { BUYER, ok, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

const ORDERS = 6;
let store: Store;

beforeAll(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  for (let i = 0; i < ORDERS; i++) {
    const line = { productCode: i % 2 ? 'RICE5' : 'HOE1', quantity: 1 };
    ok(
      await placeOrder(contextFor(store, phone(BUYER)), {
        serviceCenterId: 'TST01',
        lines: [line],
        paymentMethod: 'CASH',
        idempotencyKey: `k${i}`,
      }),
    );
  }
});

/** Runs a query as the buyer and counts the DynamoDB calls it makes. */
async function countCalls(source: string) {
  const commands: string[] = [];
  const counting = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    commands.push(context.commandName ?? '?');
    return next(args);
  };
  store.doc.middlewareStack.add(counting as never, { step: 'initialize', name: 'countCalls' });
  try {
    const result = await graphql({ schema, source, contextValue: contextFor(store, phone(BUYER)) });
    return { result, commands };
  } finally {
    store.doc.middlewareStack.remove('countCalls');
  }
}

describe('related objects in a list', () => {
  it('are read in one batch per kind, not once per order', async () => {
    const { result, commands } = await countCalls(`{
      myOrders(first: 50) { ... on MyOrdersSuccess { data { nodes { code shop { name } serviceCenter { name village { name } } } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const orders = (
      result.data as {
        myOrders: { data: { nodes: { shop: { name: string }; serviceCenter: { name: string; village: { name: string } } }[] } };
      }
    ).myOrders.data.nodes;
    expect(orders).toHaveLength(ORDERS);
    expect(new Set(orders.map((order) => order.shop.name))).toEqual(new Set(['Grain Shop', 'Tool Shop']));
    expect(orders.every((order) => order.serviceCenter.name === 'Test Center' && order.serviceCenter.village.name === 'Testville')).toBe(
      true,
    );
    // The buyer's orders, then shops and centers side by side, then the centers' village.
    expect(commands.sort()).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);
  });

  it('still answers null for a member that joined no center', async () => {
    const { result } = await countCalls('{ me { ... on MeSuccess { data { serviceCenter { name } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: { data: { serviceCenter: null } } });
  });
});
