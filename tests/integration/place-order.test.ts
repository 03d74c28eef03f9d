import { beforeEach, describe, expect, it } from 'vitest';
import { describePrincipal } from '../../core/access/principal.js';
import { createServiceCenter, findProduct, upsertProduct } from '../../core/catalogue/catalogue-service.js';
import { ForbiddenError, IdempotencyKeyReusedError, InvalidInputError, NotFoundError, OutOfStockError } from '../../core/common/errors.js';
import { KEYPAD_ALPHABET } from '../../core/common/short-code.js';
import type { Store } from '../../core/db/store.js';
import { keyedOrderCode, requestMark } from '../../core/orders/order-code.js';
import { getOrder, writeNewOrder } from '../../core/orders/order-repository.js';
import { myOrders, placeOrder } from '../../core/orders/order-service.js';
import { BUYER, OTHER_BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

const OTHER_PARTNER = '+255754200020';
let store: Store;
let seeded: Awaited<ReturnType<typeof seedCatalogue>>;
beforeEach(async () => {
  store = await createTestStore();
  seeded = await seedCatalogue(store);
});

const stockOf = async (code: string) => (await findProduct(contextFor(store, admin), code, seeded.village.id))!.stock;
const ordersOf = async (buyer: string) => ok(await myOrders(contextFor(store, phone(buyer)), { first: 50, after: null })).items;

const order = (lines: { productCode: string; quantity: number }[], key: string, extra: { buyerPhone?: string } = {}) => ({
  serviceCenterId: 'TST01',
  lines,
  paymentMethod: 'CASH' as const,
  idempotencyKey: key,
  ...extra,
});

describe('placeOrder', () => {
  it('writes the order and decrements the stock of every line', async () => {
    const placed = ok(
      await placeOrder(
        contextFor(store, phone(BUYER)),
        order(
          [
            { productCode: 'rice5', quantity: 2 },
            { productCode: 'BEANS2', quantity: 1 },
          ],
          'k1',
        ),
      ),
    );
    expect(placed.status).toBe('PLACED');
    expect(placed.paymentStatus).toBe('UNPAID');
    expect(placed.total).toEqual({ amount: 2 * 1_650_000 + 700_000, currency: 'TZS' });
    expect(placed.code).toMatch(new RegExp(`^[${KEYPAD_ALPHABET}]{6}$`));
    expect(await stockOf('RICE5')).toBe(8);
    expect(await stockOf('BEANS2')).toBe(4);
    expect((await ordersOf(BUYER)).map((o) => o.code)).toEqual([placed.code]);
  });

  it('merges repeated lines for one product', async () => {
    const placed = ok(
      await placeOrder(
        contextFor(store, phone(BUYER)),
        order(
          [
            { productCode: 'RICE5', quantity: 2 },
            { productCode: 'RICE5', quantity: 3 },
          ],
          'k1',
        ),
      ),
    );
    expect(placed.lines).toHaveLength(1);
    expect(placed.lines[0]!.quantity).toBe(5);
    expect(await stockOf('RICE5')).toBe(5);
  });

  it('replays the same idempotency key: one order, one decrement', async () => {
    const ctx = contextFor(store, phone(BUYER));
    const first = ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 2 }], 'same-key')));
    const again = ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 2 }], 'same-key')));
    expect(again.code).toBe(first.code);
    // The first answer, as it was: the order is its own idempotency record.
    expect(again).toEqual(first);
    expect(await stockOf('RICE5')).toBe(8);
    expect(await ordersOf(BUYER)).toHaveLength(1);
  });

  it("places the order of a key whose first code another key's order holds at the key's next code, and finds it there again", async () => {
    const ctx = contextFor(store, phone(BUYER));
    const other = ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 1 }], 'first')));
    // The code depends on the caller and the key alone: put another key's order where this key's first code is.
    const mark = requestMark({ scope: `${describePrincipal(phone(BUYER))}#placeOrder`, key: 'second', requestHash: '' });
    const [firstCode, nextCode] = [keyedOrderCode(mark, 0), keyedOrderCode(mark, 1)];
    expect(await writeNewOrder(store, { ...other, code: firstCode }, [])).toEqual({ outcome: 'placed' });
    const placed = ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 2 }], 'second')));
    expect(placed.code).toBe(nextCode);
    expect(placed.lines[0]!.quantity).toBe(2);
    expect((await getOrder(store, firstCode))!.lines[0]!.quantity).toBe(1);
    // A retry passes the code it does not own again, and is answered by its own order.
    expect(ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 2 }], 'second'))).code).toBe(nextCode);
    expect(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 3 }], 'second'))).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stockOf('RICE5')).toBe(7);
  });

  it('replays concurrent retries of one request as one order', async () => {
    const ctx = contextFor(store, phone(BUYER));
    const results = await Promise.all(
      Array.from({ length: 4 }, () => placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 1 }], 'retry-storm'))),
    );
    const codes = new Set(results.map((result) => ok(result).code));
    expect(codes.size).toBe(1);
    expect(await stockOf('RICE5')).toBe(9);
  });

  it('replays a burst of retries for the last units as the one order, never as out of stock', async () => {
    const ctx = contextFor(store, phone(BUYER));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(ctx, order([{ productCode: 'BEANS2', quantity: 5 }], 'all-beans'))),
    );
    expect(new Set(results.map((result) => ok(result).code)).size).toBe(1);
    expect(await stockOf('BEANS2')).toBe(0);
  });

  it('treats the same lines in another order as the same request', async () => {
    const ctx = contextFor(store, phone(BUYER));
    const first = ok(
      await placeOrder(
        ctx,
        order(
          [
            { productCode: 'RICE5', quantity: 1 },
            { productCode: 'BEANS2', quantity: 1 },
          ],
          'k1',
        ),
      ),
    );
    const again = ok(
      await placeOrder(
        ctx,
        order(
          [
            { productCode: 'BEANS2', quantity: 1 },
            { productCode: 'RICE5', quantity: 1 },
          ],
          'k1',
        ),
      ),
    );
    expect(again.code).toBe(first.code);
  });

  it('forgets an idempotency key after 24 hours', async () => {
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    ok(await placeOrder(contextFor(store, phone(BUYER)), order([{ productCode: 'RICE5', quantity: 1 }], 'daily')));
    const nextDay = ok(
      await placeOrder(
        contextFor(store, phone(BUYER), () => later),
        order([{ productCode: 'RICE5', quantity: 2 }], 'daily'),
      ),
    );
    expect(nextDay.lines[0]!.quantity).toBe(2);
    expect(await stockOf('RICE5')).toBe(7);
  });

  it('charges the price in force when the order is written', async () => {
    ok(await upsertProduct(contextFor(store, phone(SELLER)), { code: 'RICE5', price: { amount: 1_700_000, currency: 'TZS' } }));
    const placed = ok(await placeOrder(contextFor(store, phone(BUYER)), order([{ productCode: 'RICE5', quantity: 1 }], 'k1')));
    expect(placed.total.amount).toBe(1_700_000);
  });

  it('rejects a key reused for a different request', async () => {
    const ctx = contextFor(store, phone(BUYER));
    ok(await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 2 }], 'k1')));
    const result = await placeOrder(ctx, order([{ productCode: 'RICE5', quantity: 3 }], 'k1'));
    expect(result).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stockOf('RICE5')).toBe(8);
  });

  it('of two concurrent orders for the last unit, exactly one succeeds', async () => {
    ok(await placeOrder(contextFor(store, phone(OTHER_BUYER)), order([{ productCode: 'BEANS2', quantity: 4 }], 'drain')));
    expect(await stockOf('BEANS2')).toBe(1);
    const [a, b] = await Promise.all([
      placeOrder(contextFor(store, phone(BUYER)), order([{ productCode: 'BEANS2', quantity: 1 }], 'a')),
      placeOrder(contextFor(store, phone(OTHER_BUYER)), order([{ productCode: 'BEANS2', quantity: 1 }], 'b')),
    ]);
    const outcomes = [a, b].map((result) => (result instanceof OutOfStockError ? 'out' : ok(result).status));
    expect(outcomes.sort()).toEqual(['PLACED', 'out']);
    expect(await stockOf('BEANS2')).toBe(0);
  });

  it('answers out of stock and writes nothing', async () => {
    const result = await placeOrder(
      contextFor(store, phone(BUYER)),
      order(
        [
          { productCode: 'RICE5', quantity: 1 },
          { productCode: 'BEANS2', quantity: 6 },
        ],
        'k1',
      ),
    );
    expect(result).toBeInstanceOf(OutOfStockError);
    expect((result as OutOfStockError).productCode).toBe('BEANS2');
    expect((result as OutOfStockError).available).toBe(5);
    expect(await stockOf('RICE5')).toBe(10);
    expect(await ordersOf(BUYER)).toHaveLength(0);
  });

  it.each([
    ['zero quantity', [{ productCode: 'RICE5', quantity: 0 }], InvalidInputError],
    ['negative quantity', [{ productCode: 'RICE5', quantity: -2 }], InvalidInputError],
    ['no lines', [], InvalidInputError],
    ['21 lines', Array.from({ length: 21 }, () => ({ productCode: 'RICE5', quantity: 1 })), InvalidInputError],
    ['a bad code', [{ productCode: 'RI CE', quantity: 1 }], InvalidInputError],
    ['an unknown product', [{ productCode: 'NOPE9', quantity: 1 }], NotFoundError],
    ['an oversized code', [{ productCode: 'X'.repeat(3000), quantity: 1 }], InvalidInputError],
    [
      'two sellers',
      [
        { productCode: 'RICE5', quantity: 1 },
        { productCode: 'HOE1', quantity: 1 },
      ],
      InvalidInputError,
    ],
  ])('rejects %s and writes nothing', async (_name, lines, errorType) => {
    const result = await placeOrder(contextFor(store, phone(BUYER)), order(lines, 'k1'));
    expect(result).toBeInstanceOf(errorType);
    expect(await stockOf('RICE5')).toBe(10);
    expect(await stockOf('HOE1')).toBe(3);
    expect(await ordersOf(BUYER)).toHaveLength(0);
  });

  it('rejects an unknown service center', async () => {
    const result = await placeOrder(contextFor(store, phone(BUYER)), {
      ...order([{ productCode: 'RICE5', quantity: 1 }], 'k1'),
      serviceCenterId: 'NOWHERE',
    });
    expect(result).toBeInstanceOf(NotFoundError);
    expect(await stockOf('RICE5')).toBe(10);
  });

  it("lets the center's partner order for a villager, and nobody else", async () => {
    const onBehalf = ok(
      await placeOrder(
        contextFor(store, phone(PARTNER)),
        order([{ productCode: 'RICE5', quantity: 1 }], 'k1', { buyerPhone: '+255 754 200 010' }),
      ),
    );
    expect(onBehalf.buyerPhone).toBe(BUYER);
    expect((await ordersOf(BUYER)).map((o) => o.code)).toEqual([onBehalf.code]);

    const stranger = await placeOrder(
      contextFor(store, phone(OTHER_BUYER)),
      order([{ productCode: 'RICE5', quantity: 1 }], 'k2', { buyerPhone: BUYER }),
    );
    expect(stranger).toBeInstanceOf(ForbiddenError);
    ok(
      await createServiceCenter(contextFor(store, admin), {
        code: 'TST02',
        name: 'Other',
        villageId: seeded.village.id,
        partnerPhone: OTHER_PARTNER,
        commissionBps: 100,
      }),
    );
    const otherPartner = await placeOrder(
      contextFor(store, phone(OTHER_PARTNER)),
      order([{ productCode: 'RICE5', quantity: 1 }], 'k3', { buyerPhone: BUYER }),
    );
    expect(otherPartner).toBeInstanceOf(ForbiddenError);
    expect(await stockOf('RICE5')).toBe(9);
  });

  it('refuses read-only app keys', async () => {
    const result = await placeOrder(contextFor(store, app), order([{ productCode: 'RICE5', quantity: 1 }], 'k1', { buyerPhone: BUYER }));
    expect(result).toBeInstanceOf(ForbiddenError);
  });
});
