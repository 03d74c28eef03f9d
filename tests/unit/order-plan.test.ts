import { describe, expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../core/access/index.js';
import type { Product, ServiceCenter } from '../../core/catalogue/catalogue.js';
import { ForbiddenError, InvalidInputError, MAX_AMOUNT, NotFoundError } from '../../core/common/index.js';
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
const record: IdempotencyRecord = { scope: BUYER, key: 'k', requestHash: 'h', resultId: 'XYZ234', createdAt: '', expiresAt: 0 };

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
      idempotency: null,
    },
    consistent: false,
    placer: { phone: BUYER, name: BUYER },
    now,
    code: 'ABC234',
    shardPlans: new Map(),
    placeOf: (product) => (product.stockShards ? product.stockShards - 1 : null),
    ...change,
  };
}
const refusal = (plan: ReturnType<typeof planOrder>) => (plan.decision === 'refuse' ? plan.refusal : plan.decision);

describe('planOrder', () => {
  it('prices the order, takes each line from its place at the version it read, and tells the seller', () => {
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
    });
    expect(plan.order.lines.map((line) => [line.productCode, line.quantity, line.lineTotal.amount])).toEqual([
      ['BEANS2', 3, 12_000],
      ['RICE5', 2, 33_000],
    ]);
    expect(plan.takes.map(({ product, shard, quantity, seenVersion }) => [product.code, shard, quantity, seenVersion])).toEqual([
      ['BEANS2', 3, 3, 1],
      ['RICE5', null, 2, 3],
    ]);
    expect(plan.sellerNotice).toMatchObject({ to: rice.sellerPhone, notification: { kind: 'NEW_ORDER', orderCode: 'ABC234' } });
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

  it('answers a repeat from its idempotency record, before anything else', () => {
    expect(planOrder(input({ reads: { products: new Map(), center: null, idempotency: record } }))).toEqual({ decision: 'replay', record });
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
