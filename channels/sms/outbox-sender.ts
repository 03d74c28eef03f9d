import { getServiceCenter } from '../../core/catalogue-repository.js';
import { getMember } from '../../core/member-repository.js';
import type { OutboxStatus } from '../../core/outbox.js';
import { claimOutboxMessage, settleOutboxMessage } from '../../core/outbox-repository.js';
import type { Store } from '../../core/store.js';
import { notificationText } from './notification-text.js';
import { isLanguage } from './sms-languages.js';
import { PermanentSendError, type SmsGateway } from './sms-gateway.js';

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
const DEFAULT_LEASE_MS = 60_000;

/** A transient failure that outlived the retries: the message is PENDING again for the next delivery of its event. */
export class SendLaterError extends Error {}

/**
 * Sends one outbox message, at most once however often its event is delivered: the message is
 * claimed with a conditional write first, and a claimed or finished message is left alone.
 * Returns what became of it, or null when it was not this sender's to send.
 */
export async function deliverOutboxMessage(deps: SenderDeps, id: string): Promise<OutboxStatus | null> {
  const now = deps.now ?? (() => new Date());
  const message = await claimOutboxMessage(deps.store, id, now(), deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (!message) return null;

  const member = await getMember(deps.store, message.to);
  if (member?.notifications === false) {
    await settleOutboxMessage(deps.store, id, 'SKIPPED', { error: 'opted out' }, now());
    return 'SKIPPED';
  }
  const language = member?.language && isLanguage(member.language) ? member.language : 'en';
  const center = message.notification.kind === 'ORDER_STATUS' ? await getServiceCenter(deps.store, message.notification.centerId) : null;
  const body = notificationText(message.notification, language, center?.name ?? '');
  const statusCallback = deps.statusCallbackBase ? `${deps.statusCallbackBase}/sms/status?outbox=${encodeURIComponent(id)}` : undefined;

  const backoff = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  let lastError = '';
  for (let attempt = 0; attempt <= backoff.length; attempt++) {
    try {
      const { providerId } = await deps.gateway.send({ to: message.to, body, statusCallback });
      await settleOutboxMessage(deps.store, id, 'SENT', { body, providerId }, now());
      return 'SENT';
    } catch (error) {
      if (error instanceof PermanentSendError) {
        await settleOutboxMessage(deps.store, id, 'FAILED', { body, error: error.message }, now());
        return 'FAILED';
      }
      lastError = (error as Error).message;
      if (attempt < backoff.length) await new Promise((wait) => setTimeout(wait, backoff[attempt]));
    }
  }
  await settleOutboxMessage(deps.store, id, 'PENDING', { body, error: lastError }, now());
  throw new SendLaterError(`outbox ${id}: ${lastError}`);
}
