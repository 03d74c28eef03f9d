import { describePrincipal, phoneOf, type RequestContext } from '../access/index.js';
import { getServiceCenter, listCentersOfPartner, type ServiceCenter } from '../catalogue/index.js';
import {
  BusinessError,
  cleanCode,
  ForbiddenError,
  IllegalTransitionError,
  InvalidInputError,
  type Money,
  NotFoundError,
  PaymentRequiredError,
  PickupCodeExpiredError,
  PickupLockedError,
  pauseAfterLostRace,
  WrongPickupCodeError,
} from '../common/index.js';
import { checkOrderMove, getOrder, type Order, type Payment, type PickupState, type Settlement } from '../orders/index.js';
import { type CenterLedgerEntry, centerBalances, getPayment, paymentsOf, type SellerBalance, saleBookings } from '../payments/index.js';
import { countMetric, logger, METRICS } from '../telemetry/index.js';
import { commissionSplit } from './commission.js';
import {
  listLedgerBetween,
  type PickupNotice,
  writeArrival,
  writeDelivery,
  writeNewPickupCode,
  writeWrongCode,
} from './delivery-repository.js';
import { LOCK_MINUTES, MAX_WRONG_CODES, newPickupCode, newPickupState, PICKUP_CODE_DAYS, pickupCodeMatches } from './pickup.js';

const MAX_ATTEMPTS = 3;
/** A handover is tried more often: wrong codes typed at once all race for the order's count. */
const CODE_ATTEMPTS = 8;
/** Checking in an order again sooner than this is taken for a retry. */
const REISSUE_AFTER_MS = 2 * 60_000;

/** The ledger reference of the cash a partner takes at a handover. */
const handoverReference = (orderCode: string) => `HANDOVER-${orderCode}`;

/** The cash the partner took at the handover of an order; null when it was paid before (mobile money, or cash recorded earlier). */
export async function cashTakenAtHandover(ctx: RequestContext, order: Order): Promise<Money | null> {
  if (order.status !== 'DELIVERED') return null;
  return (await getPayment(ctx.store, order.code, handoverReference(order.code)))?.amount ?? null;
}

/** Whether the center's partner took the cash of an order paid before its handover (not mobile money, not cash an administrator recorded). */
async function partnerHoldsCash(ctx: RequestContext, order: Order): Promise<boolean> {
  if (order.paymentStatus !== 'PAID') return false;
  const payments = await paymentsOf(ctx, order);
  return payments.some(
    (payment) => payment.kind !== 'REFUND' && payment.method === 'CASH' && payment.recordedBy !== describePrincipal({ kind: 'ADMIN' }),
  );
}

/** The order, when the caller runs its center; anyone else is told it does not exist. */
async function orderAtMyCenter(ctx: RequestContext, code: string): Promise<{ order: Order; center: ServiceCenter } | BusinessError> {
  const valid = cleanCode('code', code);
  if (valid instanceof BusinessError) return new NotFoundError('order', code.slice(0, 12));
  const order = await getOrder(ctx.store, valid);
  const center = order ? await getServiceCenter(ctx.store, order.centerId) : null;
  if (!order || !center || phoneOf(ctx.principal) !== center.partnerPhone) return new NotFoundError('order', valid);
  return { order, center };
}

/** A repeat of a change this caller already made gets the order as it is. */
function alreadyDone(ctx: RequestContext, order: Order, status: Order['status']): boolean {
  const last = order.history.at(-1);
  return order.status === status && last?.status === status && last.by === describePrincipal(ctx.principal);
}

/** The new code for the buyer's SMS. */
const pickupNoticeOf = (order: Order, pickupCode: string, pickup: PickupState): PickupNotice => ({
  orderCode: order.code,
  to: order.buyerPhone,
  centerId: order.centerId,
  pickupCode,
  validUntil: pickup.expiresAt,
});

/**
 * The parcel is at the center: AT_CENTER, and the buyer gets a pickup code by SMS. Partner only.
 * Checking in an order already at the center sends the buyer a new code (the old one stops
 * working; a lock stays in force).
 */
