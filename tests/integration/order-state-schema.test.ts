import { graphql } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/principal.js';
import { ORDER_STATUSES, type OrderStatus, orderTransitions } from '../../core/common/order-state.js';
import { canTransition } from '../../core/common/state-machine.js';
import type { Store } from '../../core/db/store.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { schema } from '../../schema/index.js';
import { BUYER, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
const run = async (principal: Principal, source: string) =>
  (await graphql({ schema, source, contextValue: contextFor(store, principal) })).data as Record<string, { __typename: string }>;

/** Each mutation, the status it leads to, and who makes it. */
const MOVES: { field: string; to: OrderStatus; by: string; args: (code: string) => Promise<string> }[] = [
  { field: 'acceptOrder', to: 'ACCEPTED', by: SELLER, args: async (code) => `code: "${code}"` },
  { field: 'shipOrder', to: 'SHIPPED', by: SELLER, args: async (code) => `code: "${code}"` },
  { field: 'markArrived', to: 'AT_CENTER', by: PARTNER, args: async (code) => `code: "${code}"` },
  {
    field: 'confirmDelivery',
    to: 'DELIVERED',
    by: PARTNER,
    args: async (code) => `orderCode: "${code}", pickupCode: "${await pickupCode(code)}"`,
  },
  { field: 'cancelOrder', to: 'CANCELLED', by: BUYER, args: async (code) => `code: "${code}"` },
];

async function pickupCode(orderCode: string): Promise<string> {
  const message = (await listOutbox(store, BUYER, { first: 50, after: null }))!.items.find(
    (m) => m.notification.kind === 'PICKUP_CODE' && m.notification.orderCode === orderCode,
  );
  return (message?.notification as { pickupCode?: string } | undefined)?.pickupCode ?? '000000';
}

async function move(code: string, field: string): Promise<string> {
  const step = MOVES.find((candidate) => candidate.field === field)!;
  return (await run(phone(step.by), `mutation { ${field}(${await step.args(code)}) { __typename } }`))[field]!.__typename;
}

/** The mutations that bring a new order to each status. */
const PATHS: Record<OrderStatus, string[]> = {
  PLACED: [],
  ACCEPTED: ['acceptOrder'],
  SHIPPED: ['acceptOrder', 'shipOrder'],
  AT_CENTER: ['acceptOrder', 'shipOrder', 'markArrived'],
  DELIVERED: ['acceptOrder', 'shipOrder', 'markArrived', 'confirmDelivery'],
  CANCELLED: ['cancelOrder'],
};

let n = 0;
async function orderIn(status: OrderStatus): Promise<string> {
  const placed = await run(
    phone(BUYER),
    `mutation { placeOrder(input: { serviceCenterId: "TST01", lines: [{ productCode: "RICE5", quantity: 1 }], paymentMethod: CASH, idempotencyKey: "k${++n}" }) { ... on PlaceOrderSuccess { data { code } } } }`,
  );
  const code = (placed.placeOrder as unknown as { data: { code: string } }).data.code;
  for (const field of PATHS[status]) expect(await move(code, field)).toMatch(/Success$/);
  return code;
}

beforeAll(async () => {
  store = await createTestStore();
  const { village } = await seedCatalogue(store);
  // Thirty orders, one unit each.
  await run(admin, `mutation { adjustStock(input: { code: "RICE5.${village.id}", delta: 100 }) { __typename } }`);
});

describe('the order state machine, through the schema', () => {
  const cases = ORDER_STATUSES.flatMap((from) => MOVES.map((step) => [from, step.field, step.to] as const));
  it.each(cases)('from %s, %s', async (from, field, to) => {
    const code = await orderIn(from);
    const result = await move(code, field);
    // Legal moves succeed; so does repeating the move that led here (same caller), and checking in again (a new code).
    const repeat = from === to;
    if (canTransition(orderTransitions, from, to) || repeat) expect(result).toMatch(/Success$/);
    else expect(result).toBe('IllegalTransitionError');
  });
});
