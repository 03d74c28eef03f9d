// What the load test prints: throughput, latency and errors per kind of request, what the server's
// processes used and logged, the audits' findings, and what work beside the load reports (the list of
// disagreements is printed once, at the end, by load-run.ts).
import { cpus, loadavg } from 'node:os';
import type { Audit } from './load-audits.js';
import type { LoadLedger } from './load-ledger.js';
import type { MeasuredLoad } from './load-phases.js';
import type { LoadSettings } from './load-settings.js';
import type { LoadStats } from './load-stats.js';
import type { ServerLogWatch } from './server-log-watch.js';

const averages = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export function printStart({ clients, rampSeconds, seconds }: LoadSettings, storage: Record<string, string>): void {
  const env = Object.entries(storage)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  console.log(
    `Load test: ${clients} clients (started over ${rampSeconds} s) for ${seconds} s against local/start.ts (own process, PORT=0, ${env}); ` +
      `${cpus().length} CPUs, load average ${averages()} before starting`,
  );
}

const share = (cpuSeconds: number, seconds: number) =>
  `${cpuSeconds.toFixed(1)} s of CPU (${((cpuSeconds / seconds) * 100).toFixed(0)}% of one core)`;

function printCpu({ seconds, cpu }: MeasuredLoad): void {
  console.log(`  the load generator used ${share(cpu.generator, seconds)}; load average at the end ${averages()} on ${cpus().length} CPUs`);
  if (cpu.server !== null) {
    const dynamo = cpu.dynamo === null ? '' : `, its DynamoDB Local ${share(cpu.dynamo, seconds)}`;
    console.log(`  the server process used ${share(cpu.server, seconds)}${dynamo}`);
  }
}

function printServerLog(watch: ServerLogWatch): void {
  console.log(`  server log lines at level error: ${watch.faults.count}, at level warn: ${watch.warnLines}`);
  const { warnings, capacity, mostEnqueued } = watch.socketWaits;
  if (warnings) {
    console.log(
      `  the server's DynamoDB client had all its ${capacity} sockets (the SDK's default) busy: the SDK warned ` +
        `${warnings} times (at most once in 15 s, when 100 or more wait), with up to ${mostEnqueued} requests waiting`,
    );
  }
  for (const sample of watch.faults.samples) console.log(`    ${sample}`);
}

export function printLoad(
  measured: MeasuredLoad,
  stats: LoadStats,
  watch: ServerLogWatch,
  settings: { clients: number; rampSeconds: number; seconds: number },
): void {
  const { seconds, ordersPlaced } = measured;
  console.log(
    `\nThroughput and latency (${settings.clients} clients, ${seconds.toFixed(1)} s: ${settings.rampSeconds} s of start, ${settings.seconds} s of load, then the turns under way finished):`,
  );
  for (const line of stats.table(seconds)) console.log(`  ${line}`);
  printCpu(measured);
  console.log(`  orders placed: ${ordersPlaced} (${(ordersPlaced / seconds).toFixed(1)}/s)`);
  const samples = stats.errorSamples();
  if (samples.length) {
    console.log('  error samples:');
    for (const sample of samples) console.log(`    ${sample}`);
  }
  printServerLog(watch);
}

export function printRepeats(count: number, stats: LoadStats): void {
  console.log(`\nOrder requests with no answer during the load: ${count}; repeated now with the same key, MessageSid or USSD path:`);
  for (const line of stats.table(null)) console.log(`  ${line}`);
}

export function printAudit(audit: Audit, ledger: LoadLedger, products: number): void {
  const codes = [...audit.orders.keys()];
  const readable = codes.filter((code) => audit.orders.get(code)).length;
  const via = (prefix: string) => [...ledger.requestCodes.keys()].filter((r) => r.startsWith(prefix)).length;
  console.log('\nConsistency (read back through the admin API):');
  console.log(
    `  ${codes.length} orders reported (GraphQL ${via('graphql')}, SMS ${via('sms')}, USSD ${via('ussd')}), ${readable} read back, ` +
      `${audit.cancelledOrders} cancelled; ${audit.unitsSold} units sold; ${audit.soldOut} of ${products} products sold out`,
  );
  console.log(
    `  checked: initial stock - ordered (non-cancelled) = stock for ${products} products; every order code answers one request; ` +
      `every idempotency key, MessageSid and USSD path produced at most one order`,
  );
  const { sequential, racing } = ledger.repeatMismatches;
  console.log(`  repeats answered differently: ${sequential.length} sequential, ${racing.length} racing (same key, MessageSid or path)`);
}

export function printNotifications(
  placed: number,
  { unnotified, twice }: { unnotified: string[]; twice: string[] },
  secondsAfter: number,
): void {
  console.log(
    `  seller notifications (stream, queue, paced sender): ${placed - unnotified.length} of ${placed} orders notified, ` +
      `${twice.length} more than once (${unnotified.length ? 'the rest still missing' : 'all within'} ` +
      `${secondsAfter.toFixed(1)} s ${unnotified.length ? 'after' : 'of'} the end of the load)`,
  );
  if (unnotified.length) console.log(`    not notified: ${unnotified.slice(0, 10).join(', ')}${unnotified.length > 10 ? ', ...' : ''}`);
}

/** What a piece of work beside the load reports. */
export function printBeside(name: string, report: string[]): void {
  console.log(`\n${name}:`);
  for (const line of report) console.log(`  ${line}`);
}
