import { expiresAt, keys } from '../../core/db/index.js';

// The USSD channel's own item as the table keeps it: key, type and attributes, while a session runs
// and once it has ended. Its repository writes these, and the capacity model measures them.

/** A USSD session lasts a few minutes at most; its item outlives it a little. */
export const SESSION_TTL_SECONDS = 10 * 60;

/** Ended sessions are kept a month, for the record of how sessions end. */
export const ENDED_SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/** What a session's path alone cannot hold: the lists its screens showed, by list name. */
export interface UssdSession {
  phone: string;
  lists: Record<string, unknown[]>;
}

/** How the aggregator says a session ended. */
export interface UssdSessionEnd {
  status: string;
  phone: string | null;
  errorMessage: string | null;
  hops: number | null;
  durationMs: number | null;
}

/** A running session under the aggregator's session id, saved after a hop that changed its lists. */
export const ussdSessionItem = (sessionId: string, session: UssdSession, now: Date) => ({
  ...keys.ussdSession(sessionId),
  type: 'UssdSession',
  ...session,
  updatedAt: now.toISOString(),
  expiresAt: expiresAt(now, SESSION_TTL_SECONDS),
});

/**
 * What recording a session's end sets on its item, which also loses its lists (of no use once the
 * session is over, and some hold other people's phone numbers); the whole item when the session
 * never saved any.
 */
export const endedUssdSessionItem = (sessionId: string, end: UssdSessionEnd, now: Date) => ({
  ...keys.ussdSession(sessionId),
  type: 'UssdSession',
  endStatus: end.status,
  endedAt: now.toISOString(),
  endError: end.errorMessage,
  hops: end.hops,
  durationMs: end.durationMs,
  endPhone: end.phone,
  expiresAt: expiresAt(now, ENDED_SESSION_TTL_SECONDS),
});
