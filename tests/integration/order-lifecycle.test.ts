import { beforeEach, describe, expect, it } from 'vitest';
import { findProduct } from '../../core/catalogue/catalogue-service.js';
import { ForbiddenError, IllegalTransitionError, NotFoundError, OrderPaidError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import type { Order } from '../../core/orders/order.js';
import { acceptOrder, cancelOrder, findOrder, placeOrder, shipOrder } from '../../core/orders/order-service.js';
import { recordPayment } from '../../core/payments/payment-service.js';
import { BUYER, OTHER_BUYER, OTHER_SELLER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let placed: Order;
const as = (number: string) => contextFor(store, phone(number));

let villageId: string;
beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
  placed = ok(
    await placeOrder(as(BUYER), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'RICE5', quantity: 3 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'k1',
    }),
  );
});

const stockOf = async (code: string) => (await findProduct(contextFor(store, admin), code, villageId))!.stock;

describe('order lifecycle', () => {
  it('goes PLACED -> ACCEPTED -> SHIPPED by the seller, with its history', async () => {
    expect(ok(await acceptOrder(as(SELLER), placed.code)).status).toBe('ACCEPTED');
    const shipped = ok(await shipOrder(as(SELLER), placed.code.toLowerCase()));
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.history.map((change) => change.status)).toEqual(['PLACED', 'ACCEPTED', 'SHIPPED']);
    expect(ok(await findOrder(as(BUYER), placed.code)).status).toBe('SHIPPED');
  });

  it("answers a seller's repeated accept as the first time", async () => {
    const first = ok(await acceptOrder(as(SELLER), placed.code));
    const again = ok(await acceptOrder(as(SELLER), placed.code));
    expect(again.history).toEqual(first.history);
  });

  it('refuses read-only app keys', async () => {
    expect(await cancelOrder(contextFor(store, app), placed.code)).toBeInstanceOf(NotFoundError);
    expect(await acceptOrder(contextFor(store, app), placed.code)).toBeInstanceOf(NotFoundError);
    expect(await stockOf('RICE5')).toBe(7);
  });

  it('refuses to ship an order that was not accepted', async () => {
    const result = await shipOrder(as(SELLER), placed.code);
    expect(result).toBeInstanceOf(IllegalTransitionError);
    expect(ok(await findOrder(as(BUYER), placed.code)).status).toBe('PLACED');
  });

  it('lets only the seller accept', async () => {
    expect(await acceptOrder(as(BUYER), placed.code)).toBeInstanceOf(ForbiddenError);
    expect(await acceptOrder(as(OTHER_SELLER), placed.code)).toBeInstanceOf(NotFoundError);
    expect(ok(await findOrder(as(BUYER), placed.code)).status).toBe('PLACED');
  });

  it('cancels before shipping and restocks in the same transaction', async () => {
    expect(await stockOf('RICE5')).toBe(7);
    ok(await acceptOrder(as(SELLER), placed.code));
    const cancelled = ok(await cancelOrder(as(BUYER), placed.code));
    expect(cancelled.status).toBe('CANCELLED');
    expect(await stockOf('RICE5')).toBe(10);
    // The buyer's retry gets the same answer; the seller's late cancel is illegal; neither restocks again.
    expect(ok(await cancelOrder(as(BUYER), placed.code)).status).toBe('CANCELLED');
    expect(await cancelOrder(as(SELLER), placed.code)).toBeInstanceOf(IllegalTransitionError);
    expect(await stockOf('RICE5')).toBe(10);
  });

  it('lets two racing cancels restock once', async () => {
    const results = await Promise.all([cancelOrder(as(BUYER), placed.code), cancelOrder(as(SELLER), placed.code)]);
    expect(results.filter((result) => result instanceof IllegalTransitionError)).toHaveLength(1);
    expect(await stockOf('RICE5')).toBe(10);
  });

  it('refuses to cancel after shipping', async () => {
    ok(await acceptOrder(as(SELLER), placed.code));
    ok(await shipOrder(as(SELLER), placed.code));
    expect(await cancelOrder(as(BUYER), placed.code)).toBeInstanceOf(IllegalTransitionError);
    expect(await stockOf('RICE5')).toBe(7);
  });

  it('refuses to cancel a paid order', async () => {
    ok(await recordPayment(as(PARTNER), { orderCode: placed.code, method: 'CASH', amount: placed.total, reference: 'R-1' }));
    expect(await cancelOrder(as(BUYER), placed.code)).toBeInstanceOf(OrderPaidError);
    expect(await stockOf('RICE5')).toBe(7);
  });

  it('hides an order from phones that have nothing to do with it', async () => {
    expect(await findOrder(as(OTHER_BUYER), placed.code)).toBeInstanceOf(NotFoundError);
    expect(ok(await findOrder(as(PARTNER), placed.code)).code).toBe(placed.code);
    expect(ok(await findOrder(as(SELLER), placed.code)).code).toBe(placed.code);
    expect(await cancelOrder(as(OTHER_BUYER), placed.code)).toBeInstanceOf(NotFoundError);
  });
});
