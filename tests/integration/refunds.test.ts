import { beforeEach, describe, expect, it } from 'vitest';
import { findProduct } from '../../core/catalogue/catalogue-service.js';
import { IllegalTransitionError, InvalidInputError, NotFoundError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { confirmDelivery, markArrived, partnerStatement } from '../../core/delivery/delivery-service.js';
import { acceptOrder, findOrder, placeOrder, shipOrder } from '../../core/orders/order-service.js';
import { paymentsOf, recordPayment, refundOrder } from '../../core/payments/payment-service.js';
import { BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { notificationsTo, pickupCodeOf } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let villageId: string;
const as = (number: string) => contextFor(store, phone(number));

beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
});

/** An order of 3 RICE5 (TZS 49,500), paid in cash to the partner before anything else happens. */
async function paidOrder() {
  const order = ok(
    await placeOrder(as(BUYER), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'RICE5', quantity: 3 }],
      paymentMethod: 'CASH',
      idempotencyKey: `k-${Math.random()}`,
    }),
  );
  ok(await recordPayment(as(PARTNER), { orderCode: order.code, method: 'CASH', amount: order.total, reference: `RCPT-${order.code}` }));
  return order;
}

const stockOfRice = async () => (await findProduct(contextFor(store, admin), 'RICE5', villageId))!.stock;
const refunds = async (code: string) =>
  (await paymentsOf(contextFor(store, admin), (await findOrder(contextFor(store, admin), code)) as never)).filter(
    (p) => p.kind === 'REFUND',
  );

describe('refunds', () => {
  it('gives back a paid order that never shipped: cancelled, restocked, the cash out of the books, both sides told', async () => {
    const order = await paidOrder();
    expect(await stockOfRice()).toBe(7);
    const refunded = ok(await refundOrder(as(PARTNER), { orderCode: order.code, reference: 'REF-1' }));
    expect(refunded.order).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUNDED' });
    expect(refunded.payment).toMatchObject({ kind: 'REFUND', method: 'CASH', amount: order.total });
    expect(await stockOfRice()).toBe(10);
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01')).cashCollected).toBe(0);
    for (const who of [BUYER, SELLER]) {
      const told = (await notificationsTo(store, who)).some(
        (m) => m.notification.kind === 'REFUNDED' && m.notification.orderCode === order.code,
      );
      expect(told, who).toBe(true);
    }
  });

  it('gives back a shipped order without touching the stock, and refuses its handover after', async () => {
    const order = await paidOrder();
    ok(await acceptOrder(as(SELLER), order.code));
    ok(await shipOrder(as(SELLER), order.code));
    ok(await markArrived(as(PARTNER), order.code));
    ok(await refundOrder(contextFor(store, admin), { orderCode: order.code, reference: 'REF-2' }));
    expect(ok(await findOrder(contextFor(store, admin), order.code))).toMatchObject({ status: 'AT_CENTER', paymentStatus: 'REFUNDED' });
    expect(await stockOfRice()).toBe(7);
    expect(await confirmDelivery(as(PARTNER), order.code, await pickupCodeOf(store, order.code))).toBeInstanceOf(IllegalTransitionError);
  });

  it('refunds once: a repeat answers the same, a second refund is refused, an unpaid order has nothing to give back', async () => {
    const order = await paidOrder();
    // The payment's own receipt is no refund's reference.
    expect(await refundOrder(as(PARTNER), { orderCode: order.code, reference: `RCPT-${order.code}` })).toBeInstanceOf(InvalidInputError);
    const first = ok(await refundOrder(as(PARTNER), { orderCode: order.code, reference: 'REF-3' }));
    expect(ok(await refundOrder(as(PARTNER), { orderCode: order.code, reference: 'REF-3' })).payment).toEqual(first.payment);
    expect(await refundOrder(as(PARTNER), { orderCode: order.code, reference: 'REF-4' })).toBeInstanceOf(IllegalTransitionError);
    expect(await refunds(order.code)).toHaveLength(1);
    const unpaid = ok(
      await placeOrder(as(BUYER), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'BEANS2', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: 'u',
      }),
    );
    expect(await refundOrder(as(PARTNER), { orderCode: unpaid.code, reference: 'REF-5' })).toBeInstanceOf(IllegalTransitionError);
    expect(await refundOrder(as(BUYER), { orderCode: order.code, reference: 'REF-6' })).toBeInstanceOf(NotFoundError);
  });

  it("keeps cash an administrator recorded, and gave back, out of the partner's books", async () => {
    const order = ok(
      await placeOrder(as(BUYER), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'RICE5', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: 'a',
      }),
    );
    ok(
      await recordPayment(contextFor(store, admin), { orderCode: order.code, method: 'CASH', amount: order.total, reference: 'OFFICE-1' }),
    );
    ok(await refundOrder(contextFor(store, admin), { orderCode: order.code, reference: 'OFFICE-1-BACK' }));
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01')).cashCollected).toBe(0);
  });

  it('leaves exactly one effect when the same refund, two refunds, or a refund and a handover race', async () => {
    const racing = await paidOrder();
    const answers = await Promise.all([
      refundOrder(as(PARTNER), { orderCode: racing.code, reference: 'REF-7' }),
      refundOrder(as(PARTNER), { orderCode: racing.code, reference: 'REF-7' }),
      refundOrder(contextFor(store, admin), { orderCode: racing.code, reference: 'REF-8' }),
    ]);
    expect(answers.filter((answer) => !(answer instanceof IllegalTransitionError)).length).toBeGreaterThanOrEqual(1);
    expect(await refunds(racing.code)).toHaveLength(1);
    expect(await stockOfRice()).toBe(10);
    // One refund, so one message each: derived from the order's change, recorded once.
    const toldOfRefund = (await notificationsTo(store, BUYER)).filter(
      (m) => m.notification.kind === 'REFUNDED' && m.notification.orderCode === racing.code,
    );
    expect(toldOfRefund).toHaveLength(1);

    const handedOver = await paidOrder();
    ok(await acceptOrder(as(SELLER), handedOver.code));
    ok(await shipOrder(as(SELLER), handedOver.code));
    ok(await markArrived(as(PARTNER), handedOver.code));
    await Promise.all([
      confirmDelivery(as(PARTNER), handedOver.code, await pickupCodeOf(store, handedOver.code)),
      refundOrder(as(PARTNER), { orderCode: handedOver.code, reference: 'REF-9' }),
    ]);
    // Whichever came first, the money went back once and the partner's books agree: all cash given back.
    expect(ok(await findOrder(contextFor(store, admin), handedOver.code)).paymentStatus).toBe('REFUNDED');
    expect(await refunds(handedOver.code)).toHaveLength(1);
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01')).cashCollected).toBe(0);
  });
});
