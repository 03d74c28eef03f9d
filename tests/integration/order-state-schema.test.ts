import { graphql } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/principal.js';
import { ORDER_STATUSES, type OrderStatus, orderTransitions } from '../../core/common/order-state.js';
import { canTransition } from '../../core/common/state-machine.js';
import type { Store } from '../../core/db/store.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { schema } from '../../schema/index.js';
import { BUYER, FAR_PARTNER, PARTNER, SELLER, seedCatalogue, seedFarVillage } from '../support/fixtures.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
const run = async (principal: Principal, source: string) =>
  (await graphql({ schema, source, contextValue: contextFor(store, principal) })).data as Record<string, { __typename: string }>;

/** How an order travels: straight from its seller to the buyer's center, or first through the center of the seller's village. */
type Route = 'direct' | 'firstMile';
/** The buyer's center on each route: the seller's own village's, or another village's. */
const CENTER: Record<Route, string> = { direct: 'TST01', firstMile: 'FAR01' };
/** The partner of the buyer's center on each route. */
const DELIVERING: Record<Route, string> = { direct: PARTNER, firstMile: FAR_PARTNER };

/** Each mutation, the status it leads to, and who makes it. */
const MOVES: { field: string; to: OrderStatus; by: (route: Route) => string; args: (code: string) => Promise<string> }[] = [
  { field: 'acceptOrder', to: 'ACCEPTED', by: () => SELLER, args: async (code) => `code: "${code}"` },
  // The collecting partner (of the seller's village) receives and sends on a first-mile order.
  { field: 'receiveOrder', to: 'RECEIVED', by: () => PARTNER, args: async (code) => `code: "${code}"` },
  { field: 'shipOrder', to: 'SHIPPED', by: (route) => (route === 'direct' ? SELLER : PARTNER), args: async (code) => `code: "${code}"` },
  { field: 'markArrived', to: 'AT_CENTER', by: (route) => DELIVERING[route], args: async (code) => `code: "${code}"` },
  {
    field: 'confirmDelivery',
    to: 'DELIVERED',
    by: (route) => DELIVERING[route],
    args: async (code) => `orderCode: "${code}", pickupCode: "${await pickupCode(code)}"`,
  },
  { field: 'cancelOrder', to: 'CANCELLED', by: () => BUYER, args: async (code) => `code: "${code}"` },
];

async function pickupCode(orderCode: string): Promise<string> {
  const message = (await listOutbox(store, BUYER, { first: 50, after: null }))!.items.find(
    (m) => m.notification.kind === 'PICKUP_CODE' && m.notification.orderCode === orderCode,
  );
  return (message?.notification as { pickupCode?: string } | undefined)?.pickupCode ?? '000000';
}

async function move(route: Route, code: string, field: string): Promise<string> {
  const step = MOVES.find((candidate) => candidate.field === field)!;
  return (await run(phone(step.by(route)), `mutation { ${field}(${await step.args(code)}) { __typename } }`))[field]!.__typename;
}

/** The mutations that bring a new order to each status on a route; null where the route never reaches it. */
const PATHS: Record<Route, Record<OrderStatus, string[] | null>> = {
  direct: {
    PLACED: [],
    ACCEPTED: ['acceptOrder'],
    RECEIVED: null,
    SHIPPED: ['acceptOrder', 'shipOrder'],
    AT_CENTER: ['acceptOrder', 'shipOrder', 'markArrived'],
    DELIVERED: ['acceptOrder', 'shipOrder', 'markArrived', 'confirmDelivery'],
    CANCELLED: ['cancelOrder'],
  },
  firstMile: {
    PLACED: [],
    ACCEPTED: ['acceptOrder'],
    RECEIVED: ['acceptOrder', 'receiveOrder'],
    SHIPPED: ['acceptOrder', 'receiveOrder', 'shipOrder'],
    AT_CENTER: ['acceptOrder', 'receiveOrder', 'shipOrder', 'markArrived'],
    DELIVERED: ['acceptOrder', 'receiveOrder', 'shipOrder', 'markArrived', 'confirmDelivery'],
    CANCELLED: ['cancelOrder'],
  },
};

/** The one step each route leaves out of the state machine: a first-mile order is received before it ships. */
const offRoute = (route: Route, from: OrderStatus, to: OrderStatus) =>
  route === 'direct' ? to === 'RECEIVED' : from === 'ACCEPTED' && to === 'SHIPPED';

let n = 0;
async function orderIn(route: Route, status: OrderStatus): Promise<string> {
  const placed = await run(
    phone(BUYER),
    `mutation { placeOrder(input: { serviceCenterId: "${CENTER[route]}", lines: [{ productCode: "RICE5.${villageId}", quantity: 1 }], paymentMethod: CASH, idempotencyKey: "k${++n}" }) { ... on PlaceOrderSuccess { data { code } } } }`,
  );
  const code = (placed.placeOrder as unknown as { data: { code: string } }).data.code;
  for (const field of PATHS[route][status]!) expect(await move(route, code, field)).toMatch(/Success$/);
  return code;
}

let villageId: string;
beforeAll(async () => {
  store = await createTestStore();
  const { village } = await seedCatalogue(store);
  await seedFarVillage(store);
  villageId = village.id;
  // Enough for every case's order, one unit each.
  await run(admin, `mutation { adjustStock(input: { code: "RICE5.${village.id}", delta: 200 }) { __typename } }`);
});

describe.each(['direct', 'firstMile'] as const)('the order state machine, through the schema, on the %s route', (route) => {
  const cases = ORDER_STATUSES.filter((from) => PATHS[route][from] !== null).flatMap((from) =>
    MOVES.map((step) => [from, step.field, step.to] as const),
  );
  it.each(cases)('from %s, %s', async (from, field, to) => {
    const code = await orderIn(route, from);
    const result = await move(route, code, field);
    // Legal moves on the route succeed; so does repeating the move that led here (same caller), and checking in again (a new code).
    const repeat = from === to;
    // The collecting partner learns of an order when it is accepted: before that, to them it does not exist.
    const unseen = route === 'firstMile' && (to === 'RECEIVED' || to === 'SHIPPED') && !PATHS[route][from]!.includes('acceptOrder');
    if (unseen) expect(result).toBe('NotFoundError');
    else if ((canTransition(orderTransitions, from, to) && !offRoute(route, from, to)) || repeat) expect(result).toMatch(/Success$/);
    else expect(result).toBe('IllegalTransitionError');
  });
});
