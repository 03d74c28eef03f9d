import { webhookSubscribers } from '../apps/index.js';
import type { Store } from '../db/index.js';
import type { Order, PartnerOf } from '../orders/index.js';
import { orderEventBody, orderEventOf, readersOfOrder } from './order-events.js';
import type { WebhookMessage } from './webhook-delivery.js';
import { webhookId } from './webhook-signature.js';

/**
 * The webhooks a change of an order sets off (from the table's stream): its event, once for each app
 * that placed the order or may read it under a grant and whose webhook subscribes to the event.
 * A repeat of the change makes the same messages, with the same webhook-ids.
 */
export async function webhooksOfOrderChange(
  store: Store,
  before: Order | null,
  after: Order,
  partnerOf: PartnerOf,
): Promise<WebhookMessage[]> {
  const event = orderEventOf(before, after);
  if (!event) return [];
  const apps = await webhookSubscribers(store, event.type, after.placedBy ?? null, await readersOfOrder(after, partnerOf));
  if (apps.length === 0) return [];
  const body = orderEventBody(event);
  return apps.map((app) => ({
    id: webhookId(app.clientId, after.code, event.sequence),
    clientId: app.clientId,
    orderCode: after.code,
    sequence: event.sequence,
    event: event.type,
    body,
    attempt: 0,
    round: 0,
    notBefore: null,
  }));
}
