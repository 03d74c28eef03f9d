import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../core/common/index.js';
import type { Order, StatusChange } from '../../core/orders/order.js';
import { noticesOfOrderChange } from '../../core/orders/order-notices.js';

const BUYER = '+255754000010';
const SELLER = '+255754000002';
const PARTNER = '+255754000001';
const COLLECTOR = '+255754000003';
const partners: Record<string, string> = { C1: PARTNER, C2: COLLECTOR };
const partnerOf = async (centerId: string) => partners[centerId] ?? null;

const placed: Order = {
  code: 'ABC234',
  buyerPhone: BUYER,
  shopId: 'S1',
  sellerPhone: SELLER,
  sellerVillageId: 'V2',
  centerId: 'C1',
  lines: [
    {
      productId: 'RICE5.V2',
      productCode: 'RICE5',
      name: 'Rice',
      unit: 'bag',
      quantity: 2,
      unitPrice: { amount: 10, currency: 'TZS' },
      lineTotal: { amount: 20, currency: 'TZS' },
    },
  ],
  subtotal: { amount: 20, currency: 'TZS' },
  total: { amount: 20, currency: 'TZS' },
  status: 'PLACED',
  paymentStatus: 'UNPAID',
  paymentMethod: 'CASH',
  history: [{ status: 'PLACED', at: '2026-11-28T10:00:00.000Z', by: BUYER }],
  revision: 1,
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};
/** The same order on a first mile: accepted for the buyer's center C1 and collected at C2. */
const firstMile = { ...placed, collectingCenterId: 'C2' };

/** The order after a move to `status`, made by `by`. */
function moved(before: Order, status: OrderStatus, by: string, change: Partial<StatusChange> = {}): Order {
  const step = { status, at: '2026-11-28T11:00:00.000Z', by, ...change };
  return { ...before, status, history: [...before.history, step], updatedAt: step.at };
}
const told = async (before: Order | null, after: Order) =>
  (await noticesOfOrderChange(before, after, partnerOf)).map(({ to, notification }) => ({ to, notification }));
const status = (orderStatus: OrderStatus, centerId: string, reason?: 'UNPAID') => ({
  kind: 'ORDER_STATUS',
  orderCode: 'ABC234',
  status: orderStatus,
  centerId,
  ...(reason ? { reason } : {}),
});

