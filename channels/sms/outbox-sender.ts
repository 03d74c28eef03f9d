import { getServiceCenter } from '../../core/catalogue/index.js';
import type { Store } from '../../core/db/index.js';
import { getMember } from '../../core/members/index.js';
import {
  claimOutboxMessage,
  listOpenOutbox,
  type Notification,
  type OutboxMessage,
  type OutboxStatus,
  settleOutboxMessage,
} from '../../core/outbox/index.js';
import { countMetric, logger, METRICS } from '../../core/telemetry/index.js';
import { isLanguage } from '../text/languages.js';
import { notificationText } from './notification-text.js';
import { CannotSendError, PermanentSendError, type SmsGateway } from './sms-gateway.js';
import { statusCallbackUrl } from './twilio/twilio-request.js';

export interface SenderDeps {
  store: Store;
  gateway: SmsGateway;
  /** Where Twilio reports delivery; without it no status callback is asked for. */
  statusCallbackBase?: string | undefined;
  /** Waits between tries of a transient failure, in milliseconds. */
  backoffMs?: number[];
  leaseMs?: number;
  now?: () => Date;
}

const DEFAULT_BACKOFF_MS = [200, 1000, 3000];
/** Longer than the sender function may run, so that a lease outlives any sender that holds it. */
export const LEASE_MS = 90_000;

/** Not sent this time (a transient failure, or another sender holds it): the stream delivers it again, the sweeper later. */
export class SendLaterError extends Error {}

/**
 * Sends one outbox message, at most once however often its event is delivered: the message is
 * claimed with a conditional write first, and a claimed or finished message is left alone.
 * Returns what became of it, or null when it was already settled.
 */
export async function deliverOutboxMessage(deps: SenderDeps, id: string): Promise<OutboxStatus | null> {
  const now = deps.now ?? (() => new Date());
  const claim = await claimOutboxMessage(deps.store, id, now(), deps.leaseMs ?? LEASE_MS);
  if (claim.claimed === null) {
    if (claim.reason === 'held') throw new SendLaterError(`outbox ${id} is held by another sender`);
    return null;
  }
  const body = await textFor(deps.store, claim.claimed);
  if (body === null) {
    await settleOutboxMessage(deps.store, id, 'SKIPPED', { error: 'opted out' }, now());
    return 'SKIPPED';
  }
  return send(deps, claim.claimed, body, now);
}

/** The message's text in its recipient's language, or null when they opted out of it. */
async function textFor(store: Store, message: OutboxMessage): Promise<string | null> {
  const member = await getMember(store, message.to);
  // STOP silences notifications, not the pickup code a villager needs to collect what they bought.
  const essential = message.notification.kind === 'PICKUP_CODE' || message.notification.kind === 'PICKUP_LOCKED';
  if (member?.notifications === false && !essential) return null;
  const language = member?.language && isLanguage(member.language) ? member.language : 'en';
  const center = 'centerId' in message.notification ? await getServiceCenter(store, message.notification.centerId) : null;
  return notificationText(message.notification, language, center?.name ?? '');
}

/** Sends the text, trying a transient failure again after each wait, and settles the message with the outcome. */
async function send(deps: SenderDeps, message: OutboxMessage, body: string, now: () => Date): Promise<OutboxStatus> {
  const { id } = message;
  const statusCallback = deps.statusCallbackBase ? statusCallbackUrl(deps.statusCallbackBase, id) : undefined;
  const kept = withoutSecret(body, message.notification);
  const backoff = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  let lastError = '';
  for (let attempt = 0; attempt <= backoff.length; attempt++) {
    try {
      const { providerId } = await deps.gateway.send({ to: message.to, body, statusCallback });
      await settleOutboxMessage(deps.store, id, 'SENT', { body: kept, providerId }, now());
      countMetric(METRICS.smsSent);
      return 'SENT';
    } catch (error) {
      const final = await settleFinalFailure(deps.store, id, error, kept, now());
      if (final) return final;
      lastError = (error as Error).message;
      if (attempt < backoff.length) await new Promise((wait) => setTimeout(wait, backoff[attempt]));
    }
  }
  await settleOutboxMessage(deps.store, id, 'PENDING', { body: kept, error: lastError }, now());
  throw new SendLaterError(`outbox ${id}: ${lastError}`);
}

/** Settles a message whose failure no retry can change (no credentials, the carrier refused it); null for any other. */
async function settleFinalFailure(store: Store, id: string, error: unknown, kept: string, at: Date): Promise<OutboxStatus | null> {
  if (error instanceof CannotSendError) {
    await settleOutboxMessage(store, id, 'SKIPPED', { error: error.message }, at);
    logger.warn('notification not sent', { outboxId: id, reason: error.message });
    countMetric(METRICS.smsSkipped);
    return 'SKIPPED';
  }
  if (error instanceof PermanentSendError) {
    await settleOutboxMessage(store, id, 'FAILED', { body: kept, error: error.message }, at);
    logger.warn('notification refused by the carrier', { outboxId: id, reason: error.message });
    countMetric(METRICS.smsFailed);
    return 'FAILED';
  }
  return null;
}

/** What the outbox keeps of a text: a pickup code is never stored in the clear once sent. */
function withoutSecret(body: string, notification: Notification): string {
  return notification.kind === 'PICKUP_CODE' && notification.pickupCode ? body.replace(notification.pickupCode, '******') : body;
}

/** How old an unsettled message must be before the sweeper takes it: well past the stream's own retries. */
const SWEEP_AFTER_MS = 5 * 60_000;

/**
 * The safety net under the stream: sends messages left unsettled (the stream gave up on them, or
 * their sender died holding them). Returns how many it looked at and what became of them.
 */
export async function sweepOutbox(deps: SenderDeps, limit = 50): Promise<Record<string, number>> {
  const now = deps.now ?? (() => new Date());
  const open = await listOpenOutbox(deps.store, new Date(now().getTime() - SWEEP_AFTER_MS).toISOString(), limit);
  const tally: Record<string, number> = {};
  for (const message of open) {
    let outcome: string;
    try {
      outcome = (await deliverOutboxMessage(deps, message.id)) ?? 'settled';
    } catch (error) {
      if (!(error instanceof SendLaterError)) throw error;
      outcome = 'later';
    }
    tally[outcome] = (tally[outcome] ?? 0) + 1;
  }
  return tally;
}
