import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { findProduct } from '../../core/catalogue/catalogue-service.js';
import { ForbiddenError, IllegalTransitionError, NotFoundError, OverpaymentError } from '../../core/common/errors.js';
import { keys, listKeys } from '../../core/db/keys.js';
import { listCondition, queryAll } from '../../core/db/query.js';
import type { Store } from '../../core/db/store.js';
import { confirmDelivery, markArrived, partnerStatement } from '../../core/delivery/delivery-service.js';
import type { Order } from '../../core/orders/order.js';
import { acceptOrder, cancelOrder, firstMileOrders, placeOrder, receiveOrder, shipOrder } from '../../core/orders/order-service.js';
import type { CenterLedgerEntry } from '../../core/payments/center-ledger.js';
import { refundOrder } from '../../core/payments/payment-service.js';
import { listSellerLedgerBetween } from '../../core/payments/payout-repository.js';
import { payOutSeller, sellerStatement } from '../../core/payments/payout-service.js';
import { BUYER, FAR_PARTNER, ok, PARTNER, SELLER, seedCatalogue, seedFarVillage } from '../support/fixtures.js';
import { notificationsTo, pickupCodeOf } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let villageId: string;
const as = (number: string) => contextFor(store, phone(number));
const EVER = ['2000-01-01', '2100-01-01'] as const;

beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
  await seedFarVillage(store);
});

/** 2 RICE5 of Testville's seller (TZS 33,000), bought at a center: FAR01 is in another village, TST01 in the seller's. */
async function orderAt(center: 'FAR01' | 'TST01', paymentMethod: 'CASH' | 'MOBILE_MONEY' = 'CASH'): Promise<Order> {
  return ok(
    await placeOrder(as(BUYER), {
      serviceCenterId: center,
      lines: [{ productCode: `RICE5.${villageId}`, quantity: 2 }],
      paymentMethod,
      idempotencyKey: `k-${Math.random()}`,
    }),
  );
}

const firstMileCodes = async (partner: string) =>
  ok(await firstMileOrders(as(partner), {}, { first: 20, after: null })).items.map((order) => order.code);
const told = async (who: string, code: string, status: string) =>
  (await notificationsTo(store, who)).some(
    (m) => m.notification.kind === 'ORDER_STATUS' && m.notification.orderCode === code && m.notification.status === status,
  );
const centerLines = (centerId: string) => queryAll<CenterLedgerEntry>(store, listCondition(listKeys.centerLedger(centerId)));
const sellerLines = () => listSellerLedgerBetween(store, SELLER, ...EVER);
const sum = <T>(lines: T[], pick: (line: T) => number | undefined) => lines.reduce((total, line) => total + (pick(line) ?? 0), 0);

/** A first-mile order from placing to its handover at FAR01, cash at the handover. */
async function handedOver(): Promise<Order> {
  const order = await orderAt('FAR01');
  ok(await acceptOrder(as(SELLER), order.code));
  ok(await receiveOrder(as(PARTNER), order.code));
  ok(await shipOrder(as(PARTNER), order.code));
  ok(await markArrived(as(FAR_PARTNER), order.code));
  return ok(await confirmDelivery(as(FAR_PARTNER), order.code, await pickupCodeOf(store, order.code)));
}

