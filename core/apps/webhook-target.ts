import { InvalidInputError } from '../common/index.js';

export const WEBHOOK_EVENTS = ['order.created', 'order.updated'] as const;

export interface WebhookInput {
  url: string;
  events: string[];
}

/**
 * Where an app's webhooks may go: an https URL in the cloud; locally also http on the loopback
 * address, for tests and the simulator.
 */
export function checkWebhook(input: WebhookInput, isLocal: boolean): { url: string; events: string[] } | InvalidInputError {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return new InvalidInputError('webhook.url', 'is not a URL');
  }
  const loopback = isLocal && url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopback) return new InvalidInputError('webhook.url', 'must be an https URL');
  const events = [...new Set(input.events)];
  if (events.length === 0 || !events.every((event) => (WEBHOOK_EVENTS as readonly string[]).includes(event))) {
    return new InvalidInputError('webhook.events', `must be one or more of ${WEBHOOK_EVENTS.join(', ')}`);
  }
  return { url: url.toString(), events };
}