describe('noticesOfOrderChange', () => {
  it('tells a new order to its seller alone, with its lines and total', async () => {
    expect(await told(null, placed)).toEqual([
      {
        to: SELLER,
        notification: { kind: 'NEW_ORDER', orderCode: 'ABC234', lines: [{ productCode: 'RICE5', quantity: 2 }], total: placed.total },
      },
    ]);
  });

  it('tells a move to those its transition names, never to the one who made it', async () => {
    expect(await told(placed, moved(placed, 'ACCEPTED', SELLER))).toEqual([{ to: BUYER, notification: status('ACCEPTED', 'C1') }]);
    expect(await told(placed, moved(placed, 'CANCELLED', BUYER))).toEqual([{ to: SELLER, notification: status('CANCELLED', 'C1') }]);
    expect(await told(placed, moved(placed, 'CANCELLED', SELLER))).toEqual([{ to: BUYER, notification: status('CANCELLED', 'C1') }]);
    expect(await told(placed, moved(placed, 'CANCELLED', PARTNER))).toEqual([
      { to: BUYER, notification: status('CANCELLED', 'C1') },
      { to: SELLER, notification: status('CANCELLED', 'C1') },
    ]);
    const accepted = moved(placed, 'ACCEPTED', SELLER);
    expect(await told(accepted, moved(accepted, 'SHIPPED', SELLER))).toEqual([{ to: BUYER, notification: status('SHIPPED', 'C1') }]);
    const atCenter = { ...moved(accepted, 'AT_CENTER', PARTNER), status: 'AT_CENTER' as const };
    expect(await told(atCenter, moved(atCenter, 'DELIVERED', PARTNER))).toEqual([{ to: BUYER, notification: status('DELIVERED', 'C1') }]);
  });

  it('tells why the expiry sweep cancelled an order nobody paid, to its buyer and seller', async () => {
    const momo = { ...placed, paymentMethod: 'MOBILE_MONEY' as const };
    expect(await told(momo, moved(momo, 'CANCELLED', 'admin', { reason: 'UNPAID' }))).toEqual([
      { to: BUYER, notification: status('CANCELLED', 'C1', 'UNPAID') },
      { to: SELLER, notification: status('CANCELLED', 'C1', 'UNPAID') },
    ]);
  });

  it("tells a first mile's drop-off with the collecting center's name, and its cancellation to the collecting partner too", async () => {
    const accepted = moved(firstMile, 'ACCEPTED', SELLER);
    const received = moved(accepted, 'RECEIVED', COLLECTOR);
    expect(await told(accepted, received)).toEqual([
      { to: BUYER, notification: status('RECEIVED', 'C2') },
      { to: SELLER, notification: status('RECEIVED', 'C2') },
    ]);
    expect(await told(received, moved(received, 'CANCELLED', BUYER))).toEqual([
      { to: SELLER, notification: status('CANCELLED', 'C1') },
      { to: COLLECTOR, notification: status('CANCELLED', 'C2') },
    ]);
    expect(await told(received, moved(received, 'SHIPPED', COLLECTOR))).toEqual([{ to: BUYER, notification: status('SHIPPED', 'C1') }]);
  });

  it('tells a check-in by its pickup code alone (core/delivery), not as a move', async () => {
    const shipped = moved(moved(placed, 'ACCEPTED', SELLER), 'SHIPPED', SELLER);
    expect(await told(shipped, moved(shipped, 'AT_CENTER', PARTNER))).toEqual([]);
  });

  it('tells a change that is no move, a lock or a failed payment nothing', async () => {
    expect(await told(placed, { ...placed, updatedAt: '2026-11-28T12:00:00.000Z' })).toEqual([]);
    const paid = { ...placed, paymentStatus: 'PENDING' as const };
    expect(await told(paid, { ...paid, paymentStatus: 'PAID' })).toEqual([]);
  });

  it('tells a refund to the buyer and the seller, once each, with the amount', async () => {
    const delivered = { ...moved(placed, 'DELIVERED', PARTNER), paymentStatus: 'PAID' as const };
    const refunded = { kind: 'REFUNDED', orderCode: 'ABC234', amount: placed.total };
    expect(await told(delivered, { ...delivered, paymentStatus: 'REFUNDED' })).toEqual([
      { to: BUYER, notification: refunded },
      { to: SELLER, notification: refunded },
    ]);
    const ownShop = { ...delivered, sellerPhone: BUYER };
    expect(await told(ownShop, { ...ownShop, paymentStatus: 'REFUNDED' })).toEqual([{ to: BUYER, notification: refunded }]);
  });

  it('tells the refund of a received first-mile order, which cancels it, to the collecting partner who holds the goods, instead of the move', async () => {
    const received = { ...moved(moved(firstMile, 'ACCEPTED', SELLER), 'RECEIVED', COLLECTOR), paymentStatus: 'PAID' as const };
    const refund = { ...moved(received, 'CANCELLED', 'admin'), paymentStatus: 'REFUNDED' as const };
    expect((await told(received, refund)).map(({ to, notification }) => [to, notification.kind])).toEqual([
      [BUYER, 'REFUNDED'],
      [SELLER, 'REFUNDED'],
      [COLLECTOR, 'REFUNDED'],
    ]);
    const accepted = { ...moved(firstMile, 'ACCEPTED', SELLER), paymentStatus: 'PAID' as const };
    const beforeDropOff = { ...moved(accepted, 'CANCELLED', 'admin'), paymentStatus: 'REFUNDED' as const };
    expect((await told(accepted, beforeDropOff)).map(({ to }) => to)).toEqual([BUYER, SELLER]);
  });

  it('tells the buyer why a mobile-money payment failed', async () => {
    const pending = { ...placed, paymentMethod: 'MOBILE_MONEY' as const, paymentStatus: 'PENDING' as const, mpesaCheckoutId: 'ws_1' };
    const { mpesaCheckoutId: _gone, ...unpaid } = { ...pending, paymentStatus: 'UNPAID' as const, paymentFailure: '1032' };
    expect(await told(pending, unpaid)).toEqual([
      { to: BUYER, notification: { kind: 'PAYMENT_FAILED', orderCode: 'ABC234', reason: '1032' } },
    ]);
    // A new try that fails the same way is the same notice: its id has it sent and recorded once.
    const first = await noticesOfOrderChange(pending, unpaid, partnerOf);
    const again = await noticesOfOrderChange({ ...unpaid, paymentStatus: 'PENDING' }, unpaid, partnerOf);
    expect(again.map((notice) => notice.id)).toEqual(first.map((notice) => notice.id));
    // A payment that comes back unpaid without a failure (nobody answered) is the expiry sweep's to tell.
    const { paymentFailure: _none, ...silent } = unpaid;
    expect(await told(pending, silent)).toEqual([]);
  });

  it('tells the buyer their pickup is locked, and until when, once per lock', async () => {
    const atCenter = {
      ...placed,
      status: 'AT_CENTER' as const,
      pickup: { codeHash: 'h', expiresAt: '2026-12-05T10:00:00.000Z', wrongAttempts: 4, lockedUntil: null },
    };
    const until = '2026-11-28T12:00:00.000Z';
    const locked = { ...atCenter, pickup: { ...atCenter.pickup, wrongAttempts: 0, lockedUntil: until } };
    expect(await told(atCenter, locked)).toEqual([
      { to: BUYER, notification: { kind: 'PICKUP_LOCKED', orderCode: 'ABC234', centerId: 'C1', until } },
    ]);
    expect(await told(atCenter, { ...atCenter, pickup: { ...atCenter.pickup, wrongAttempts: 3 } })).toEqual([]);
    expect(await told(locked, { ...locked, pickup: { ...locked.pickup, wrongAttempts: 1 } })).toEqual([]);
  });

  it('gives a notice the same id however often its change is read from the stream, so that it is recorded once', async () => {
    const accepted = moved(placed, 'ACCEPTED', SELLER);
    const first = await noticesOfOrderChange(placed, accepted, partnerOf);
    const again = await noticesOfOrderChange(placed, accepted, partnerOf);
    expect(again.map((notice) => notice.id)).toEqual(first.map((notice) => notice.id));
    const cancelled = await noticesOfOrderChange(accepted, moved(accepted, 'CANCELLED', SELLER), partnerOf);
    expect(cancelled[0]!.id).not.toBe(first[0]!.id);
  });
});
