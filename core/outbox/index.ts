// The fan-out jobs keep how far they listed their phones here, so that a retried job resumes.
export { getJobProgress, type JobProgress, saveJobProgress } from './job-progress-repository.js';
// The record's item as the sender writes it: the capacity model measures it.
export { outboxItem } from './outbox-item.js';
export {
  type Notification,
  type OutboxMessage,
  type OutboxStatus,
  type PendingNotification,
  pendingNotification,
} from './outbox-message.js';
// The sender acts for no caller: it records what became of a notification, and what Twilio reports of it, here.
export { getOutboxMessage, readForSending, recordDeliveryStatus, recordOutcome, type SendingReads } from './outbox-repository.js';
export { outboxOf } from './outbox-service.js';
