import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationText } from '../../channels/sms/notification-text.js';
import { findProduct, upsertProduct } from '../../core/catalogue/catalogue-service.js';
import { PaymentPendingError } from '../../core/common/errors.js';
import type { MpesaConfig } from '../../core/config/settings.js';
import type { Store } from '../../core/db/store.js';
import type { Order } from '../../core/orders/order.js';
import { cancelOrder, findOrder, placeOrder } from '../../core/orders/order-service.js';
import {
  parseStkCallback,
  requestMobileMoneyPayment,
  settleStkResult,
  sweepMobileMoney,
} from '../../core/payments/mobile-money-service.js';
import { paymentsOf, recordPayment } from '../../core/payments/payment-service.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { startMpesaStub, stkCallback } from '../support/mpesa-stub.js';
import { notificationsTo } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

const KENYAN = '+254712000001';
let stub: Awaited<ReturnType<typeof startMpesaStub>>;
let mpesa: MpesaConfig;
let store: Store;
let order: Order;

let villageId: string;
beforeAll(async () => {
  stub = await startMpesaStub();
  mpesa = stub.config('https://api.example');
});
afterAll(() => stub.close());

beforeEach(async () => {
  store = await createTestStore();
  const { shop, village } = await seedCatalogue(store);
  villageId = village.id;
  ok(
    await upsertProduct(contextFor(store, phone(SELLER)), {
      code: 'TEA1',
      shopId: shop.id,
      name: 'Tea',
      price: { amount: 25_000, currency: 'KES' },
      stock: 5,
    }),
  );
  order = ok(
    await placeOrder(contextFor(store, phone(KENYAN)), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'TEA1', quantity: 2 }],
      paymentMethod: 'MOBILE_MONEY',
      idempotencyKey: 'k1',
    }),
  );
  stub.pushes.length = 0;
});

const buyer = () => ({ ...contextFor(store, phone(KENYAN)), mpesa });
const settle = (body: unknown) => settleStkResult(store, parseStkCallback(body)!, new Date());
const current = async () => ok(await findOrder(contextFor(store, admin), order.code));

