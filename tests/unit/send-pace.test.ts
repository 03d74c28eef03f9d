import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, type PaceClock, retryAfterMs, sendPace } from '../../channels/sms/send-pace.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A clock whose sleeps end when `run` moves time to them, in time order, letting each woken task go on first. */
function virtualClock() {
  let time = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const clock: PaceClock = {
    now: () => time,
    sleep: (ms) =>
      new Promise((wake) => {
        timers.push({ at: time + ms, wake: () => wake() });
      }),
  };
  const run = async () => {
    await settle();
    while (timers.length > 0) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      time = Math.max(time, next.at);
      next.wake();
      await settle();
    }
  };
  return { clock, run };
}

/** The most sends in any one second, wherever it starts (a second starting at a send is the worst). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((start) => sorted.filter((time) => time >= start && time < start + 1000).length));
}

/** Starts each sender at its offset, lets it take a token, and records when it was let through. */
async function sendAt(offsets: number[], pace: { take(): Promise<void> }, virtual: ReturnType<typeof virtualClock>): Promise<number[]> {
  const sent: number[] = [];
  const senders = offsets.map(async (offset) => {
    await virtual.clock.sleep(offset);
    await pace.take();
    sent.push(virtual.clock.now());
  });
  await virtual.run();
  await Promise.all(senders);
  return sent;
}

describe('sendPace', () => {
  it('lets a burst through at the rate: the first second full, then never more than the rate in any second', async () => {
    const virtual = virtualClock();
    const sent = await sendAt(new Array(200).fill(0), sendPace(20, virtual.clock), virtual);

    expect(sent).toHaveLength(200);
    expect(busiestSecond(sent)).toBe(20);
    expect(sent.filter((time) => time === 0)).toHaveLength(20);
    // Not slower than the rate either: 200 messages at 20 a second start within 9 seconds.
    expect(Math.max(...sent)).toBe(9000);
  });

  it('does not save up an idle second for a later burst', async () => {
    const virtual = virtualClock();
    const offsets = [...new Array(10).fill(0), ...new Array(10).fill(2500), ...new Array(30).fill(2999)];
    const sent = await sendAt(offsets, sendPace(10, virtual.clock), virtual);

    expect(busiestSecond(sent)).toBe(10);
  });

  it('keeps senders that share a total within it when the share is not whole', async () => {
    const virtual = virtualClock();
    const total = 200;
    const instances = 3;
    const paces = Array.from({ length: instances }, () => sendPace(total / instances, virtual.clock));
    const sent: number[] = [];
    const senders = paces.flatMap((pace) =>
      new Array(300).fill(0).map(async () => {
        await pace.take();
        sent.push(virtual.clock.now());
      }),
    );
    await virtual.run();
    await Promise.all(senders);

    expect(sent).toHaveLength(900);
    expect(busiestSecond(sent)).toBeLessThanOrEqual(total);
  });

  it('holds for any rate and any arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 120 }),
        async (rate, offsets) => {
          const virtual = virtualClock();
          const sent = await sendAt(offsets, sendPace(rate, virtual.clock), virtual);
          expect(sent).toHaveLength(offsets.length);
          expect(busiestSecond(sent)).toBeLessThanOrEqual(rate);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a rate under one message a second', () => {
    expect(() => sendPace(0.5)).toThrow(RangeError);
    expect(() => sendPace(Number.NaN)).toThrow(RangeError);
  });
});

describe('backoffDelay', () => {
  const backoff = { baseMs: 200, maxMs: 10_000 };

  it('doubles with each retry, half of it random', () => {
    const least = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, backoff, undefined, () => 0));
    const most = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, backoff, undefined, () => 1));

    expect(least).toEqual([100, 200, 400, 800, 1600]);
    expect(most).toEqual([200, 400, 800, 1600, 3200]);
    expect(backoffDelay(3, backoff, undefined, () => 0.5)).toBe(600);
  });

  it('never waits longer than the cap on its own', () => {
    for (const retry of [7, 8, 10, 40]) {
      expect(backoffDelay(retry, backoff, undefined, () => 1)).toBe(10_000);
      expect(backoffDelay(retry, backoff, undefined, () => 0)).toBe(5_000);
    }
  });

  it("waits at least the provider's Retry-After, even beyond the cap", () => {
    expect(backoffDelay(1, backoff, 3_000, () => 1)).toBe(3_000);
    expect(backoffDelay(1, backoff, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(5, backoff, 1_000, () => 1)).toBe(3_200);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 3 ', now)).toBe(3_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('gives nothing for a missing or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