describe('the first mile', () => {
  it("takes an order for another village's center through the seller's own center, whose partner receives it and sends it on", async () => {
    const order = await orderAt('FAR01');
    const accepted = ok(await acceptOrder(as(SELLER), order.code));
    expect(accepted.collectingCenterId).toBe('TST01');
    expect(await firstMileCodes(PARTNER)).toEqual([order.code]);
    // The seller drops it off instead of shipping it; nobody but the collecting partner receives it.
    expect(await shipOrder(as(SELLER), order.code)).toBeInstanceOf(IllegalTransitionError);
    expect(await receiveOrder(as(FAR_PARTNER), order.code)).toBeInstanceOf(ForbiddenError);
    expect(await receiveOrder(as(SELLER), order.code)).toBeInstanceOf(ForbiddenError);

    expect(ok(await receiveOrder(as(PARTNER), order.code)).status).toBe('RECEIVED');
    expect(await told(BUYER, order.code, 'RECEIVED')).toBe(true);
    expect(await told(SELLER, order.code, 'RECEIVED')).toBe(true);
    // Once received, the seller no longer holds it: only the collecting partner sends it on.
    expect(await shipOrder(as(SELLER), order.code)).toBeInstanceOf(ForbiddenError);
    expect(ok(await shipOrder(as(PARTNER), order.code)).status).toBe('SHIPPED');
    expect(await firstMileCodes(PARTNER)).toEqual([]);
    // From here it is the buyer's center's, as any order.
    expect(await markArrived(as(PARTNER), order.code)).toBeInstanceOf(NotFoundError);
    expect(ok(await markArrived(as(FAR_PARTNER), order.code)).status).toBe('AT_CENTER');
  });

  it("ships an order for the seller's own village's center, or from a village without one, straight from the seller", async () => {
    const local = await orderAt('TST01');
    expect(ok(await acceptOrder(as(SELLER), local.code)).collectingCenterId).toBeUndefined();
    expect(await receiveOrder(as(PARTNER), local.code)).toBeInstanceOf(IllegalTransitionError);
    expect(ok(await shipOrder(as(SELLER), local.code)).status).toBe('SHIPPED');
    expect(await firstMileCodes(PARTNER)).toEqual([]);
  });

  it('cancels a received order, puts its stock back and takes it off the collecting center’s tasks', async () => {
    const stock = async () => (await findProduct(contextFor(store, admin), 'RICE5', villageId))!.stock;
    const order = await orderAt('FAR01');
    ok(await acceptOrder(as(SELLER), order.code));
    ok(await receiveOrder(as(PARTNER), order.code));
    expect(await stock()).toBe(8);
    expect(ok(await cancelOrder(as(BUYER), order.code)).status).toBe('CANCELLED');
    expect(await stock()).toBe(10);
    expect(await firstMileCodes(PARTNER)).toEqual([]);
    // The goods go back to the seller from the collecting center: its partner is told.
    expect(await told(PARTNER, order.code, 'CANCELLED')).toBe(true);
  });

  it('lets the collecting partner cancel an order only once the goods are with them', async () => {
    const order = await orderAt('FAR01');
    ok(await acceptOrder(as(SELLER), order.code));
    expect(await cancelOrder(as(PARTNER), order.code)).toBeInstanceOf(ForbiddenError);
    ok(await receiveOrder(as(PARTNER), order.code));
    expect(ok(await cancelOrder(as(PARTNER), order.code)).status).toBe('CANCELLED');
  });

  it('splits the commission between the two partners and books what the handing-over partner holds for the seller', async () => {
    const order = await handedOver();
    // FAR01's rate, 400 bps of TZS 33,000 (3,300,000 minor units): 132,000, half of it to TST01.
    expect(order.settlement).toEqual({ centerId: 'FAR01', commission: 132_000, collectingShare: 66_000, heldBy: 'FAR01' });
    const far = ok(await partnerStatement(as(FAR_PARTNER), ...EVER));
    expect(far).toMatchObject({
      ordersHandled: 1,
      commission: 66_000,
      cashCollected: 3_300_000,
      owedToSellers: 3_168_000,
      owedToCenters: 66_000,
      paidToSellers: 0,
      cashToHandOver: 3_168_000,
    });
    // Every minor unit of the cash is someone's: the seller's proceeds, this partner's share, the collecting center's.
    expect(far.owedToSellers + far.commission + far.owedToCenters).toBe(far.cashCollected);
    expect(ok(await partnerStatement(as(PARTNER), ...EVER))).toMatchObject({ ordersCollected: 1, commission: 66_000, cashCollected: 0 });
    expect(ok(await sellerStatement(as(SELLER), { from: EVER[0], to: EVER[1] }))).toMatchObject({
      ordersSold: 1,
      sales: 3_300_000,
      commission: 132_000,
      proceeds: 3_168_000,
      paid: 0,
      heldByService: 0,
      owedByCenters: [{ centerId: 'FAR01', sellerPhone: SELLER, owed: 3_168_000, currency: 'TZS' }],
    });
  });
});

