import { beforeEach, describe, expect, it } from 'vitest';
import { findProduct } from '../../core/catalogue/catalogue-service.js';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  PaymentRequiredError,
  PickupCodeExpiredError,
  PickupLockedError,
  WrongPickupCodeError,
} from '../../core/common/errors.js';
import { getItem } from '../../core/db/get-item.js';
import { keys } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { cashTakenAtHandover, confirmDelivery, markArrived, partnerStatement } from '../../core/delivery/delivery-service.js';
import type { Order } from '../../core/orders/order.js';
import { acceptOrder, findOrder, placeOrder, shipOrder } from '../../core/orders/order-service.js';
import { paymentsOf, recordPayment } from '../../core/payments/payment-service.js';
import { BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { notificationsTo, pickupCodeOf } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
const as = (number: string, now?: () => Date) => contextFor(store, phone(number), now);

async function shipped(paymentMethod: 'CASH' | 'MOBILE_MONEY' = 'CASH'): Promise<Order> {
  const order = ok(
    await placeOrder(as(BUYER), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'RICE5', quantity: 3 }],
      paymentMethod,
      idempotencyKey: `k-${Math.random()}`,
    }),
  );
  ok(await acceptOrder(as(SELLER), order.code));
  return ok(await shipOrder(as(SELLER), order.code));
}

let villageId: string;
beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
});

