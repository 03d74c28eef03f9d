import type { WebhookEvent, WebhookReader } from '../apps/index.js';
import type { Order, PartnerOf } from '../orders/index.js';

/** An order's change as an app's webhook tells it. */
export interface OrderEvent {
  type: WebhookEvent;
  order: Order;
  /** The order's revision: 1 when placed, one more at every status or payment change. */
  sequence: number;
}

/**
 * What a change of an order tells apps, from the order before and after it (the table's stream): a new
 * order is `order.created`, a change of its revision (a status or payment change) `order.updated`;
 * anything else (a pickup code's count) tells them nothing.
 */
export function orderEventOf(before: Order | null, after: Order): OrderEvent | null {
  if (!before) return { type: 'order.created', order: after, sequence: after.revision };
  if (after.revision === before.revision) return null;
  return { type: 'order.updated', order: after, sequence: after.revision };
}

/**
 * The payload (Standard Webhooks: type, timestamp, data): the order as it stood at this sequence. Its
 * timestamp is the change's, so that a repeat of the event sends the same bytes.
 */
export function orderEventBody({ type, order, sequence }: OrderEvent): string {
  return JSON.stringify({
    type,
    timestamp: order.updatedAt,
    data: {
      code: order.code,
      sequence,
      status: order.status,
      paymentStatus: order.paymentStatus,
      paymentMethod: order.paymentMethod,
      total: order.total,
      lines: order.lines.map(({ productId, productCode, name, unit, quantity, unitPrice, lineTotal }) => ({
        productId,
        productCode,
        name,
        unit,
        quantity,
        unitPrice,
        lineTotal,
      })),
      shopId: order.shopId,
      centerId: order.centerId,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    },
  });
}

/**
 * The phones that may read an order, each with the scope a grant of theirs needs for an app to read
 * it too: its buyer's orders, its seller's shop, and the partners of its center and collecting center.
 */
export async function readersOfOrder(order: Order, partnerOf: PartnerOf): Promise<WebhookReader[]> {
  const centers = [order.centerId, ...(order.collectingCenterId ? [order.collectingCenterId] : [])];
  const partners = await Promise.all(centers.map((centerId) => partnerOf(centerId)));
  return [
    { phone: order.buyerPhone, scope: 'orders.read' },
    { phone: order.sellerPhone, scope: 'shop.write' },
    ...partners.flatMap((phone) => (phone ? [{ phone, scope: 'center.read' as const }] : [])),
  ];
}
