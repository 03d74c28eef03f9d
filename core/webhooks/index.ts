// App webhooks (Standard Webhooks): the events an order's changes set off, their signed delivery with retries, and the record of each attempt.

// The capacity benchmark measures a delivery's items as the table keeps them.
export { deliveryItem } from './delivery-repository.js';
export {
  type DeliveryStep,
  deliverWebhook,
  MAX_QUEUE_DELAY_SECONDS,
  type Requeue,
  redeliverWebhook,
  redeliveryOf,
  type SenderDeps,
  webhookDeliveries,
} from './delivery-service.js';
export { webhooksOfOrderChange } from './order-webhooks.js';
export { RETRY_DELAYS_SECONDS } from './retry-schedule.js';
export {
  type DeliveryAttempt,
  type DeliveryStatus,
  WEBHOOK_DELIVERY_TTL_SECONDS,
  type WebhookDelivery,
  type WebhookMessage,
} from './webhook-delivery.js';
export { type PostResult, WEBHOOK_TIMEOUT_MS, type WebhookPost, webhookPost } from './webhook-post.js';
export { signatureHeader, webhookId } from './webhook-signature.js';
