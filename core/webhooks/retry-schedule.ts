/**
 * Seconds to wait before each retry after a failed attempt (Standard Webhooks' example schedule):
 * 8 attempts over about 27.6 hours, more than a day for an endpoint to come back.
 */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

/** The longest Retry-After we wait: an endpoint cannot push its events past the schedule's day. */
const MAX_RETRY_AFTER_SECONDS = 10 * 3600;

/** The seconds a Retry-After header asks for (a number of seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - now.getTime()) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.ceil(seconds), 0), MAX_RETRY_AFTER_SECONDS) : null;
}

/**
 * The wait before the retry after `attempt` failed attempts (1 or more), or null when the schedule
 * is spent: the schedule's, or longer when the endpoint's Retry-After asks for longer.
 */
export function retryDelaySeconds(schedule: readonly number[], attempt: number, retryAfter: number | null): number | null {
  const scheduled = schedule[attempt - 1];
  if (scheduled === undefined) return null;
  return Math.max(scheduled, retryAfter ?? 0);
}