describe("sellers' cash", () => {
  it('is handed over at most up to what the center owes, and both statements and the ledgers agree', async () => {
    await handedOver();
    const pay = (amount: number, key: string) =>
      payOutSeller(as(FAR_PARTNER), { sellerPhone: SELLER, amount: { amount, currency: 'TZS' }, idempotencyKey: key });
    expect(ok(await pay(3_000_000, 'p1')).owedAfter).toEqual({ amount: 168_000, currency: 'TZS' });
    // The same key again is the same payout.
    expect(ok(await pay(3_000_000, 'p1')).owedAfter).toEqual({ amount: 168_000, currency: 'TZS' });
    const over = await pay(200_000, 'p2');
    expect(over).toBeInstanceOf(OverpaymentError);
    expect((over as OverpaymentError).owed).toEqual({ amount: 168_000, currency: 'TZS' });
    // Only a center's partner hands out cash, and only the center's own.
    expect(
      await payOutSeller(as(SELLER), { sellerPhone: SELLER, amount: { amount: 1, currency: 'TZS' }, idempotencyKey: 'p3' }),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await payOutSeller(as(PARTNER), { sellerPhone: SELLER, amount: { amount: 1, currency: 'TZS' }, idempotencyKey: 'p4' }),
    ).toBeInstanceOf(OverpaymentError);

    const far = ok(await partnerStatement(as(FAR_PARTNER), ...EVER));
    const seller = ok(await sellerStatement(as(SELLER), { from: EVER[0], to: EVER[1] }));
    // The same statement when the seller, or an admin, names the phone in another format; nobody else's.
    const named = { from: EVER[0], to: EVER[1], sellerPhone: SELLER.replace(/^(\+\d{3})(\d{3})/, '$1 $2 ') };
    expect(ok(await sellerStatement(as(SELLER), named))).toEqual(seller);
    expect(ok(await sellerStatement(contextFor(store, admin), named))).toEqual({ ...seller, sellerPhone: SELLER });
    expect(await sellerStatement(as(PARTNER), named)).toBeInstanceOf(ForbiddenError);
    const farLines = await centerLines('FAR01');
    const lines = await sellerLines();
    expect(far.paidToSellers).toBe(3_000_000);
    expect(far.cashToHandOver).toBe(168_000);
    expect(seller.paid).toBe(3_000_000);
    expect(seller.owedByCenters[0]!.owed).toBe(168_000);
    // The statements are the ledgers' sums; what is owed now is what was booked less what was paid.
    expect(far.paidToSellers).toBe(sum(farLines, (line) => line.paidToSeller));
    expect(seller.paid).toBe(sum(lines, (line) => line.paid));
    expect(seller.proceeds - seller.paid).toBe(far.owedToSellers - far.paidToSellers);
    expect(far.cashToHandOver).toBe(seller.proceeds - seller.paid);
  });

  it('pays out once when two payouts race for what is owed', async () => {
    await handedOver();
    const results = await Promise.all(
      ['r1', 'r2', 'r3'].map((key) =>
        payOutSeller(as(FAR_PARTNER), { sellerPhone: SELLER, amount: { amount: 2_000_000, currency: 'TZS' }, idempotencyKey: key }),
      ),
    );
    expect(results.filter((result) => result instanceof OverpaymentError)).toHaveLength(2);
    expect(ok(await partnerStatement(as(FAR_PARTNER), ...EVER))).toMatchObject({ paidToSellers: 2_000_000, cashToHandOver: 1_168_000 });
    const balance = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.sellerBalance('FAR01', SELLER) }));
    expect(balance.Item?.owed).toBe(1_168_000);
  });

  it('counts as cash to hand over only what is owed: a seller paid before a refund owes the center', async () => {
    const order = await handedOver();
    ok(await payOutSeller(as(FAR_PARTNER), { sellerPhone: SELLER, amount: { amount: 3_168_000, currency: 'TZS' }, idempotencyKey: 'all' }));
    ok(await refundOrder(as(FAR_PARTNER), { orderCode: order.code, reference: 'RF-2' }));
    const far = ok(await partnerStatement(as(FAR_PARTNER), ...EVER));
    expect(far.sellerBalances).toEqual([{ centerId: 'FAR01', sellerPhone: SELLER, owed: -3_168_000, currency: 'TZS' }]);
    expect(far.cashToHandOver).toBe(0);
  });

  it('reverses a handed-over sale that is refunded, in every book it entered, once', async () => {
    const order = await handedOver();
    const refunds = await Promise.all([1, 2].map(() => refundOrder(as(FAR_PARTNER), { orderCode: order.code, reference: 'RF-1' })));
    for (const refund of refunds) expect(ok(refund).order.paymentStatus).toBe('REFUNDED');
    const far = ok(await partnerStatement(as(FAR_PARTNER), ...EVER));
    expect(far).toMatchObject({ commission: 0, cashCollected: 0, owedToSellers: 0, owedToCenters: 0, cashToHandOver: 0 });
    expect(ok(await partnerStatement(as(PARTNER), ...EVER)).commission).toBe(0);
    expect(ok(await sellerStatement(as(SELLER), { from: EVER[0], to: EVER[1] }))).toMatchObject({
      ordersSold: 0,
      sales: 0,
      commission: 0,
      proceeds: 0,
    });
  });
});
