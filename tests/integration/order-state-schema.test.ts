import { graphql } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/principal.js';
import { BusinessError, IllegalTransitionError } from '../../core/common/errors.js';
import { ORDER_STATUSES, type OrderStatus } from '../../core/common/order-state.js';
import type { Store } from '../../core/db/store.js';
import { cancelUnpaidOrder } from '../../core/orders/order-service.js';
import {
  type Actor,
  ORDER_TRANSITIONS,
  type OrderMove,
  type Route,
  targetOf,
  transitionOf,
} from '../../core/orders/order-state-machine.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { schema } from '../../schema/index.js';
import { BUYER, FAR_PARTNER, PARTNER, SELLER, seedCatalogue, seedFarVillage } from '../support/fixtures.js';
import { deliverNotifications, pickupCodeOf } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
const run = async (principal: Principal, source: string) =>
  (await graphql({ schema, source, contextValue: contextFor(store, principal) })).data as Record<string, { __typename: string }>;

/** The buyer's center on each route: the seller's own village's, or another village's. */
const CENTER: Record<Route, string> = { direct: 'TST01', firstMile: 'FAR01' };
/** Who each one taking part is on each route: the partner of the buyer's center, and the collecting partner (of the seller's village). */
const PRINCIPAL: Record<Actor, (route: Route) => Principal> = {
  buyer: () => phone(BUYER),
  seller: () => phone(SELLER),
  partner: (route) => phone(route === 'direct' ? PARTNER : FAR_PARTNER),
  collector: () => phone(PARTNER),
  admin: () => admin,
};
const PHONES = [BUYER, SELLER, PARTNER, FAR_PARTNER];

/** Who makes a move on a route here: the first the state machine names for it (for a move the route has not, on any route). */
function makerOf(move: OrderMove, route: Route): Actor {
  const transitions = ORDER_TRANSITIONS.filter((transition) => transition.move === move);
  return (transitions.find((transition) => transition.routes.includes(route)) ?? transitions[0]!).by[0]!;
}

/** How each move is made: a mutation and its arguments, or, for the expiry sweep's, the domain function it calls. */
const ARGS: Record<OrderMove, ((code: string) => Promise<string>) | null> = {
  acceptOrder: async (code) => `code: "${code}"`,
  receiveOrder: async (code) => `code: "${code}"`,
  shipOrder: async (code) => `code: "${code}"`,
  cancelOrder: async (code) => `code: "${code}"`,
  cancelUnpaidOrder: null,
  markArrived: async (code) => `code: "${code}"`,
  confirmDelivery: async (code) => `orderCode: "${code}", pickupCode: "${await pickupCode(code)}"`,
};
const MOVES = Object.keys(ARGS) as OrderMove[];

/** The code the buyer was sent, or a wrong one for an order that has none. */
const pickupCode = (orderCode: string) => pickupCodeOf(store, orderCode).catch(() => '000000');

async function move(route: Route, code: string, field: OrderMove): Promise<string> {
  const by = PRINCIPAL[makerOf(field, route)](route);
  const args = ARGS[field];
  if (!args) {
    const result = await cancelUnpaidOrder(contextFor(store, by), code);
    return result instanceof BusinessError ? result.constructor.name : 'Success';
  }
  return (await run(by, `mutation { ${field}(${await args(code)}) { __typename } }`))[field]!.__typename;
}

/** How many messages about the order each phone was sent, once what the table's stream holds is delivered. */
const messagesAbout = async (code: string) => {
  await deliverNotifications(store);
  return Promise.all(
    PHONES.map(
      async (to) =>
        (await listOutbox(store, to, { first: 50, after: null }))!.items.filter(
          (m) => 'orderCode' in m.notification && m.notification.orderCode === code,
        ).length,
    ),
  );
};

/** The moves that bring a new order to each status on a route; null where the route never reaches it. */
const PATHS: Record<Route, Record<OrderStatus, OrderMove[] | null>> = {
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
    MOVES.map((field) => [from, field] as const),
  );
  it.each(cases)('from %s, %s', async (from, field) => {
    const code = await orderIn(route, from);
    const before = await messagesAbout(code);
    const result = await move(route, code, field);
    // Legal moves on the route succeed; so does repeating the move that led here (same caller), and checking in again (a new code).
    const repeat = from === targetOf(field) && PATHS[route][from]!.at(-1) === field;
    // The collecting partner learns of an order when it is accepted: before that, to them it does not exist.
    const unseen = route === 'firstMile' && makerOf(field, route) === 'collector' && !PATHS[route][from]!.includes('acceptOrder');
    const transition = transitionOf({ status: from, ...(route === 'firstMile' ? { collectingCenterId: 'TST01' } : {}) }, field);
    const legal = !(transition instanceof IllegalTransitionError);
    if (unseen) expect(result).toBe('NotFoundError');
    else if (legal || repeat) expect(result).toMatch(/Success$/);
    else expect(result).toBe('IllegalTransitionError');
    if (!legal || repeat) return;
    // A move tells exactly whom the state machine says, apart from the one who made it.
    const phoneOf = (actor: Actor) => {
      const principal = PRINCIPAL[actor](route);
      return principal.kind === 'PHONE' ? principal.phone : null;
    };
    const told = transition.tells.map(phoneOf).filter((to) => to !== phoneOf(makerOf(field, route)));
    const after = await messagesAbout(code);
    expect(PHONES.filter((_, i) => after[i]! > before[i]!)).toEqual(PHONES.filter((to) => told.includes(to)));
  });
});
