// A bounded mixed load against the local server, as callers reach it over HTTP: `npm start`'s
// program (local/start.ts) runs as a process of its own with its own in-memory DynamoDB Local; after a
// warm-up that is not counted (LOAD_WARMUP_SECONDS, default 10, a tenth of the clients),
// LOAD_CLIENTS clients (default 200, started over LOAD_RAMP_SECONDS, default 5) loop for LOAD_SECONDS
// (default 60) through GraphQL orders and searches, signed Twilio webhooks (JOIN, ORDER, FIND, STATUS)
// and USSD buy journeys; each request may take LOAD_TIMEOUT_MS (default 15,000). Some orders are sent
// again with the same idempotency key, MessageSid or USSD path, as a retrying client would. It prints
// throughput, p50/p99 latency and errors per kind of request; repeats, after the load, the order
// requests that never got an answer (so that an order placed by a timed-out request is counted); then
// reads every order it was told of back through the admin API and checks that stock, orders and
// idempotency agree. LOAD_SERVER_LOG=<file> keeps the server's log. Figures, not pass/fail: it exits 0
// unless the harness itself broke. The parts are in bench/load/: settings, the typed operations, the
// catalogue, the turns of each channel, the phases, the audits and the report.
import { loadavg } from 'node:os';
import { DEMO_CENTER_CODE } from '../local/seed.js';
import { type RunningLocalServer, startLocalServer } from '../local/server-process.js';
import { auditOrders, awaitNotifications } from './load/load-audits.js';
import { buyerClients } from './load/load-buyers.js';
import { seedLoadCatalogue, VARIANT_STOCK } from './load/load-catalogue.js';
import { adminClient } from './load/load-clients.js';
import type { LoadContext } from './load/load-context.js';
import { LoadLedger } from './load/load-ledger.js';
import { measuredLoad, repeatUnanswered, warmUp } from './load/load-phases.js';
import { printAudit, printLoad, printNotifications, printRepeats, printStart } from './load/load-report.js';
import {
  CLIENTS,
  PATIENT_TIMEOUT_MS,
  RAMP_SECONDS,
  SECONDS,
  SECRETS,
  SERVER_LOG_FILE,
  TIMEOUT_MS,
  WARMUP_SECONDS,
} from './load/load-settings.js';
import { LoadStats } from './load/load-stats.js';
import { ServerLogWatch } from './load/server-log-watch.js';

/** The server's log keeps this many of its last lines for a failure's message; the watch sees every one. */
const TAIL_LINES = 200;

async function run(server: RunningLocalServer, watch: ServerLogWatch): Promise<void> {
  const admin = adminClient(server.url, SECRETS.adminKey, PATIENT_TIMEOUT_MS);
  const catalogue = await seedLoadCatalogue(admin, DEMO_CENTER_CODE);
  const clients = await buyerClients(server, CLIENTS);
  console.log(
    `Seeded ${catalogue.products.length} products in 4 shops (stock per word: ${VARIANT_STOCK.join(', ')}; demo products as seeded), ` +
      `${clients.length} buyer keys; setup took until now, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const load: LoadContext = {
    url: server.url,
    secrets: SECRETS,
    centerCode: DEMO_CENTER_CODE,
    catalogue,
    ledger: new LoadLedger(),
    load: { stats: new LoadStats(), timeoutMs: TIMEOUT_MS },
    recovery: { stats: new LoadStats(), timeoutMs: PATIENT_TIMEOUT_MS },
  };
  if (WARMUP_SECONDS > 0) await warmUp(load, clients, WARMUP_SECONDS);
  const measured = await measuredLoad(load, server, clients, { rampSeconds: RAMP_SECONDS, seconds: SECONDS });
  printLoad(measured, load.load.stats, watch, { clients: CLIENTS, rampSeconds: RAMP_SECONDS, seconds: SECONDS });
  if (load.ledger.unanswered.length) {
    await repeatUnanswered(load);
    printRepeats(load.ledger.unanswered.length, load.recovery.stats);
  }
  const audit = await auditOrders(load, admin);
  printAudit(audit, load.ledger, catalogue.products.length);
  const placed = [...audit.orders].filter(([, order]) => order).map(([code]) => code);
  const notifications = await awaitNotifications(placed, watch.notified);
  printNotifications(placed.length, notifications, (performance.now() - measured.endedAt) / 1000);
  console.log(`errors: ${load.load.stats.totalErrors}`);
  console.log(`disagreements: ${audit.disagreements.length}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  printStart(CLIENTS, RAMP_SECONDS, SECONDS);
  const watch = new ServerLogWatch(SERVER_LOG_FILE);
  const server = await startLocalServer(
    { IN_MEMORY: '1', ADMIN_API_KEY: SECRETS.adminKey, TWILIO_AUTH_TOKEN: SECRETS.twilioToken, USSD_API_KEY: SECRETS.ussdKey },
    { onLine: watch.onLine, keepLines: TAIL_LINES },
  );
  try {
    await run(server, watch);
  } finally {
    await server.stop();
  }
  console.log(`(whole run with setup and checks: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exit(1);
});
