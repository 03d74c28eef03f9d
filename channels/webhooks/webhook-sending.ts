import type { WebhookConfig } from '../../core/config/index.js';
import type { Store } from '../../core/db/index.js';
import { type DeliveryStep, deliverWebhook, WEBHOOK_TIMEOUT_MS, type WebhookMessage, webhookPost } from '../../core/webhooks/index.js';
import { sqsWebhookQueue } from './webhook-queue.js';

/** What one attempt may take at most: the endpoint's whole timeout, and the table's reads and writes around it. */
export const ATTEMPT_TIME_MS = WEBHOOK_TIMEOUT_MS + 5_000;

/** Attempts webhooks from the Webhooks queue, putting each retry back on it (core/webhooks deliverWebhook). */
export function webhookSender(store: Store, config: WebhookConfig, region: string): (message: WebhookMessage) => Promise<DeliveryStep> {
  const queue = sqsWebhookQueue(config, region);
  const deps = { store, post: webhookPost(config.isLocal), requeue: queue.requeue, now: () => new Date() };
  return (message) => deliverWebhook(deps, message);
}
