export { type Notification, newOutboxMessage, type OutboxMessage, type OutboxStatus } from './outbox-message.js';
// The sender acts for no caller, so it claims, settles and records what Twilio reports here; outboxPut is
// the item other domains put in the transaction of the change a notification announces.
export { claimOutboxMessage, listOpenOutbox, outboxPut, recordDeliveryStatus, settleOutboxMessage } from './outbox-repository.js';
export { outboxOf } from './outbox-service.js';
