import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_SECONDS } from '../../core/access/index.js';
import type { Product, ServiceCenter } from '../../core/catalogue/catalogue.js';
import {
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidInputError,
  KEYPAD_ALPHABET,
  MAX_AMOUNT,
  NotFoundError,
} from '../../core/common/index.js';
import type { Order } from '../../core/orders/order.js';
import { keyedOrderCode, requestMark } from '../../core/orders/order-code.js';
import { noticesOfOrderChange } from '../../core/orders/order-notices.js';
import { type PlacementInput, planOrder } from '../../core/orders/order-plan.js';

const BUYER = '+255754000010';
const PARTNER = '+255754000001';
const now = new Date('2026-11-28T10:00:00Z');
const rice: Product = {
  code: 'RICE5',
  villageId: 'V1',
  name: 'Rice',
  unit: 'bag',
  price: { amount: 16_500, currency: 'TZS' },
  stock: 40,
  commodity: 'rice',
  shopId: 'S1',
  sellerPhone: '+255754000002',
  version: 3,
  updatedAt: '',
};
const beans: Product = { ...rice, code: 'BEANS2', name: 'Beans', price: { amount: 4_000, currency: 'TZS' }, version: 1, stockShards: 4 };
const center: ServiceCenter = { id: 'C1', name: 'Center', villageId: 'V1', partnerPhone: PARTNER, commissionBps: 500, createdAt: '' };
const request = { scope: `${BUYER}#placeOrder`, key: 'k', requestHash: 'a'.repeat(64) };
const mark = requestMark(request);
const keyed = { mark, key: 'k' };

function input(change: Partial<PlacementInput> = {}): PlacementInput {
  return {
    request: { buyerPhone: BUYER, centerId: 'C1', lines: [], paymentMethod: 'CASH', idempotencyKey: 'k' },
    lines: [
      { id: 'BEANS2.V1', villageId: 'V1', code: 'BEANS2', quantity: 3 },
      { id: 'RICE5.V1', villageId: 'V1', code: 'RICE5', quantity: 2 },
    ],
    reads: {
      products: new Map([
        ['BEANS2.V1', beans],
        ['RICE5.V1', rice],
      ]),
      center,
      atCode: null,
    },
    consistent: false,
    placer: { phone: BUYER, name: BUYER },
    now,
    code: 'ABC234',
    keyed,
    shardPlans: new Map(),
    placeOf: (product) => (product.stockShards ? product.stockShards - 1 : null),
    ...change,
  };
}
const refusal = (plan: ReturnType<typeof planOrder>) => (plan.decision === 'refuse' ? plan.refusal : plan.decision);
/** The order this very request placed before, at the code its key draws. */
function placedBefore(change: Partial<Order> = {}): Order {
  const plan = planOrder(input());
  if (plan.decision !== 'write') throw new Error(`planned ${plan.decision}`);
  return { ...plan.order, ...change };
}
/** What the order's reads find when an order holds the code the key draws. */
const readsWith = (atCode: Order) => ({ ...input().reads, atCode });