describe('M-Pesa payments', () => {
  it('sends an STK push of the order total in shillings and marks the payment PENDING', async () => {
    const pending = ok(await requestMobileMoneyPayment(buyer(), order.code));
    expect(pending.paymentStatus).toBe('PENDING');
    expect(stub.pushes).toHaveLength(1);
    expect(stub.pushes[0]).toMatchObject({
      BusinessShortCode: '174379',
      TransactionType: 'CustomerPayBillOnline',
      Amount: 500,
      PartyA: '254712000001',
      PhoneNumber: '254712000001',
      CallBackURL: 'https://api.example/payments/mpesa/callback/cb-secret',
      AccountReference: order.code,
    });
    // Asking again while it is pending sends nothing.
    ok(await requestMobileMoneyPayment(buyer(), order.code));
    expect(stub.pushes).toHaveLength(1);
  });

  it('marks the order PAID on a successful callback, once however often it comes', async () => {
    const { mpesaCheckoutId } = ok(await requestMobileMoneyPayment(buyer(), order.code));
    const callback = stkCallback(mpesaCheckoutId!, 0, { amount: 500, receipt: 'QKT4ABCD12', phone: KENYAN });
    expect(await settle(callback)).toBe('paid');
    expect(await settle(callback)).toBe('ignored');
    expect((await current()).paymentStatus).toBe('PAID');
    expect((await paymentsOf(contextFor(store, admin), order)).map((p) => [p.reference, p.method, p.amount.amount])).toEqual([
      ['QKT4ABCD12', 'MOBILE_MONEY', 50_000],
    ]);
  });

  it('refuses a callback with the wrong amount, leaves the order UNPAID and tells the buyer', async () => {
    const { mpesaCheckoutId } = ok(await requestMobileMoneyPayment(buyer(), order.code));
    expect(await settle(stkCallback(mpesaCheckoutId!, 0, { amount: 5, receipt: 'QKT4ABCD13', phone: KENYAN }))).toBe('amount-mismatch');
    expect((await current()).paymentStatus).toBe('UNPAID');
    expect(await paymentsOf(contextFor(store, admin), order)).toEqual([]);
    expect((await notificationsTo(store, KENYAN)).some((m) => m.notification.kind === 'PAYMENT_FAILED')).toBe(true);
  });

  it('leaves the order UNPAID when the payer declines, and tells them', async () => {
    const { mpesaCheckoutId } = ok(await requestMobileMoneyPayment(buyer(), order.code));
    expect(await settle(stkCallback(mpesaCheckoutId!, 1032))).toBe('not-paid');
    expect((await current()).paymentStatus).toBe('UNPAID');
    expect((await notificationsTo(store, KENYAN)).map((m) => m.notification.kind)).toContain('PAYMENT_FAILED');
    // The buyer may try again.
    expect(ok(await requestMobileMoneyPayment(buyer(), order.code)).paymentStatus).toBe('PENDING');
  });

  it('refuses to cancel, or take cash for, an order while its M-Pesa payment is in flight', async () => {
    ok(await requestMobileMoneyPayment(buyer(), order.code));
    expect(await cancelOrder(contextFor(store, phone(KENYAN)), order.code)).toBeInstanceOf(PaymentPendingError);
    expect(
      await recordPayment(contextFor(store, admin), { orderCode: order.code, method: 'CASH', amount: order.total, reference: 'R1' }),
    ).toBeInstanceOf(PaymentPendingError);
    expect(await current()).toMatchObject({ status: 'PLACED', paymentStatus: 'PENDING' });
  });

  it('fails a payment that never got an answer by the expiry time, then cancels the order', async () => {
    ok(await requestMobileMoneyPayment(buyer(), order.code));
    // Daraja still "processing": nothing to do yet, and the sweep goes on.
    expect(await sweepMobileMoney(store, mpesa, 60, new Date(Date.now() + 3 * 60_000))).toEqual({});
    expect(await sweepMobileMoney(store, mpesa, 60, new Date(Date.now() + 61 * 60_000))).toEqual({ expired: 1 });
    expect(await current()).toMatchObject({ status: 'CANCELLED', paymentStatus: 'UNPAID' });
  });

  it('settles a payment whose callback never came by asking for its status', async () => {
    ok(await requestMobileMoneyPayment(buyer(), order.code));
    stub.answerQueries({ ResultCode: '0', ResultDesc: 'The service request is processed successfully.' });
    const later = new Date(Date.now() + 3 * 60_000);
    expect(await sweepMobileMoney(store, mpesa, 60, later)).toEqual({ paid: 1 });
    expect((await current()).paymentStatus).toBe('PAID');
  });

  it('cancels and restocks an order still unpaid after the expiry time, and tells the buyer', async () => {
    expect((await findProduct(contextFor(store, admin), 'TEA1', villageId))!.stock).toBe(3);
    expect(await sweepMobileMoney(store, mpesa, 60, new Date(Date.now() + 30 * 60_000))).toEqual({});
    expect(await sweepMobileMoney(store, mpesa, 60, new Date(Date.now() + 61 * 60_000))).toEqual({ expired: 1 });
    expect((await current()).status).toBe('CANCELLED');
    expect((await findProduct(contextFor(store, admin), 'TEA1', villageId))!.stock).toBe(5);
    const cancellation = (await notificationsTo(store, KENYAN)).find(
      (m) => m.notification.kind === 'ORDER_STATUS' && m.notification.status === 'CANCELLED',
    );
    // The buyer is told why: not paid in time.
    expect(notificationText(cancellation!.notification, 'en', '')).toBe(
      `Order ${order.code} was cancelled: it was not paid by mobile money in time.`,
    );
    expect(notificationText(cancellation!.notification, 'sw', '')).toContain('haikulipwa');
    expect(await sweepMobileMoney(store, mpesa, 60, new Date(Date.now() + 62 * 60_000))).toEqual({});
  });

  it('answers, rather than fails, when M-Pesa cannot be reached, and leaves the order unpaid', async () => {
    const unreachable = { ...mpesa, baseUrl: 'http://127.0.0.1:1' };
    expect(await requestMobileMoneyPayment({ ...buyer(), mpesa: unreachable }, order.code)).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await current()).paymentStatus).toBe('UNPAID');
  });

  it('refuses orders in another currency, and where M-Pesa is not set up', async () => {
    const tzs = ok(
      await placeOrder(contextFor(store, phone(BUYER)), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'RICE5', quantity: 1 }],
        paymentMethod: 'MOBILE_MONEY',
        idempotencyKey: 'k2',
      }),
    );
    expect(await requestMobileMoneyPayment({ ...contextFor(store, phone(BUYER)), mpesa }, tzs.code)).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await requestMobileMoneyPayment(contextFor(store, phone(KENYAN)), order.code)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(stub.pushes).toHaveLength(0);
  });
});
