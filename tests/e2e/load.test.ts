import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load/load-run.js';
import type { LoadSettings } from '../../bench/load/load-settings.js';
import { broadcastOf } from '../../bench/load/weekly-broadcast.js';

/**
 * A few seconds of `npm run load`: enough clients that each kind of client takes turns (their first turns go round the kinds),
 * and a broadcast beside them long enough at its rate (200 messages at 50 a second) for the senders' pace to show.
 */
const SHORT: LoadSettings = {
  seconds: 4,
  rampSeconds: 1,
  warmupSeconds: 0,
  clients: 12,
  timeoutMs: 15_000,
  serverLogFile: null,
  broadcast: 200,
  smsPerSecond: 50,
};

describe('the load test, in a short run against a server of its own', () => {
  it('places orders by GraphQL, SMS and USSD with no error, sends a broadcast within the rate, and its audits find nothing that disagrees', async () => {
    // A DynamoDB Local of its own too: its transactions must not hold the locks the other test files' wait for.
    const outcome = await runLoad(SHORT, { IN_MEMORY: '1' }, broadcastOf(SHORT));
    expect(outcome.errors).toBe(0);
    expect(outcome.disagreements).toEqual([]);
    expect(outcome.ordersBy.graphql).toBeGreaterThan(0);
    expect(outcome.ordersBy.sms).toBeGreaterThan(0);
    expect(outcome.ordersBy.ussd).toBeGreaterThan(0);
  }, 120_000);
});
