import { expiresAt, keys } from '../../core/db/index.js';

// The SMS channel's own items and attributes as the table keeps them: key, type and attributes. Its
// repository writes these, and the capacity model measures them.

/** Twilio retries a webhook for minutes at most; two days is plenty to recognise a repeat. */
export const INBOUND_TTL_SECONDS = 2 * 24 * 60 * 60;

/** The window of the rate limit, in whole minutes: past a phone's limit in it, one polite reply, then silence. */
export const RATE_WINDOW_MINUTES = 10;

/**
 * A phone's rate window is a ring of one-minute slots, each a string set of `<minute>:<MessageSid>`: a
 * message is added to its minute's slot (adding to a set twice is adding once, so a repeat counts once),
 * and every message clears the slots outside the window, so the ring never outgrows twice the window.
 * The minute in each entry tells a slot's entries from a lap of the ring before, which a phone silent
 * for a whole window leaves behind.
 */
const RING_MINUTES = 2 * RATE_WINDOW_MINUTES;

export const minuteOf = (now: Date): number => Math.floor(now.getTime() / 60_000);

/** The attribute of a minute's slot. */
export const rateSlot = (minute: number): string => `smsRate${((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES}`;

/** A message's entry in its minute's slot. */
export const rateEntry = (minute: number, messageSid: string): string => `${minute}:${messageSid}`;

/** The minutes of the window that ends at `minute`, newest first. */
export const windowMinutes = (minute: number): number[] => Array.from({ length: RATE_WINDOW_MINUTES }, (_, i) => minute - i);

/** The minutes whose slots a message at `minute` clears: the rest of the ring, the window's minutes a lap ago. */
export const clearedMinutes = (minute: number): number[] =>
  Array.from({ length: RING_MINUTES - RATE_WINDOW_MINUTES }, (_, i) => minute + 1 + i);

/** The reply given to an inbound message, kept under its MessageSid to answer a repeat of it (every command but ORDER, whose order answers a repeat). */
export const inboundSmsItem = (message: { messageSid: string; from: string; reply: string }, now: Date) => ({
  ...keys.inboundSms(message.messageSid),
  type: 'InboundSms',
  from: message.from,
  reply: message.reply,
  receivedAt: now.toISOString(),
  expiresAt: expiresAt(now, INBOUND_TTL_SECONDS),
});

/**
 * An item with the rate window of the messages given, as the repository leaves it: a member's own item
 * for a member (so that logging a message reads the member), a rate-log item for a phone that is not one.
 */
export function withRateWindow<Item extends object>(
  item: Item,
  messages: { messageSid: string; at: Date }[],
): Item & Record<string, Set<string>> {
  const slots: Record<string, Set<string>> = {};
  for (const { messageSid, at } of messages) {
    const minute = minuteOf(at);
    const slot = rateSlot(minute);
    slots[slot] = new Set([...(slots[slot] ?? []), rateEntry(minute, messageSid)]);
  }
  return { ...item, ...slots };
}

/** A phone's rate log when it is no member: the window alone, living as long as the window it counts from its last message. */
export const rateLogItem = (phone: string, messages: { messageSid: string; at: Date }[], now: Date) =>
  withRateWindow({ ...keys.rateLog(phone), expiresAt: expiresAt(now, RATE_WINDOW_MINUTES * 60) }, messages);