export async function markArrived(ctx: RequestContext, code: string): Promise<Order | BusinessError> {
  const found = await orderAtMyCenter(ctx, code);
  if (found instanceof BusinessError) return found;
  let { order } = found;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = ctx.now();
    const pickupCode = newPickupCode();
    if (order.status === 'AT_CENTER' && order.pickup) {
      // A code sent moments ago: this is a retry of that check-in, not a request for another code.
      const issuedAt = Date.parse(order.pickup.expiresAt) - PICKUP_CODE_DAYS * 86_400_000;
      if (issuedAt > now.getTime() - REISSUE_AFTER_MS) return order;
      const pickup = { ...newPickupState(order.code, pickupCode, now), lockedUntil: order.pickup.lockedUntil };
      if ((await writeNewPickupCode(ctx.store, order, pickup, pickupNoticeOf(order, pickupCode, pickup))) === 'done')
        return { ...order, pickup };
      order = (await getOrder(ctx.store, order.code))!;
      continue;
    }
    const illegal = checkOrderMove(order, 'markArrived');
    if (illegal) return illegal;
    const pickup = newPickupState(order.code, pickupCode, now);
    const change = { status: 'AT_CENTER' as const, at: now.toISOString(), by: describePrincipal(ctx.principal) };
    if ((await writeArrival(ctx.store, order, change, pickup, pickupNoticeOf(order, pickupCode, pickup))) === 'done') {
      return { ...order, status: 'AT_CENTER', pickup, updatedAt: change.at, history: [...order.history, change] };
    }
    order = (await getOrder(ctx.store, order.code))!;
  }
  throw new Error(`order ${code} kept changing`);
}

/**
 * The handover: the partner of the order's center types the buyer's pickup code. A cash order
 * is paid in the same transaction; the partner's commission is booked. Five wrong codes lock
 * the order for an hour and tell the buyer.
 */
export async function confirmDelivery(ctx: RequestContext, code: string, pickupCode: string): Promise<Order | BusinessError> {
  const found = await orderAtMyCenter(ctx, code);
  if (found instanceof BusinessError) return found;
  const { center } = found;
  let { order } = found;
  const wrongCode = !/^\d{6}$/.test(pickupCode.trim());
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    // Many wrong codes at once race for the same count.
    if (attempt > 0) await pauseAfterLostRace(attempt);
    if (alreadyDone(ctx, order, 'DELIVERED')) return order;
    const illegal = checkOrderMove(order, 'confirmDelivery');
    if (illegal) return illegal;
    const pickup = order.pickup;
    if (!pickup) throw new Error(`order ${order.code} is at the center without a pickup code`);
    const now = ctx.now();
    if (pickup.lockedUntil && pickup.lockedUntil > now.toISOString()) return new PickupLockedError(pickup.lockedUntil);
    if (pickup.expiresAt <= now.toISOString()) return new PickupCodeExpiredError(order.code);

    const outcome =
      wrongCode || !pickupCodeMatches(order.code, pickupCode.trim(), pickup)
        ? await countWrongCode(ctx, order, pickup, now)
        : await handOver(ctx, order, center, now);
    if (outcome !== 'stale') return outcome;
    order = (await getOrder(ctx.store, order.code))!;
  }
  // Still contended: a wrong code is answered from the order as it is now, without being counted.
  const pickup = order.pickup;
  if (pickup?.lockedUntil && pickup.lockedUntil > ctx.now().toISOString()) return new PickupLockedError(pickup.lockedUntil);
  if (pickup && (wrongCode || !pickupCodeMatches(order.code, pickupCode.trim(), pickup))) {
    return new WrongPickupCodeError(MAX_WRONG_CODES - pickup.wrongAttempts);
  }
  throw new Error(`order ${code} kept changing`);
}

/**
 * Counts a wrong code on the pickup state as it was read: the fifth locks the order and tells the
 * buyer. 'stale' when that state changed meanwhile (another code counted, say) or another
 * transaction wrote the order at the same moment: read it again.
 */
async function countWrongCode(ctx: RequestContext, order: Order, pickup: PickupState, now: Date): Promise<BusinessError | 'stale'> {
  const wrong = pickup.wrongAttempts + 1;
  const locks = wrong >= MAX_WRONG_CODES;
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const next = locks ? { ...pickup, wrongAttempts: 0, lockedUntil: until } : { ...pickup, wrongAttempts: wrong };
  if ((await writeWrongCode(ctx.store, order, next)) === 'stale') return 'stale';
  if (!locks) return new WrongPickupCodeError(MAX_WRONG_CODES - wrong);
  logger.warn('pickup locked after wrong codes', { orderCode: order.code, until });
  countMetric(METRICS.pickupLocks);
  return new PickupLockedError(until);
}

