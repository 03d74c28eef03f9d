import { beforeEach, describe, expect, it } from 'vitest';
import { AmountMismatchError, IllegalTransitionError, InvalidInputError, NotFoundError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import type { Order } from '../../core/orders/order.js';
import { cancelOrder, findOrder, placeOrder } from '../../core/orders/order-service.js';
import { paymentsOf, recordPayment } from '../../core/payments/payment-service.js';
import { BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let placed: Order;
const as = (number: string) => contextFor(store, phone(number));
const place = async (key: string) =>
  ok(
    await placeOrder(as(BUYER), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'BEANS2', quantity: 2 }],
      paymentMethod: 'MOBILE_MONEY',
      idempotencyKey: key,
    }),
  );

beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  placed = await place('k1');
});

const ledger = async (order: Order) => paymentsOf(contextFor(store, admin), order);
const paymentStatus = async (code: string) => ok(await findOrder(contextFor(store, admin), code)).paymentStatus;

describe('recordPayment', () => {
  it('records the payment in the ledger and marks the order PAID', async () => {
    const recorded = ok(
      await recordPayment(contextFor(store, admin), {
        orderCode: placed.code,
        method: 'MOBILE_MONEY',
        amount: { amount: 1_400_000, currency: 'TZS' },
        reference: 'QK12AB',
      }),
    );
    expect(recorded.order.paymentStatus).toBe('PAID');
    expect(recorded.order.status).toBe('PLACED');
    expect(await paymentStatus(placed.code)).toBe('PAID');
    expect((await ledger(placed)).map((payment) => payment.reference)).toEqual(['QK12AB']);
  });

  it('treats the same reference again as the same payment', async () => {
    const input = { orderCode: placed.code, method: 'MOBILE_MONEY' as const, amount: placed.total, reference: 'QK12AB' };
    const first = ok(await recordPayment(contextFor(store, admin), input));
    const [again, concurrent] = await Promise.all([
      recordPayment(contextFor(store, admin), input),
      recordPayment(contextFor(store, admin), input),
    ]);
    expect(ok(again).payment).toEqual(first.payment);
    expect(ok(concurrent).payment).toEqual(first.payment);
    expect(await ledger(placed)).toHaveLength(1);
  });

  it('rejects an amount that does not match the order, and writes nothing', async () => {
    const result = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: { amount: 1_399_999, currency: 'TZS' },
      reference: 'R-1',
    });
    expect(result).toBeInstanceOf(AmountMismatchError);
    expect((result as AmountMismatchError).expected).toEqual(placed.total);
    expect(await paymentStatus(placed.code)).toBe('UNPAID');
    expect(await ledger(placed)).toHaveLength(0);
    const wrongCurrency = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: { amount: 1_400_000, currency: 'KES' },
      reference: 'R-2',
    });
    expect(wrongCurrency).toBeInstanceOf(AmountMismatchError);
  });

  it('rejects an unknown currency', async () => {
    const result = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: { amount: 1_400_000, currency: 'XYZ' },
      reference: 'R-1',
    });
    expect(result).toBeInstanceOf(InvalidInputError);
    expect(await paymentStatus(placed.code)).toBe('UNPAID');
    expect(await ledger(placed)).toHaveLength(0);
  });

  it('refuses a second, different payment of a paid order', async () => {
    ok(await recordPayment(contextFor(store, admin), { orderCode: placed.code, method: 'CASH', amount: placed.total, reference: 'R-1' }));
    const second = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: placed.total,
      reference: 'R-2',
    });
    expect(second).toBeInstanceOf(IllegalTransitionError);
    expect(await ledger(placed)).toHaveLength(1);
  });

  it('refuses a reference already used for another order', async () => {
    const other = await place('k2');
    ok(
      await recordPayment(contextFor(store, admin), {
        orderCode: placed.code,
        method: 'MOBILE_MONEY',
        amount: placed.total,
        reference: 'QK12AB',
      }),
    );
    const reused = await recordPayment(contextFor(store, admin), {
      orderCode: other.code,
      method: 'MOBILE_MONEY',
      amount: other.total,
      reference: 'QK12AB',
    });
    expect(reused).toBeInstanceOf(InvalidInputError);
    expect(await paymentStatus(other.code)).toBe('UNPAID');
  });

  it("lets the center's partner record cash, but not the buyer, the seller or an app", async () => {
    const cash = { orderCode: placed.code, method: 'CASH' as const, amount: placed.total, reference: 'R-1' };
    expect(await recordPayment(as(BUYER), cash)).toBeInstanceOf(NotFoundError);
    expect(await recordPayment(as(SELLER), cash)).toBeInstanceOf(NotFoundError);
    expect(await recordPayment(contextFor(store, app), cash)).toBeInstanceOf(NotFoundError);
    expect(await ledger(placed)).toHaveLength(0);
    ok(await recordPayment(as(PARTNER), cash));
  });

  it('refuses a repeated reference with another amount or method', async () => {
    ok(
      await recordPayment(contextFor(store, admin), {
        orderCode: placed.code,
        method: 'MOBILE_MONEY',
        amount: placed.total,
        reference: 'QK12AB',
      }),
    );
    const otherAmount = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'MOBILE_MONEY',
      amount: { amount: 1, currency: 'TZS' },
      reference: 'QK12AB',
    });
    expect(otherAmount).toBeInstanceOf(AmountMismatchError);
    const otherMethod = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: placed.total,
      reference: 'QK12AB',
    });
    expect(otherMethod).toBeInstanceOf(InvalidInputError);
    expect(await ledger(placed)).toHaveLength(1);
  });

  it('scopes cash receipt numbers to the center, mobile-money references to the provider', async () => {
    const other = await place('k2');
    ok(await recordPayment(contextFor(store, admin), { orderCode: placed.code, method: 'CASH', amount: placed.total, reference: '0001' }));
    // The same receipt number on another order of the same center is a mistake.
    const sameBook = await recordPayment(contextFor(store, admin), {
      orderCode: other.code,
      method: 'CASH',
      amount: other.total,
      reference: '0001',
    });
    expect(sameBook).toBeInstanceOf(InvalidInputError);
  });

  it('answers an oversized order code as not found, without a fault', async () => {
    const result = await recordPayment(contextFor(store, admin), {
      orderCode: 'X'.repeat(3000),
      method: 'CASH',
      amount: placed.total,
      reference: 'R-1',
    });
    expect(result).toBeInstanceOf(InvalidInputError);
  });

  it('refuses to take money for a cancelled order', async () => {
    ok(await cancelOrder(as(BUYER), placed.code));
    const result = await recordPayment(contextFor(store, admin), {
      orderCode: placed.code,
      method: 'CASH',
      amount: placed.total,
      reference: 'R-1',
    });
    expect(result).toBeInstanceOf(InvalidInputError);
    expect(await ledger(placed)).toHaveLength(0);
  });
});