describe('delivery to the village', () => {
  it('checks a parcel in, texts the buyer a 6-digit code kept only as a hash, and hands over with it', async () => {
    const order = await shipped();
    const arrived = ok(await markArrived(as(PARTNER), order.code));
    expect(arrived.status).toBe('AT_CENTER');
    const code = await pickupCodeOf(store, order.code);
    expect(code).toMatch(/^\d{6}$/);
    const stored = ok(await findOrder(contextFor(store, admin), order.code));
    expect(JSON.stringify(stored)).not.toContain(code);
    // Nor in the record of its SMS.
    const sms = (await notificationsTo(store, BUYER)).find((m) => m.notification.kind === 'PICKUP_CODE');
    expect(sms?.status).toBe('SENT');
    expect(JSON.stringify(sms)).not.toContain(code);
    // The clear copy it was sent from is gone once it was sent.
    expect(await getItem(store, keys.pickupNotice(order.code, stored.pickup!.expiresAt), { consistent: true })).toBeNull();
    expect(stored.pickup!.expiresAt.slice(0, 10)).toBe(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));

    const delivered = ok(await confirmDelivery(as(PARTNER), order.code, code));
    expect(delivered).toMatchObject({ status: 'DELIVERED', paymentStatus: 'PAID' });
    expect(await cashTakenAtHandover(contextFor(store, admin), delivered)).toEqual(order.total);
    // Cash on delivery: the payment is in the ledger, written with DELIVERED.
    expect((await paymentsOf(contextFor(store, admin), order)).map((p) => [p.method, p.amount.amount])).toEqual([
      ['CASH', order.total.amount],
    ]);
    // A repeat of the same confirmation gives the same answer and changes nothing.
    expect(ok(await confirmDelivery(as(PARTNER), order.code, code)).status).toBe('DELIVERED');
    expect(await paymentsOf(contextFor(store, admin), order)).toHaveLength(1);
  });

  it('books the commission: subtotal times the rate, rounded half up, and the cash to hand over', async () => {
    const order = await shipped();
    ok(await markArrived(as(PARTNER), order.code));
    ok(await confirmDelivery(as(PARTNER), order.code, await pickupCodeOf(store, order.code)));
    const statement = ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01'));
    // 3 x 1,650,000 = 4,950,000 at 500 bps is 247,500; the rest of the cash is the seller's.
    expect(statement).toMatchObject({
      ordersHandled: 1,
      commission: 247_500,
      cashCollected: 4_950_000,
      owedToSellers: 4_702_500,
      cashToHandOver: 4_702_500,
      currency: 'TZS',
    });
    expect(await partnerStatement(as(BUYER), '2000-01-01', '2100-01-01')).toBeInstanceOf(ForbiddenError);
  });

  it('counts cash the partner took before the handover once, when it was taken, and none at the handover', async () => {
    const order = await shipped();
    ok(await recordPayment(as(PARTNER), { orderCode: order.code, method: 'CASH', amount: order.total, reference: 'RCPT-1' }));
    // Recorded again with the same receipt: the same payment, not more cash.
    ok(await recordPayment(as(PARTNER), { orderCode: order.code, method: 'CASH', amount: order.total, reference: 'RCPT-1' }));
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01'))).toMatchObject({
      ordersHandled: 0,
      commission: 0,
      cashCollected: order.total.amount,
    });
    ok(await markArrived(as(PARTNER), order.code));
    const delivered = ok(await confirmDelivery(as(PARTNER), order.code, await pickupCodeOf(store, order.code)));
    expect(await cashTakenAtHandover(contextFor(store, admin), delivered)).toBeNull();
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01'))).toMatchObject({
      ordersHandled: 1,
      commission: 247_500,
      cashCollected: order.total.amount,
    });
  });

  it("leaves cash an administrator recorded out of the partner's statement", async () => {
    const order = await shipped();
    ok(await recordPayment(contextFor(store, admin), { orderCode: order.code, method: 'CASH', amount: order.total, reference: 'RCPT-2' }));
    expect(ok(await partnerStatement(as(PARTNER), '2000-01-01', '2100-01-01')).cashCollected).toBe(0);
  });

  it("lets only the partner of the order's center check in and confirm", async () => {
    const order = await shipped();
    expect(await markArrived(as(SELLER), order.code)).toBeInstanceOf(NotFoundError);
    expect(await markArrived(contextFor(store, admin), order.code)).toBeInstanceOf(NotFoundError);
    ok(await markArrived(as(PARTNER), order.code));
    const code = await pickupCodeOf(store, order.code);
    expect(await confirmDelivery(as(BUYER), order.code, code)).toBeInstanceOf(NotFoundError);
    expect(ok(await findOrder(contextFor(store, admin), order.code)).status).toBe('AT_CENTER');
  });

  it('refuses the handover before arrival, and check-in before shipping', async () => {
    const order = ok(
      await placeOrder(as(BUYER), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'RICE5', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: 'early',
      }),
    );
    expect(await markArrived(as(PARTNER), order.code)).toBeInstanceOf(IllegalTransitionError);
    expect(await confirmDelivery(as(PARTNER), order.code, '123456')).toBeInstanceOf(IllegalTransitionError);
  });

  it('locks the order for an hour after 5 wrong codes, and tells the buyer', async () => {
    const order = await shipped();
    ok(await markArrived(as(PARTNER), order.code));
    const code = await pickupCodeOf(store, order.code);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) expect(await confirmDelivery(as(PARTNER), order.code, wrong)).toEqual(new WrongPickupCodeError(left));
    expect(await confirmDelivery(as(PARTNER), order.code, wrong)).toBeInstanceOf(PickupLockedError);
    // Even the right code waits out the lock.
    expect(await confirmDelivery(as(PARTNER), order.code, code)).toBeInstanceOf(PickupLockedError);
    expect((await notificationsTo(store, BUYER)).some((m) => m.notification.kind === 'PICKUP_LOCKED')).toBe(true);
    const later = () => new Date(Date.now() + 61 * 60_000);
    expect(ok(await confirmDelivery(as(PARTNER, later), order.code, code)).status).toBe('DELIVERED');
  });

  it('answers 50 wrong codes at once each with a wrong code or the lock, and locks after exactly 5 counted', async () => {
    const order = await shipped();
    ok(await markArrived(as(PARTNER), order.code));
    const code = await pickupCodeOf(store, order.code);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 50 }, () => confirmDelivery(as(PARTNER), order.code, wrong)));
    for (const answer of answers) expect(answer instanceof WrongPickupCodeError || answer instanceof PickupLockedError).toBe(true);
    // The counted ones said 4, 3, 2 and 1 attempts left, once each, before the lock.
    const counted = answers.filter((answer): answer is WrongPickupCodeError => answer instanceof WrongPickupCodeError);
    for (const left of [4, 3, 2, 1]) expect(counted.some((answer) => answer.attemptsLeft === left)).toBe(true);
    expect(answers.some((answer) => answer instanceof PickupLockedError)).toBe(true);
    const locks = (await notificationsTo(store, BUYER)).filter(
      (m) => m.notification.kind === 'PICKUP_LOCKED' && m.notification.orderCode === order.code,
    );
    expect(locks).toHaveLength(1);
    expect(await confirmDelivery(as(PARTNER), order.code, code)).toBeInstanceOf(PickupLockedError);
  });

  it('sends a new code when the partner checks an order in again later; the old one stops working', async () => {
    const order = await shipped();
    ok(await markArrived(as(PARTNER), order.code));
    const first = await pickupCodeOf(store, order.code);
    // A retry moments later sends nothing new.
    ok(await markArrived(as(PARTNER), order.code));
    expect(await pickupCodeOf(store, order.code)).toBe(first);
    ok(
      await markArrived(
        as(PARTNER, () => new Date(Date.now() + 3 * 60_000)),
        order.code,
      ),
    );
    const second = await pickupCodeOf(store, order.code);
    if (first !== second) expect(await confirmDelivery(as(PARTNER), order.code, first)).toBeInstanceOf(WrongPickupCodeError);
    expect(ok(await confirmDelivery(as(PARTNER), order.code, second)).status).toBe('DELIVERED');
  });

  it('refuses an expired code, and an unpaid mobile-money order', async () => {
    const order = await shipped();
    ok(await markArrived(as(PARTNER), order.code));
    const code = await pickupCodeOf(store, order.code);
    expect(
      await confirmDelivery(
        as(PARTNER, () => new Date(Date.now() + 15 * 86_400_000)),
        order.code,
        code,
      ),
    ).toBeInstanceOf(PickupCodeExpiredError);
    const momo = await shipped('MOBILE_MONEY');
    ok(await markArrived(as(PARTNER), momo.code));
    expect(await confirmDelivery(as(PARTNER), momo.code, await pickupCodeOf(store, momo.code))).toBeInstanceOf(PaymentRequiredError);
    expect((await findProduct(contextFor(store, admin), 'RICE5', villageId))!.stock).toBe(4);
  });
});