/**
 * The right code was typed: DELIVERED, the cash taken when it was not paid before, the commission
 * booked. 'stale' when the order changed meanwhile or another transaction wrote it at the same
 * moment: read it again.
 */
async function handOver(ctx: RequestContext, order: Order, center: ServiceCenter, now: Date): Promise<Order | BusinessError | 'stale'> {
  // Its money went back: the goods stay at the center, to go back to the seller.
  if (order.paymentStatus === 'REFUNDED') return new IllegalTransitionError('PAYMENT', 'REFUNDED', 'PAID');
  if (order.paymentMethod === 'MOBILE_MONEY' && order.paymentStatus !== 'PAID') return new PaymentRequiredError(order.code);
  const at = now.toISOString();
  const by = describePrincipal(ctx.principal);
  const cash: Payment | null =
    order.paymentStatus === 'PAID'
      ? null
      : {
          orderCode: order.code,
          reference: handoverReference(order.code),
          method: 'CASH',
          amount: order.total,
          recordedAt: at,
          recordedBy: by,
        };
  const split = commissionSplit(order.subtotal.amount, center.commissionBps, Boolean(order.collectingCenterId));
  const settlement: Settlement = {
    centerId: center.id,
    commission: split.total,
    collectingShare: split.collecting,
    heldBy: cash || (await partnerHoldsCash(ctx, order)) ? center.id : null,
  };
  const bookings = saleBookings(ctx.store, order, settlement, { at, cashCollected: cash ? cash.amount.amount : 0, sign: 1 });
  const change = { status: 'DELIVERED' as const, at, by };
  if ((await writeDelivery(ctx.store, order, change, cash, settlement, bookings)) === 'stale') return 'stale';
  return { ...order, status: 'DELIVERED', paymentStatus: 'PAID', settlement, updatedAt: at, history: [...order.history, change] };
}

export interface PartnerStatement {
  centerId: string;
  from: string;
  to: string;
  ordersHandled: number;
  /** First-mile orders of the village's sellers that this center collected and that were handed over elsewhere. */
  ordersCollected: number;
  commission: number;
  cashCollected: number;
  /** Proceeds of the period's cash sales that the partner took for their sellers (less refunds). */
  owedToSellers: number;
  /** Cash the partner handed sellers in the period. */
  paidToSellers: number;
  /** Collecting centers' commission shares taken in cash here. */
  owedToCenters: number;
  /** What the partner owes each seller now, whatever the period. */
  sellerBalances: SellerBalance[];
  /** The sellers' cash the partner still holds: the balances above zero (one below is a seller owing the center after a refund). */
  cashToHandOver: number;
  currency: string | null;
}

/** What a partner's center handled between two moments: orders, commission, cash taken and handed to sellers; and what it owes sellers now. */
export async function partnerStatement(ctx: RequestContext, from: string, to: string): Promise<PartnerStatement | BusinessError> {
  const phone = phoneOf(ctx.principal);
  const centers = phone ? await listCentersOfPartner(ctx.store, phone) : [];
  const center = centers[0];
  if (!center) return new ForbiddenError('only a service center partner has a statement');
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to)
    return new InvalidInputError('from', 'from and to must be dates, from first');
  const [entries, sellerBalances] = await Promise.all([
    listLedgerBetween(ctx.store, center.id, new Date(from).toISOString(), new Date(to).toISOString()),
    centerBalances(ctx, center.id),
  ]);
  const sum = (pick: (entry: CenterLedgerEntry) => number | undefined) => entries.reduce((total, entry) => total + (pick(entry) ?? 0), 0);
  const count = (kind: CenterLedgerEntry['kind']) => entries.filter((entry) => (entry.kind ?? 'HANDOVER') === kind).length;
  return {
    centerId: center.id,
    from,
    to,
    ordersHandled: count('HANDOVER'),
    ordersCollected: count('COLLECTION'),
    commission: sum((entry) => entry.commission),
    cashCollected: sum((entry) => entry.cashCollected),
    owedToSellers: sum((entry) => entry.owedToSeller),
    paidToSellers: sum((entry) => entry.paidToSeller),
    owedToCenters: sum((entry) => entry.owedToCenters),
    sellerBalances,
    cashToHandOver: sellerBalances.reduce((total, balance) => total + Math.max(balance.owed, 0), 0),
    currency: entries[0]?.currency ?? sellerBalances[0]?.currency ?? null,
  };
}
