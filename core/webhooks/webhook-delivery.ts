import type { WebhookEvent } from '../apps/index.js';

/** One event for one app, as it waits on the Webhooks queue: what is sent, and where its schedule stands. */
export interface WebhookMessage {
  /** The webhook-id: the same for every attempt and every repeat of the event (webhook-signature.ts). */
  id: string;
  clientId: string;
  orderCode: string;
  /** The order's revision this event tells of: a receiver drops an event older than one it has. */
  sequence: number;
  event: WebhookEvent;
  /** The payload, fixed when the event happened: every attempt sends the same bytes. */
  body: string;
  /** Attempts made before this one in this round. */
  attempt: number;
  /** 0 for the event's own round, one more at every redelivery an administrator asks for. */
  round: number;
  /** Not to be sent before this moment (ISO): a retry's wait, which may be longer than a queue's delay. */
  notBefore: string | null;
}

/** What one attempt found. */
export interface DeliveryAttempt {
  round: number;
  at: string;
  durationMs: number;
  /** The endpoint's HTTP status, or null when none came (a timeout, a network error, a refused address). */
  responseCode: number | null;
  /**
   * Why no status came: 'timeout', 'network', 'address' (not a public address) or 'disabled' (the app
   * takes no webhooks now: disabled, its webhook removed or gone); null when one did.
   */
  error: 'timeout' | 'network' | 'address' | 'disabled' | null;
  /** The delivery's status after this attempt. */
  outcome: DeliveryStatus;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** A webhook delivery and its attempts, kept for WEBHOOK_DELIVERY_TTL_SECONDS. */
export interface WebhookDelivery {
  id: string;
  clientId: string;
  orderCode: string;
  sequence: number;
  event: WebhookEvent;
  body: string;
  status: DeliveryStatus;
  round: number;
  attempts: DeliveryAttempt[];
  /** When the next attempt is due, while PENDING after a failed one. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How long a delivery's record is kept, for `webhookDeliveries` and `redeliverWebhook`. */
export const WEBHOOK_DELIVERY_TTL_SECONDS = 30 * 24 * 60 * 60;
