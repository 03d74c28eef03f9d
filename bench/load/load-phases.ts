// The load itself: clients taking turns until the time is up (a turn under way is finished), first a
// warm-up that is not counted, then the measured load with a progress line, then the repeats of
// the order requests that never got an answer.
import { loadavg } from 'node:os';
import type { RunningLocalServer } from '../../local/server-process.js';
import { graphqlOrder, graphqlSearch } from './graphql-turns.js';
import type { Client } from './load-buyers.js';
import type { LoadContext } from './load-context.js';
import { weighted } from './load-random.js';
import { MIX, PROGRESS_SECONDS } from './load-settings.js';
import { LoadStats } from './load-stats.js';
import { cpuSeconds } from './process-cpu.js';
import { smsTurn } from './sms-turns.js';
import { ussdTurn } from './ussd-turns.js';

const TURNS = { graphqlOrder, graphqlSearch, sms: smsTurn, ussd: ussdTurn };
/** Order requests repeated at once after the load. */
const REPEAT_CONCURRENCY = 8;

const KINDS = Object.keys(MIX) as (keyof typeof MIX)[];

function runClients(load: LoadContext, group: Client[], rampMs: number, until: number) {
  return Promise.all(
    group.map(async (client, i) => {
      await new Promise((wait) => setTimeout(wait, (rampMs * i) / group.length));
      // The first turns go round the kinds, so that even a short run has every kind of client; then by weight.
      for (let kind = KINDS[i % KINDS.length]!; performance.now() < until; kind = weighted(MIX)) await TURNS[kind](load, client);
    }),
  );
}

/** A tenth of the clients for a while, to warm the server up; its figures are then dropped. */
export async function warmUp(load: LoadContext, clients: Client[], seconds: number): Promise<void> {
  const group = clients.slice(0, Math.max(1, Math.round(clients.length / 10)));
  await runClients(load, group, 0, performance.now() + seconds * 1000);
  console.log(
    `Warm-up (not counted below): ${group.length} clients for ${seconds} s, ${load.load.stats.totalRequests} requests, ` +
      `${load.load.stats.totalErrors} errors, ${load.ledger.orders} orders`,
  );
  load.load.stats = new LoadStats();
}

export interface MeasuredLoad {
  seconds: number;
  endedAt: number;
  ordersPlaced: number;
  /** CPU seconds of the load generator, of the server and of its own DynamoDB Local (null without /proc, or without one of its own). */
  cpu: { generator: number; server: number | null; dynamo: number | null };
}

/** Every client, started over `rampSeconds`, until `seconds` after the last has started. */
export async function measuredLoad(
  load: LoadContext,
  server: RunningLocalServer,
  clients: Client[],
  { rampSeconds, seconds }: { rampSeconds: number; seconds: number },
): Promise<MeasuredLoad> {
  const ordersBefore = load.ledger.orders;
  const cpuBefore = process.cpuUsage();
  const serverBefore = cpuSeconds(server.process.pid);
  const started = performance.now();
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    console.log(
      `  ${elapsed.toFixed(0).padStart(3)} s: in the last ${PROGRESS_SECONDS} s ${load.load.stats.takeInterval()}; ` +
        `${load.ledger.orders - ordersBefore} orders so far; load average ${loadavg()[0]!.toFixed(2)}`,
    );
  }, PROGRESS_SECONDS * 1000);
  await runClients(load, clients, rampSeconds * 1000, started + (rampSeconds + seconds) * 1000);
  clearInterval(progress);
  const endedAt = performance.now();
  const generator = process.cpuUsage(cpuBefore);
  const serverAfter = cpuSeconds(server.process.pid);
  const both = serverBefore && serverAfter;
  return {
    seconds: (endedAt - started) / 1000,
    endedAt,
    ordersPlaced: load.ledger.orders - ordersBefore,
    cpu: {
      generator: (generator.user + generator.system) / 1e6,
      server: both ? serverAfter.server - serverBefore.server : null,
      dynamo: both && serverAfter.dynamo !== null && serverBefore.dynamo !== null ? serverAfter.dynamo - serverBefore.dynamo : null,
    },
  };
}

/**
 * Orders whose every try failed may still have been placed: asks again, as an idempotent client may,
 * so that the audits count them and only a write really lost or doubled disagrees.
 */
export async function repeatUnanswered(load: LoadContext): Promise<void> {
  const { unanswered } = load.ledger;
  let next = 0;
  await Promise.all(
    Array.from({ length: REPEAT_CONCURRENCY }, async () => {
      while (next < unanswered.length) await unanswered[next++]!();
    }),
  );
}