describe('planOrder', () => {
  it('prices the order, takes each line from its place at the version it read, and its seller is told of it', async () => {
    const plan = planOrder(input());
    if (plan.decision !== 'write') throw new Error(`planned ${plan.decision}`);
    expect(plan.order).toMatchObject({
      code: 'ABC234',
      buyerPhone: BUYER,
      shopId: 'S1',
      sellerPhone: rice.sellerPhone,
      sellerVillageId: 'V1',
      centerId: 'C1',
      subtotal: { amount: 45_000, currency: 'TZS' },
      total: { amount: 45_000, currency: 'TZS' },
      status: 'PLACED',
      paymentStatus: 'UNPAID',
      history: [{ status: 'PLACED', at: now.toISOString(), by: BUYER }],
      request: mark,
    });
    expect(plan.order.lines.map((line) => [line.productCode, line.quantity, line.lineTotal.amount])).toEqual([
      ['BEANS2', 3, 12_000],
      ['RICE5', 2, 33_000],
    ]);
    expect(plan.takes.map(({ product, shard, quantity, seenVersion }) => [product.code, shard, quantity, seenVersion])).toEqual([
      ['BEANS2', 3, 3, 1],
      ['RICE5', null, 2, 3],
    ]);
    // Not by the order's write: by the new order in the table's stream.
    expect(await noticesOfOrderChange(null, plan.order, async () => PARTNER)).toMatchObject([
      { to: rice.sellerPhone, notification: { kind: 'NEW_ORDER', orderCode: 'ABC234' } },
    ]);
  });

  it('takes a line whose shard ran short where the plan over its shards says', () => {
    const shardPlans = new Map([
      [
        'BEANS2.V1',
        [
          { shard: 0, quantity: 2 },
          { shard: 2, quantity: 1 },
        ],
      ],
    ]);
    const plan = planOrder(input({ shardPlans }));
    if (plan.decision !== 'write') throw new Error(`planned ${plan.decision}`);
    expect(plan.takes.map(({ product, shard, quantity }) => [product.code, shard, quantity])).toEqual([
      ['BEANS2', 0, 2],
      ['BEANS2', 2, 1],
      ['RICE5', null, 2],
    ]);
  });

  it('answers a retry with the order its first try placed at the code its key draws, before anything else', () => {
    const first = placedBefore();
    const retry = input({ reads: { products: new Map(), center: null, atCode: first } });
    expect(planOrder(retry)).toEqual({ decision: 'replay', order: first });
  });

  it('refuses the key reused for another request', () => {
    const other = { ...keyed, mark: requestMark({ ...request, requestHash: 'b'.repeat(64) }) };
    expect(other.mark.keyHash).toBe(mark.keyHash);
    expect(refusal(planOrder(input({ reads: readsWith(placedBefore()), keyed: other })))).toEqual(new IdempotencyKeyReusedError('k'));
  });

  it("draws the key's next code when another request's order holds this one", () => {
    const others = requestMark({ ...request, key: 'another' });
    expect(planOrder(input({ reads: readsWith(placedBefore({ request: others })) }))).toEqual({ decision: 'next-code' });
    const { request: _none, ...unkeyed } = placedBefore();
    expect(planOrder(input({ reads: readsWith(unkeyed) }))).toEqual({ decision: 'next-code' });
  });

  it('forgets a key once an idempotency key expires: its old order is one more that holds a code', () => {
    const day = IDEMPOTENCY_TTL_SECONDS * 1000;
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(planOrder(input({ reads: readsWith(placedBefore({ createdAt: at(day - 1000) })) })).decision).toBe('replay');
    expect(planOrder(input({ reads: readsWith(placedBefore({ createdAt: at(day) })) }))).toEqual({ decision: 'next-code' });
    const reused = { ...keyed, mark: requestMark({ ...request, requestHash: 'b'.repeat(64) }) };
    expect(planOrder(input({ reads: readsWith(placedBefore({ createdAt: at(day) })), keyed: reused })).decision).toBe('next-code');
  });

  it('reads again, consistently, before calling a product or a center unknown', () => {
    const withoutRice = { ...input().reads, products: new Map([['BEANS2.V1', beans]]) };
    expect(planOrder(input({ reads: withoutRice })).decision).toBe('read-again');
    expect(refusal(planOrder(input({ reads: withoutRice, consistent: true })))).toEqual(new NotFoundError('product', 'RICE5'));
    const withoutCenter = { ...input().reads, center: null };
    expect(planOrder(input({ reads: withoutCenter })).decision).toBe('read-again');
    expect(refusal(planOrder(input({ reads: withoutCenter, consistent: true })))).toEqual(new NotFoundError('service center', 'C1'));
  });

  it("lets only the center's partner, an administrator or an app order for somebody else", () => {
    expect(refusal(planOrder(input({ placer: { phone: '+255754000099', name: '+255754000099' } })))).toBeInstanceOf(ForbiddenError);
    expect(planOrder(input({ placer: { phone: PARTNER, name: PARTNER } })).decision).toBe('write');
    expect(planOrder(input({ placer: { phone: null, name: 'admin' } })).decision).toBe('write');
  });

  it('refuses products of two sellers, of two currencies, or a total too large', () => {
    const products = (other: Product) => ({
      ...input().reads,
      products: new Map([
        ['BEANS2.V1', other],
        ['RICE5.V1', rice],
      ]),
    });
    expect(refusal(planOrder(input({ reads: products({ ...beans, shopId: 'S2' }) })))).toMatchObject({
      code: 'INVALID_INPUT',
      rule: 'ONE_SELLER',
    });
    expect(refusal(planOrder(input({ reads: products({ ...beans, price: { amount: 4_000, currency: 'KES' } }) })))).toBeInstanceOf(
      InvalidInputError,
    );
    const dear = products({ ...beans, price: { amount: MAX_AMOUNT, currency: 'TZS' } });
    expect(refusal(planOrder(input({ reads: dear })))).toMatchObject({ rule: 'MAX_TOTAL' });
  });
});

describe('keyedOrderCode', () => {
  it('draws the same code for the same key every time, another for the next candidate and for another key', () => {
    const first = keyedOrderCode(mark, 0);
    expect(first).toMatch(new RegExp(`^[${KEYPAD_ALPHABET}]{6}$`));
    expect(keyedOrderCode(requestMark(request), 0)).toBe(first);
    expect(keyedOrderCode(mark, 1)).not.toBe(first);
    expect(keyedOrderCode(requestMark({ ...request, key: 'k2' }), 0)).not.toBe(first);
    // The request is not part of the code: a changed request with the same key finds the first order.
    expect(keyedOrderCode(requestMark({ ...request, requestHash: 'b'.repeat(64) }), 0)).toBe(first);
  });
});
