/** Time as the pacing sees it: the real clock in a function, a virtual one in tests. */
export interface PaceClock {
  /** Milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((wake) => setTimeout(wake, ms)),
};

const WINDOW_MS = 1000;

export interface SendPace {
  /** Resolves when one more message may go to the provider; callers may wait on it concurrently. */
  take(): Promise<void>;
}

/**
 * The pace of one sender instance: a bucket of floor(ratePerSecond) tokens, where a token taken comes
 * back one second after it was taken. So no second, wherever it starts, holds more than floor(ratePerSecond)
 * sends: a bucket refilled continuously could hold its burst and the refill in the same second, twice the
 * rate. With `ratePerSecond` the provider's total divided by the senders that run at once, all of them
 * together stay within the total.
 */
export function sendPace(ratePerSecond: number, clock: PaceClock = systemClock): SendPace {
  const tokens = Math.floor(ratePerSecond);
  if (!(tokens >= 1)) {
    throw new RangeError(`a sender must be allowed at least 1 message a second, not ${ratePerSecond}: fewer senders, or a higher rate`);
  }
  // The times the last `tokens` sends were (or are booked to be) let through, oldest first.
  const sends: number[] = [];
  return {
    take: async () => {
      const now = clock.now();
      // Booked now, before any waiting, so that concurrent takes queue up in order.
      const at = sends.length < tokens ? now : Math.max(now, sends[0]! + WINDOW_MS);
      sends.push(at);
      if (sends.length > tokens) sends.shift();
      if (at > now) await clock.sleep(at - now);
    },
  };
}

export interface Backoff {
  /** The wait before the first retry, in milliseconds; it doubles with each retry after. */
  baseMs: number;
  /** The longest wait the backoff chooses on its own. */
  maxMs: number;
}

/**
 * How long to wait before retry number `retry` (1 for the first) after a provider's 429 or transient error:
 * exponential, capped at `maxMs`, with half of it random so that senders throttled together do not retry
 * together. `retryAfter` (milliseconds, from the provider's Retry-After) is a floor: the wait is never shorter, even beyond `maxMs`.
 */
export function backoffDelay(retry: number, backoff: Backoff, retryAfter?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (retry - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfter ?? 0);
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds to wait from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
