import { expiresAt, indexKeys, keys } from '../db/index.js';
import { OUTBOX_TTL_SECONDS, type OutboxMessage } from './outbox-message.js';

/**
 * A new outbox message as the table keeps it: listed under its phone (gsi1, sharded) and, until it is
 * settled, on the open list the sender sweeps (sparse gsi3); kept for OUTBOX_TTL_SECONDS from `now`.
 * Written by `outboxPut`, and measured by the capacity model.
 */
export const outboxItem = (message: OutboxMessage, now: Date) => ({
  ...keys.outbox(message.id),
  ...indexKeys.phoneOutbox(message.to, message.createdAt, message.id),
  ...indexKeys.openOutbox(message.createdAt, message.id),
  type: 'Outbox',
  ...message,
  expiresAt: expiresAt(now, OUTBOX_TTL_SECONDS),
});
