import { expiresAt, indexKeys, keys } from '../db/index.js';
import { OUTBOX_TTL_SECONDS, type OutboxMessage } from './outbox-message.js';

/**
 * The record of a notification as the table keeps it, listed under its phone (gsi1, sharded) and
 * kept for OUTBOX_TTL_SECONDS from `now`. Written once by `recordOutcome`, and measured by the capacity model.
 */
export const outboxItem = (message: OutboxMessage, now: Date) => ({
  ...keys.outbox(message.id),
  ...indexKeys.phoneOutbox(message.to, message.createdAt, message.id),
  type: 'Outbox',
  ...message,
  expiresAt: expiresAt(now, OUTBOX_TTL_SECONDS),
});
