import { expiresAt, keys } from '../../core/db/index.js';

// The SMS channel's own items as the table keeps them: key, type and attributes. Its repository
// writes these, and the capacity model measures them.

/** Twilio retries a webhook for minutes at most; two days is plenty to recognise a repeat. */
export const INBOUND_TTL_SECONDS = 2 * 24 * 60 * 60;

/** The window of the rate limit: past a phone's limit in it, one polite reply, then silence. */
export const RATE_WINDOW_SECONDS = 10 * 60;

/** The reply given to an inbound message, kept under its MessageSid to answer a repeat of it; null for silence. */
export const inboundSmsItem = (message: { messageSid: string; from: string; reply: string | null }, now: Date) => ({
  ...keys.inboundSms(message.messageSid),
  type: 'InboundSms',
  from: message.from,
  reply: message.reply,
  receivedAt: now.toISOString(),
  expiresAt: expiresAt(now, INBOUND_TTL_SECONDS),
});

/** When a phone's commands arrived (epoch ms), oldest first; the log lives as long as the window it counts from its last command. */
export const rateLogItem = (phone: string, times: number[], now: Date) => ({
  ...keys.rateLog(phone),
  times,
  expiresAt: expiresAt(now, RATE_WINDOW_SECONDS),
});
