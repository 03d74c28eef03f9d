import { forgetConsentNotice } from '../../core/apps/index.js';
import type { Store } from '../../core/db/index.js';
import { forgetPickupNotice } from '../../core/delivery/index.js';
import {
  type Notification,
  type OutboxMessage,
  type OutboxStatus,
  type PendingNotification,
  readForSending,
  recordOutcome,
  type SendingReads,
} from '../../core/outbox/index.js';
import { countMetric, logger, METRICS } from '../../core/telemetry/index.js';
import { isLanguage } from '../text/languages.js';
import { notificationText } from './notification-text.js';
import { type Backoff, backoffDelay, type SendPace } from './send-pace.js';
import { CannotSendError, PermanentSendError, SlowDownError, type SmsGateway } from './sms-gateway.js';
import { statusCallbackUrl } from './twilio/twilio-request.js';

export interface SenderDeps {
  store: Store;
  gateway: SmsGateway;
  /** Where Twilio reports delivery; without it no status callback is asked for. */
  statusCallbackBase?: string | undefined;
  /** The sender's share of the provider's rate: every try of a message waits for it. */
  pace?: SendPace;
  /** How long to wait after a 429 or a transient failure, and how many tries a message gets in one delivery of its page. */
  backoff?: Backoff & { tries: number };
  /** Waits; a test's clock may stand in. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const DEFAULT_BACKOFF = { baseMs: 200, maxMs: 5000, tries: 4 };

/** What became of a page of notifications: those not sent yet are to be tried again (the stream or the queue delivers them again). */
export interface PageOutcome {
  tally: Partial<Record<OutboxStatus | 'already', number>>;
  unsent: PendingNotification[];
}

/**
 * Sends a page of notifications, each recorded once as sent (or skipped, or refused) under its id:
 * one already recorded is left alone, so that a page delivered again sends only what was missed.
 * A crash between the provider taking a message and its record may send that one message twice.
 */
export async function sendNotifications(deps: SenderDeps, pending: PendingNotification[]): Promise<PageOutcome> {
  const outcome: PageOutcome = { tally: {}, unsent: [] };
  if (pending.length === 0) return outcome;
  // One notification named twice in a page is sent once: the records were read before either was sent.
  const unique = [...new Map(pending.map((notice) => [notice.id, notice])).values()];
  const reads = await readForSending(deps.store, unique);
  for (const notice of unique) {
    const status = reads.recorded.has(notice.id) ? 'already' : await sendOne(deps, notice, reads);
    if (status === null) outcome.unsent.push(notice);
    else outcome.tally[status] = (outcome.tally[status] ?? 0) + 1;
  }
  return outcome;
}

/** Sends one notification and records it; null when the provider failed each try. */
async function sendOne(deps: SenderDeps, notice: PendingNotification, reads: SendingReads): Promise<OutboxStatus | null> {
  const now = deps.now ?? (() => new Date());
  const body = textFor(notice, reads);
  const record = (status: OutboxStatus, details: Partial<OutboxMessage>, attempts: number) =>
    settle(deps.store, notice, { status, attempts, ...details }, now());
  if (body === null) return record('SKIPPED', { error: 'opted out' }, 0);
  // A consent request that ended before its SMS could go out asks for nothing the phone could still give.
  if (notice.notification.kind === 'CONSENT_REQUEST' && notice.notification.expiresAt * 1000 <= now().getTime()) {
    return record('SKIPPED', { error: 'the request has ended' }, 0);
  }
  const statusCallback = deps.statusCallbackBase ? statusCallbackUrl(deps.statusCallbackBase, notice.id) : undefined;
  const kept = withoutSecret(body, notice.notification);
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((wake) => setTimeout(wake, ms)));
  for (let attempt = 1; attempt <= backoff.tries; attempt++) {
    await deps.pace?.take();
    try {
      const { providerId } = await deps.gateway.send({ to: notice.to, body, statusCallback });
      countMetric(METRICS.smsSent);
      return record('SENT', { body: kept, providerId }, attempt);
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof CannotSendError) {
        logger.warn('notification not sent', { outboxId: notice.id, reason });
        countMetric(METRICS.smsSkipped);
        return record('SKIPPED', { error: reason }, attempt);
      }
      if (error instanceof PermanentSendError) {
        logger.warn('notification refused by the carrier', { outboxId: notice.id, reason });
        countMetric(METRICS.smsFailed);
        return record('FAILED', { body: kept, error: reason }, attempt);
      }
      logger.warn('notification not sent yet', { outboxId: notice.id, attempt, reason });
      countMetric(METRICS.smsThrottled);
      const floor = error instanceof SlowDownError ? error.retryAfterMs : undefined;
      if (attempt < backoff.tries) await sleep(backoffDelay(attempt, backoff, floor));
    }
  }
  return null;
}

/** Writes the notification's record once, and forgets a one-time code's clear copy (pickup, consent) once its SMS is settled. */
async function settle(
  store: Store,
  notice: PendingNotification,
  outcome: Pick<OutboxMessage, 'status' | 'attempts'> & Partial<OutboxMessage>,
  at: Date,
): Promise<OutboxStatus> {
  const { notification } = notice;
  const createdAt = at.toISOString();
  await recordOutcome(
    store,
    { ...outcome, id: notice.id, to: notice.to, notification: keptOf(notification), createdAt, updatedAt: createdAt },
    at,
  );
  if (notification.kind === 'PICKUP_CODE') await forgetPickupNotice(store, notification.orderCode, notification.expiresAt);
  if (notification.kind === 'CONSENT_REQUEST') await forgetConsentNotice(store, notification.requestHash);
  return outcome.status;
}

/** The message's text in its recipient's language, or null when they opted out of it. */
function textFor({ to, notification }: PendingNotification, reads: SendingReads): string | null {
  const member = reads.members.get(to);
  // STOP silences notifications, not the pickup code a villager needs to collect what they bought,
  // nor the code of a consent the villager is giving an app at that moment.
  const essential = notification.kind === 'PICKUP_CODE' || notification.kind === 'PICKUP_LOCKED' || notification.kind === 'CONSENT_REQUEST';
  if (member?.notifications === false && !essential) return null;
  const language = member?.language && isLanguage(member.language) ? member.language : 'en';
  const centerName = 'centerId' in notification ? (reads.centerNames.get(notification.centerId) ?? '') : '';
  return notificationText(notification, language, centerName);
}

/**
 * What the record keeps of a notification: never a pickup or consent code, and not the weekly figures
 * its text was made from (the text has them), which would take the record over a kilobyte.
 */
export function keptOf(notification: Notification): Notification {
  if (notification.kind === 'PICKUP_CODE') {
    const { kind, orderCode, centerId, expiresAt } = notification;
    return { kind, orderCode, centerId, expiresAt };
  }
  if (notification.kind === 'CONSENT_REQUEST') {
    const { code, ...kept } = notification;
    return kept;
  }
  return notification.kind === 'WEEKLY_PRICES' ? { ...notification, markets: [] } : notification;
}

/** What the record keeps of a text: a pickup code is never stored in the clear, nor a consent code. */
function withoutSecret(body: string, notification: Notification): string {
  if (notification.kind === 'PICKUP_CODE' && notification.pickupCode) return body.replace(notification.pickupCode, '******');
  if (notification.kind !== 'CONSENT_REQUEST' || !notification.code) return body;
  // The code comes after the app's name and reference, which may hold the same digits.
  const at = body.lastIndexOf(notification.code);
  return `${body.slice(0, at)}****${body.slice(at + notification.code.length)}`;
}
