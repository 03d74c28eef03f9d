// One run of the load test, from the server's start to the audits: `npm run load` (bench/load.ts) runs
// it as set by LOAD_*, and tests/e2e/load.test.ts runs a short one as part of `npm test`. Its phases, in
// order: the server, the catalogue and the buyers, work beside the load being prepared, the warm-up,
// the measured load (with that work running beside it), the repeats of unanswered orders, the audits.
import { loadavg } from 'node:os';
import { DEMO_CENTER_CODE } from '../../local/seed.js';
import { type RunningLocalServer, startLocalServer } from '../../local/server-process.js';
import { auditOrders, awaitNotifications } from './load-audits.js';
import { buyerClients } from './load-buyers.js';
import { seedLoadCatalogue, VARIANT_STOCK } from './load-catalogue.js';
import { type AdminClient, adminClient } from './load-clients.js';
import type { LoadContext } from './load-context.js';
import { LoadLedger } from './load-ledger.js';
import { measuredLoad, repeatUnanswered, warmUp } from './load-phases.js';
import { printAudit, printBeside, printLoad, printNotifications, printRepeats, printStart } from './load-report.js';
import { type LoadSettings, PATIENT_TIMEOUT_MS, SECRETS } from './load-settings.js';
import { LoadStats } from './load-stats.js';
import { ServerLogWatch } from './server-log-watch.js';

/** The server's log keeps this many of its last lines for a failure's message; the watch sees every one. */
const TAIL_LINES = 200;

/** What work beside the load may use: the server, its log as it is written, the admin API, the load's catalogue and meters. */
export interface RunParts {
  server: RunningLocalServer;
  watch: ServerLogWatch;
  admin: AdminClient;
  load: LoadContext;
}

/**
 * Work that runs beside the clients for the measured load (a broadcast to the village's subscribers,
 * say, whose pace the report then checks): prepared before the load, started with it.
 */
export interface BesideLoad {
  name: string;
  /** Before the warm-up: what the work needs in the table. */
  prepare: (parts: RunParts) => Promise<void>;
  /** Runs beside the load, which ends at `until` (performance.now()); resolves with its report lines and what disagrees. */
  run: (parts: RunParts, until: number) => Promise<{ report: string[]; disagreements: string[] }>;
}

/** What a run found: the load's errors, every disagreement of the audits, and the orders each kind of client placed. */
export interface LoadOutcome {
  errors: number;
  disagreements: string[];
  ordersBy: { graphql: number; sms: number; ussd: number };
}

async function runAgainst(parts: Omit<RunParts, 'load'>, settings: LoadSettings, beside: BesideLoad[]): Promise<LoadOutcome> {
  const { server, watch, admin } = parts;
  const catalogue = await seedLoadCatalogue(admin, DEMO_CENTER_CODE);
  const clients = await buyerClients(server, settings.clients);
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
    load: { stats: new LoadStats(), timeoutMs: settings.timeoutMs },
    recovery: { stats: new LoadStats(), timeoutMs: PATIENT_TIMEOUT_MS },
  };
  const all = { ...parts, load };
  for (const work of beside) await work.prepare(all);
  if (settings.warmupSeconds > 0) await warmUp(load, clients, settings.warmupSeconds);
  const until = performance.now() + (settings.rampSeconds + settings.seconds) * 1000;
  const [measured, ...besides] = await Promise.all([
    measuredLoad(load, server, clients, settings),
    ...beside.map((work) => work.run(all, until)),
  ]);
  printLoad(measured, load.load.stats, watch, settings);
  if (load.ledger.unanswered.length) {
    await repeatUnanswered(load);
    printRepeats(load.ledger.unanswered.length, load.recovery.stats);
  }
  const audit = await auditOrders(load, admin);
  printAudit(audit, load.ledger, catalogue.products.length);
  const placed = [...audit.orders].filter(([, order]) => order).map(([code]) => code);
  const notifications = await awaitNotifications(placed, watch.notified);
  printNotifications(placed.length, notifications, (performance.now() - measured.endedAt) / 1000);
  for (const [i, work] of beside.entries()) printBeside(work.name, besides[i]!.report);
  const { sequential, racing } = load.ledger.repeatMismatches;
  const disagreements = [
    ...audit.disagreements,
    ...sequential,
    ...racing,
    ...notifications.unnotified.map((code) => `the seller of order ${code} was not notified`),
    ...notifications.twice.map((code) => `the seller of order ${code} was notified more than once`),
    ...besides.flatMap((found) => found.disagreements),
  ];
  const ordersBy = (prefix: string) => placed.filter((code) => [...load.ledger.codeRequests.get(code)!][0]!.startsWith(prefix)).length;
  return {
    errors: load.load.stats.totalErrors,
    disagreements,
    ordersBy: { graphql: ordersBy('graphql'), sms: ordersBy('sms'), ussd: ordersBy('ussd') },
  };
}

/**
 * A whole run against a server of its own, started with `storage` (IN_MEMORY=1 for a DynamoDB Local
 * of its own, or an endpoint and a table): prints what it measures and found, and returns the outcome.
 */
export async function runLoad(settings: LoadSettings, storage: Record<string, string>, beside: BesideLoad[] = []): Promise<LoadOutcome> {
  printStart(settings, storage);
  const watch = new ServerLogWatch(settings.serverLogFile);
  const server = await startLocalServer(
    {
      ...storage,
      ADMIN_API_KEY: SECRETS.adminKey,
      TWILIO_AUTH_TOKEN: SECRETS.twilioToken,
      USSD_API_KEY: SECRETS.ussdKey,
      SMS_MAX_PER_SECOND: String(settings.smsPerSecond),
    },
    { onLine: watch.onLine, keepLines: TAIL_LINES },
  );
  try {
    const outcome = await runAgainst(
      { server, watch, admin: adminClient(server.url, SECRETS.adminKey, PATIENT_TIMEOUT_MS) },
      settings,
      beside,
    );
    console.log(`errors: ${outcome.errors}`);
    console.log(`disagreements: ${outcome.disagreements.length}`);
    for (const disagreement of outcome.disagreements.slice(0, 20)) console.log(`  ${disagreement}`);
    return outcome;
  } finally {
    await server.stop();
  }
}
