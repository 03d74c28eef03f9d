export { type Notification, newOutboxMessage, type OutboxMessage, type OutboxStatus } from './outbox-message.js';
export { claimOutboxMessage, listOpenOutbox, outboxPut, recordDeliveryStatus, settleOutboxMessage } from './outbox-repository.js';
export { outboxOf } from './outbox-service.js';
