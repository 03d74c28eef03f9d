import type { Store } from '../../core/db/index.js';
import { recordDeliveryStatus } from '../../core/outbox/index.js';

/**
 * Twilio's report on a notification we sent (queued, sent, delivered, failed...). Reports may
 * arrive out of order; a late one never takes a message's status back.
 */
export async function recordSmsStatus(store: Store, outboxId: string, messageStatus: string, now: Date): Promise<void> {
  await recordDeliveryStatus(store, outboxId, messageStatus, now);
}
