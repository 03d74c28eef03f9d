import { type Notification, type PendingNotification, pendingNotification } from '../outbox/index.js';
import type { Order } from './order.js';
import { type Actor, ORDER_TRANSITIONS, routeOf } from './order-state-machine.js';

/** The phone of a center's partner, for the collecting partner of a first-mile order. */
export type PartnerOf = (centerId: string) => Promise<string | null>;

/**
 * What a change of an order tells people, worked out from the order before and after it (the
 * table's stream): a new order its seller; a move those its transition tells, never the one who
 * made it; a refund, a failed mobile-money payment and a pickup lock the buyer (and a refund the
 * seller, and the collecting partner who holds the goods). A check-in's pickup code is core/delivery's.
 */
export async function noticesOfOrderChange(before: Order | null, after: Order, partnerOf: PartnerOf): Promise<PendingNotification[]> {
  if (!before) return [newOrderNotice(after)];
  const notices: PendingNotification[] = [];
  if (after.paymentStatus === 'REFUNDED' && before.paymentStatus !== 'REFUNDED')
    notices.push(...(await refundNotices(before, after, partnerOf)));
  else if (after.status !== before.status) notices.push(...(await moveNotices(before, after, partnerOf)));
  if (before.paymentStatus === 'PENDING' && after.paymentStatus === 'UNPAID' && after.paymentFailure) {
    notices.push(pendingNotification(after.buyerPhone, { kind: 'PAYMENT_FAILED', orderCode: after.code, reason: after.paymentFailure }));
  }
  const lockedUntil = after.pickup?.lockedUntil;
  if (lockedUntil && lockedUntil !== before.pickup?.lockedUntil) {
    notices.push(
      pendingNotification(after.buyerPhone, { kind: 'PICKUP_LOCKED', orderCode: after.code, centerId: after.centerId, until: lockedUntil }),
    );
  }
  return notices;
}

function newOrderNotice(order: Order): PendingNotification {
  const lines = order.lines.map(({ productCode, quantity }) => ({ productCode, quantity }));
  return pendingNotification(order.sellerPhone, { kind: 'NEW_ORDER', orderCode: order.code, lines, total: order.total });
}

/** A refund tells the buyer and the seller, and the collecting partner who holds the goods of an order it cancels. */
async function refundNotices(before: Order, after: Order, partnerOf: PartnerOf): Promise<PendingNotification[]> {
  const holdsGoods = before.status === 'RECEIVED' && after.status === 'CANCELLED' && after.collectingCenterId;
  const collector = holdsGoods ? await partnerOf(after.collectingCenterId!) : null;
  const phones = new Set([after.buyerPhone, after.sellerPhone, ...(collector ? [collector] : [])]);
  return [...phones].map((phone) => pendingNotification(phone, { kind: 'REFUNDED', orderCode: after.code, amount: after.total }));
}

/**
 * The messages of a move, as its transition (order-state-machine.ts) says: a drop-off is told with the
 * name of the center that received it, and the collecting partner with their own center's. A check-in
 * is told by its pickup code instead.
 */
async function moveNotices(before: Order, after: Order, partnerOf: PartnerOf): Promise<PendingNotification[]> {
  const change = after.history.at(-1);
  if (!change || after.status === 'AT_CENTER') return [];
  const transition = ORDER_TRANSITIONS.find(
    (candidate) =>
      candidate.from === before.status &&
      candidate.to === after.status &&
      candidate.routes.includes(routeOf(after)) &&
      candidate.reason === change.reason,
  );
  if (!transition) return [];
  const notices = new Map<string, PendingNotification>();
  for (const recipient of transition.tells) {
    const phone = await phoneOf(after, recipient, partnerOf);
    if (!phone || phone === change.by) continue;
    const centerId = recipient === 'collector' || after.status === 'RECEIVED' ? after.collectingCenterId! : after.centerId;
    const notification: Notification = {
      kind: 'ORDER_STATUS',
      orderCode: after.code,
      status: after.status,
      centerId,
      ...(change.reason ? { reason: change.reason } : {}),
    };
    // One message to a phone told twice the same (a buyer who is also the seller).
    const notice = pendingNotification(phone, notification);
    notices.set(notice.id, notice);
  }
  return [...notices.values()];
}

async function phoneOf(order: Order, actor: Actor, partnerOf: PartnerOf): Promise<string | null> {
  if (actor === 'buyer') return order.buyerPhone;
  if (actor === 'seller') return order.sellerPhone;
  if (actor === 'collector') return order.collectingCenterId ? partnerOf(order.collectingCenterId) : null;
  if (actor === 'partner') return partnerOf(order.centerId);
  return null;
}
