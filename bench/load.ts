// A bounded mixed load against the local server, as callers reach it over HTTP: `npm start`'s
// program (local/start.ts) runs as a process of its own with its own in-memory DynamoDB Local; after a
// warm-up that is not counted (LOAD_WARMUP_SECONDS, default 10, a tenth of the clients),
// LOAD_CLIENTS clients (default 200, started over LOAD_RAMP_SECONDS, default 5) loop for LOAD_SECONDS
// (default 60) through GraphQL orders and searches, signed Twilio webhooks (JOIN, ORDER, FIND, STATUS)
// and USSD buy journeys, each phone in a language of its own; each request may take LOAD_TIMEOUT_MS
// (default 15,000). Some orders are sent again with the same idempotency key, MessageSid or USSD path,
// as a retrying client would. It prints throughput, p50/p99 latency and errors per kind of request;
// repeats, after the load, the order requests that never got an answer (so that an order placed by a
// timed-out request is counted); then reads every order it was told of back through the admin API and
// checks that stock, orders, idempotency and the sellers' notifications agree. LOAD_SERVER_LOG=<file>
// keeps the server's log. Figures, not pass/fail: it exits 0 unless the harness itself broke (the
// short run in `npm test` is the pass/fail). The parts are in bench/load/, the run's phases in load-run.ts.
import { runLoad } from './load/load-run.js';
import { settingsFromEnv } from './load/load-settings.js';
import { broadcastOf } from './load/weekly-broadcast.js';

async function main(): Promise<void> {
  const started = Date.now();
  const settings = settingsFromEnv(process.env);
  await runLoad(settings, { IN_MEMORY: '1' }, broadcastOf(settings));
  console.log(`(whole run with setup and checks: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exit(1);
});
