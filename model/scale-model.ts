// npm run model: prints the write and read units a second on every partition key of the table and of
// each index at a modeled national peak (scale-model-peak.ts computes them, no DynamoDB): each
// operation's cost, the hottest keys against DynamoDB's per-key limits, every key pattern with its
// hottest key, and the totals; then the fan-outs of weekly prices and of a price alert at the SMS
// provider's rate (scale-model-fanout.ts). Deterministic: the same figures on every run at one rate.
import { appItem, budgetShares, MAX_REQUESTS_PER_MINUTE } from '../core/apps/index.js';
import { MAX_STOCK_SHARDS } from '../core/catalogue/index.js';
import { keys, listKeys, tableSchema } from '../core/db/index.js';
import { itemSize, KEY_LIMITS, projectionOf, READ_UNIT_BYTES } from './scale-model-capacity.js';
import {
  type AlertResult,
  alertFanout,
  FANOUT,
  type FanoutResult,
  WEEKLY_SPREAD,
  type WeeklyResult,
  weeklyFanout,
} from './scale-model-fanout.js';
import { type KeyLoad, type ModelResult, type PatternLoad, utilization } from './scale-model-load.js';
import { CROPS, NETWORK, POPULATIONS, productRank } from './scale-model-network.js';
import { APP_TOKEN_REQUESTS, appAtPeak, BUDGET_MINUTE, PEAK } from './scale-model-operations.js';
import { modelPeak, SHARD_LOAD } from './scale-model-peak.js';

/**
 * Scenarios per operation, a prime: each draw takes every 1/3001 of its distribution once, so the top
 * product's 6.95% of order lines is drawn in 208 or 209 scenarios (the figures are good to about 0.5%).
 */
const SCENARIOS = 3_001;
const HOTTEST = 15;

/** The provider's messages a second the fan-outs are sent at: the setting `npm start` reads, or the goal's rate. */
const SMS_RATE = Number(process.env.SMS_MAX_PER_SECOND) || FANOUT.smsPerSecond;

const started = performance.now();
const { sharded, result } = modelPeak(SCENARIOS);
const seconds = (performance.now() - started) / 1000;

function units(value: number): string {
  if (value === 0) return '0';
  if (value < 0.01) return '<0.01';
  if (value < 10) return value.toFixed(2);
  return Math.round(value).toLocaleString('en');
}

const loadText = (load: { wcu: number; rcu: number }) =>
  [load.wcu ? `${units(load.wcu)} WCU/s` : '', load.rcu ? `${units(load.rcu)} RCU/s` : ''].filter(Boolean).join(', ') || 'nothing';
/** Prints a line of a table without the padding at its end. */
const print = (line: string) => process.stdout.write(`${line.trimEnd()}\n`);
const pad = (text: string, width: number) => text.padEnd(width);
const right = (text: string, width: number) => text.padStart(width);
const share = (value: number) => `${Number((value * 100).toFixed(2))}%`;

function verdict(load: { wcu: number; rcu: number }): string {
  const use = utilization(load);
  return use > 1 ? `OVER x${use >= 10 ? Math.round(use).toLocaleString('en') : use.toFixed(1)}` : `${Math.round(use * 100)}% of limit`;
}

/** Which operations put the units on a key: its writes' and its reads' main sources. */
function sources(key: KeyLoad): string {
  const part = (which: 'wcu' | 'rcu') => {
    const total = key[which];
    if (total === 0) return null;
    const main = [...key.byOperation]
      .map(([name, load]) => ({ name, share: load[which] / total }))
      .filter((entry) => entry.share >= 0.05)
      .sort((a, b) => b.share - a.share)
      .slice(0, 3)
      .map((entry) => `${entry.name} ${Math.round(entry.share * 100)}%`);
    return `${which === 'wcu' ? 'writes' : 'reads'}: ${main.join(', ')}`;
  };
  return [part('wcu'), part('rcu')].filter(Boolean).join('; ');
}

/** A list spread over shards names them by number: `MOMO#OPEN#<n>`. */
const isSharded = (pattern: string) => pattern.includes('<n>');

function printHeader() {
  const top = POPULATIONS.orderedProduct.probability(0);
  const maize = POPULATIONS.crop.probability(0);
  const projections = tableSchema.indexes.map((index) => `${index.name} ${projectionOf(index).type}`).join(', ');
  print('Scale model: units a second on every partition key at a national peak (npm run model; computed, no DynamoDB)');
  print(
    `  peak: ${PEAK.ordersPerSecond.toLocaleString('en')} orders/s of ${PEAK.linesPerOrder} lines (${share(PEAK.mobileMoneyShare)} M-Pesa), ` +
      `${PEAK.smsPerSecond.toLocaleString('en')} SMS/s, ${PEAK.priceReportsPerSecond} price reports/s`,
  );
  print(
    `  network: ${NETWORK.centers.toLocaleString('en')} centers, ${NETWORK.products.toLocaleString('en')} products in ` +
      `${NETWORK.shops.toLocaleString('en')} shops (Zipf s = 1: the top product is on ${share(top)} of order lines), ` +
      `${NETWORK.villagers.toLocaleString('en')} villagers, ${CROPS.length} crops (Zipf s = 1: ${CROPS[0]} ${share(maize)} of reports)`,
  );
  print(`  indexes: ${projections}; ${SCENARIOS.toLocaleString('en')} scenarios per operation, computed in ${seconds.toFixed(1)} s`);
  const sms = Object.entries(PEAK.smsCommands)
    .map(([command, part]) => `${command} ${share(part)}`)
    .join(', ');
  print(
    `  orders: by SMS ${share(PEAK.orderChannels.sms)}, USSD ${share(PEAK.orderChannels.ussd)}, apps ${share(PEAK.orderChannels.api)}; ` +
      `${share(PEAK.mobileMoneyPaidShare)} of M-Pesa requests paid; ${share(PEAK.cancelledShare)} cancelled, the rest accepted, shipped, ` +
      'checked in and handed over at the same rate; an SMS to the seller for each order, to the buyer for each step',
  );
  print(`  SMS commands: ${sms}`);
  const busiest = appAtPeak(0);
  print(
    `  apps: ${share(PEAK.appTokenShare)} of their GraphQL requests (orders and searches) with an OAuth access token, ` +
      `${count(APP_TOKEN_REQUESTS)}/s over ${NETWORK.apps} apps (Zipf s = 1: the busiest ${share(POPULATIONS.app.probability(0))}, ` +
      `${count(busiest.rate)}/s), the rest with a phone's API key; one token a phone`,
  );
  const first = PEAK.pageFirst;
  print(
    `  searches: ${PEAK.searchesPerUssdOrApiOrder} per USSD or app order besides SMS FIND, each for the commodity of a product then ordered; ` +
      `first ${first.find} by SMS (no stock), ${first.api} by apps, ${first.ussd} by USSD (with stock); ` +
      `${share(1 - PEAK.ussdWordSearchShare)} of USSD lists are the caller's village's; ` +
      `${PEAK.listingChangesPerSecond.toLocaleString('en')} listing changes/s (new prices: every list of the product rewritten)`,
  );
  print(
    `  prices: every crop reported in ${NETWORK.markets.toLocaleString('en')} markets (Zipf), each market's book full; ` +
      `${share(PEAK.priceReportsBySms)} of reports by SMS, ${share(PEAK.smsReportsWithoutMarket)} of those without a market`,
  );
  const products = sharded
    .map((p) => {
      const rank = productRank(p);
      return `product #${rank + 1} (${share(POPULATIONS.orderedProduct.probability(rank))} of order lines, ${units(p.wcu)} WCU/s) into ${p.shards}`;
    })
    .join(', ');
  const shape = Object.entries(keys.stockShard('<village>', '<product>', 7))
    .map(([name, value]) => `${name} ${value.replaceAll('7', '<n>')}`)
    .join(', ');
  const ownKey = keys.stockShard('V', 'P', 0).pk !== keys.product('V', 'P').pk;
  print(
    `  stock shards (products whose placeOrder decrements put over ${units(SHARD_LOAD)} WCU/s on one key: ceil(that / ${units(SHARD_LOAD)}), ` +
      `at most ${MAX_STOCK_SHARDS}; order lines and cancellations take them in turn): ${products || 'none'}; ` +
      `a shard's key: ${shape}${ownKey ? '' : " (the product's own partition key: no relief, units count per partition key)"}`,
  );
  print(`  limits per partition key: ${KEY_LIMITS.wcu.toLocaleString('en')} WCU/s, ${KEY_LIMITS.rcu.toLocaleString('en')} RCU/s`);
}

function printOperations(r: ModelResult) {
  print('');
  print("Per request (a transaction's writes count double, each index entry written once; reads 0.5 per 4 KB, 1 if consistent):");
  print(`  ${pad('operation', 42)}${right('per s', 9)}${right('RCU', 10)}${right('WCU table', 11)}${right('WCU index', 11)}`);
  for (const op of r.operations) {
    print(
      `  ${pad(op.name, 42)}${right(units(op.rate), 9)}${right(op.rcu < 100 ? op.rcu.toFixed(1) : units(op.rcu), 10)}${right(op.tableWcu.toFixed(1), 11)}${right(op.indexWcu.toFixed(1), 11)}`,
    );
  }
  const sizes = [...r.itemSizes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, size]) => `${type} ${size.min === size.max ? size.min : `${size.min}-${size.max}`}`)
    .join(', ');
  print(`  item sizes (bytes, by DynamoDB's rules): ${sizes}`);
}

/** The hottest keys, at most two of a pattern (the third and on are counted). */
function printHottest(r: ModelResult) {
  const shown: KeyLoad[] = [];
  const perPattern = new Map<string, number>();
  const overPerPattern = new Map<string, number>();
  for (const key of r.keys) {
    const id = `${key.where} ${key.pattern}`;
    if (utilization(key) > 1) overPerPattern.set(id, (overPerPattern.get(id) ?? 0) + 1);
    if (shown.length < HOTTEST && (perPattern.get(id) ?? 0) < 2) {
      shown.push(key);
      perPattern.set(id, (perPattern.get(id) ?? 0) + 1);
    }
  }
  const width = Math.max(24, ...shown.map((key) => key.pattern.length + 1));
  print('');
  print(`The ${HOTTEST} hottest partition keys (at most two of a pattern):`);
  print(
    `  ${pad('', 3)}${pad('where', 7)}${pad('partition key', width)}${right('WCU/s', 10)}${right('RCU/s', 13)}  ${pad('load', 13)}which; from what`,
  );
  shown.forEach((key, i) => {
    const id = `${key.where} ${key.pattern}`;
    const last = shown.findLastIndex((other) => `${other.where} ${other.pattern}` === id) === i;
    const more = (overPerPattern.get(id) ?? 0) - (perPattern.get(id) ?? 0);
    const which = !isSharded(key.pattern)
      ? key.label
      : key.label === 'one key'
        ? `a shard (the mean shard: ${loadText(shardMean(r, key))})`
        : entityShard(r, key);
    print(
      `  ${pad(String(i + 1), 3)}${pad(key.where, 7)}${pad(key.pattern, width)}${right(units(key.wcu), 10)}${right(units(key.rcu), 13)}  ` +
        `${pad(verdict(key), 13)}${which}${last && more > 0 ? ` (and ${more} more like it over)` : ''}; ${sources(key)}`,
    );
  });
}

/** A key without its shard's number. */
const stem = (pk: string) => pk.replace(/\d+$/, '');

/** A shard of one entity's (a product's stock shards): the entity, and the mean of its shards. */
function entityShard(r: ModelResult, key: KeyLoad): string {
  const shards = r.keys.filter((other) => other.where === key.where && other.pattern === key.pattern && stem(other.pk) === stem(key.pk));
  const mean = shards.reduce((sum, shard) => ({ wcu: sum.wcu + shard.wcu / shards.length, rcu: sum.rcu + shard.rcu / shards.length }), {
    wcu: 0,
    rcu: 0,
  });
  return `${key.label}: a shard of its ${shards.length} (their mean: ${loadText(mean)})`;
}

/** The mean load of a sharded pattern's keys: hashing a sample spreads it less evenly than the real traffic. */
function shardMean(r: ModelResult, key: { where: string; pattern: string }): { wcu: number; rcu: number } {
  const pattern = r.patterns.find((p) => p.where === key.where && p.pattern === key.pattern)!;
  return { wcu: pattern.wcu / pattern.keys, rcu: pattern.rcu / pattern.keys };
}

function printPatterns(r: ModelResult) {
  print('');
  print('Every key pattern, by its hottest key, and all its keys together:');
  print(
    `  ${pad('where', 7)}${pad('pattern', 54)}${right('WCU/s', 10)}${right('RCU/s', 13)}  ${pad('load', 13)}${right('all WCU/s', 11)}${right('RCU/s', 13)}`,
  );
  const line = (
    where: string,
    pattern: string,
    load: { wcu: number; rcu: number },
    note: string,
    all: { wcu: number; rcu: number } | null,
  ) =>
    print(
      `  ${pad(where, 7)}${pad(pattern, 54)}${right(units(load.wcu), 10)}${right(units(load.rcu), 13)}  ${pad(note, 13)}` +
        (all ? `${right(units(all.wcu), 11)}${right(units(all.rcu), 13)}` : ''),
    );
  for (const p of r.patterns.filter((pattern) => pattern.hottest)) {
    const hottest = p.hottest!;
    if (isSharded(p.pattern)) {
      const mean = shardMean(r, p);
      // Shards of entities (a product's stock shards) are counted with their entities.
      const entities =
        hottest.label === 'one key'
          ? 0
          : new Set(r.keys.filter((key) => key.where === p.where && key.pattern === p.pattern).map((key) => stem(key.pk))).size;
      line(p.where, `${p.pattern} (${p.keys} shards)`, hottest, verdict(hottest), p);
      const of = entities ? `, of ${entities} ${p.pattern.includes('<product>') ? 'products' : 'entities'}` : '';
      line('', `  its mean shard${of}`, mean, verdict(mean), null);
    } else {
      line(p.where, p.pattern, hottest, verdict(hottest), p);
    }
  }
  print(
    `  (a sharded pattern's hottest shard also carries the unevenness of hashing a sample of ${r.scenarios.toLocaleString('en')} ids: ` +
      "shards of each event's own id spread real traffic like the mean; shards of a popular entity, such as a crop, do not; " +
      "a product's stock shards are taken in turn, the mean of a uniform pick)",
  );
  // Keys named by an event's own id (an order code, a MessageSid): each gets that one event, whatever the rate.
  const events = new Map<string, PatternLoad[]>();
  for (const p of r.patterns.filter((pattern) => !pattern.hottest)) {
    const kind = `${p.where} ${p.pattern.slice(0, p.pattern.indexOf('<'))}`;
    events.set(kind, [...(events.get(kind) ?? []), p]);
  }
  print("  keys named by an event's own id get that event alone (units of one event, not a second):");
  for (const group of events.values()) {
    const [first] = [...group].sort((a, b) => b.wcu + b.rcu - (a.wcu + a.rcu));
    const most = group.reduce((max, p) => ({ wcu: Math.max(max.wcu, p.eventWcu), rcu: Math.max(max.rcu, p.eventRcu) }), { wcu: 0, rcu: 0 });
    const all = group.reduce((sum, p) => ({ wcu: sum.wcu + p.wcu, rcu: sum.rcu + p.rcu }), { wcu: 0, rcu: 0 });
    const shapes = group.length > 1 ? ` (+${group.length - 1} like it)` : '';
    line(first!.where, `${first!.pattern}${shapes}`, most, 'per event', all);
  }
}

/** The busiest app's keys at the peak: its app item, its budget's shares of the minute, and the hottest token. */
function busiestAppKeys(r: ModelResult) {
  const { app, rate, neededPerMinute } = appAtPeak(0);
  const { shares, perShare } = budgetShares(app);
  const tableKey = (pk: string) => r.keys.find((key) => key.where === 'table' && key.pk === pk);
  const none = { wcu: 0, rcu: 0, pattern: '(not modeled)' };
  const budget = Array.from({ length: shares }, (_, i) => tableKey(keys.appBudget(app.clientId, BUDGET_MINUTE, i).pk) ?? none);
  const budgetAll = budget.reduce((sum, key) => ({ wcu: sum.wcu + key.wcu, rcu: sum.rcu + key.rcu }), { wcu: 0, rcu: 0 });
  const tokens = r.patterns.find((p) => p.where === 'table' && p.pattern.startsWith('TOKEN#'));
  return {
    app,
    rate,
    neededPerMinute,
    shares,
    perShare,
    appKey: tableKey(keys.app(app.clientId).pk) ?? none,
    budgetMean: { wcu: budgetAll.wcu / shares, rcu: budgetAll.rcu / shares },
    budgetHottest: budget.reduce((max, key) => (utilization(key) > utilization(max) ? key : max), none),
    budgetPattern: budget.find((key) => key !== none)?.pattern ?? none.pattern,
    token: tokens?.hottest ?? none,
  };
}

function printApps(r: ModelResult) {
  const b = busiestAppKeys(r);
  const bytes = itemSize(appItem(b.app));
  const readsPerRequest = Math.ceil(bytes / READ_UNIT_BYTES);
  const served = KEY_LIMITS.rcu / readsPerRequest;
  print('');
  print(
    "Apps with OAuth tokens, the busiest app's keys (each request: its token and its app in one strongly consistent BatchGetItem, " +
      "then one UpdateItem on a share of the app's budget of the minute, picked at random):",
  );
  const refused = b.neededPerMinute - b.app.requestsPerMinute;
  print(
    `  app #1: ${count(b.rate)} requests/s, ${count(b.neededPerMinute)} a minute; its budget ${count(b.app.requestsPerMinute)} a minute ` +
      `in ${b.shares} shares of ${count(b.perShare)}` +
      (refused > 0
        ? ` (the most a registration allows is ${count(MAX_REQUESTS_PER_MINUTE)}: NOT enough, ${count(refused)} of its requests a minute answered 429)`
        : ' (enough)'),
  );
  print(
    `  ${pad('table', 7)}${pad(b.appKey.pattern, 34)}${loadText(b.appKey)} (${verdict(b.appKey)}): its item (${bytes} bytes, ` +
      `${readsPerRequest} RCU a strongly consistent read) at every request; one partition serves ~${count(KEY_LIMITS.rcu)} RCU/s, ` +
      `${count(served)} requests/s of one app: ${b.rate <= served ? 'the busiest app fits' : `the busiest app does NOT fit (${count(b.rate)} requests/s)`}`,
  );
  print(
    `  ${pad('table', 7)}${pad(b.budgetPattern, 34)}${loadText(b.budgetMean)} a share (${verdict(b.budgetMean)}), the mean of its ${b.shares}; ` +
      `the sample's hottest share ${loadText(b.budgetHottest)} (a refused request writes too: a failed condition costs its write)`,
  );
  print(
    `  ${pad('table', 7)}${pad(b.token.pattern, 34)}${loadText(b.token)} (${verdict(b.token)}): one token a phone, read at its own requests: not hot`,
  );
}

function printTotals(r: ModelResult) {
  print('');
  const all = [...r.totals.values()].reduce((sum, t) => ({ wcu: sum.wcu + t.wcu, rcu: sum.rcu + t.rcu }), { wcu: 0, rcu: 0 });
  const parts = [...r.totals].map(([where, t]) => `${where} ${units(t.wcu)} WCU/s ${units(t.rcu)} RCU/s`).join('; ');
  print(`Totals: ${units(all.wcu)} WCU/s and ${units(all.rcu)} RCU/s (${parts})`);
  const over = r.keys.filter((key) => utilization(key) > 1);
  const overPatterns = [...new Set(over.map((key) => `${key.where === 'table' ? '' : `${key.where} `}${key.pattern}`))];
  const overEvents = r.patterns.filter((p) => !p.hottest && utilization({ wcu: p.eventWcu, rcu: p.eventRcu }) > 1);
  if (over.length === 0 && overEvents.length === 0) {
    print('Goal (every key within 1,000 WCU/s and 3,000 RCU/s): met.');
  } else {
    print(
      `Goal (every key within 1,000 WCU/s and 3,000 RCU/s): NOT MET, ${over.length.toLocaleString('en')} keys over, of ` +
        `${overPatterns.length} patterns: ${overPatterns.join(', ')}`,
    );
  }
  const apps = busiestAppKeys(r);
  const within = [apps.appKey, apps.budgetMean, apps.budgetHottest, apps.token].every((load) => utilization(load) <= 1);
  print(
    `Goal (the busiest app's item, budget shares and tokens within ${count(KEY_LIMITS.wcu)} WCU/s and ${count(KEY_LIMITS.rcu)} RCU/s): ${met(within)}; ` +
      `its budget covers its peak: ${met(apps.app.requestsPerMinute >= apps.neededPerMinute)}.`,
  );
}

const count = (n: number) => Math.round(n).toLocaleString('en');
const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

function duration(seconds: number): string {
  const whole = Math.ceil(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return [h ? `${h} h` : '', m ? `${m} min` : '', s || whole === 0 ? `${s} s` : ''].filter(Boolean).join(' ');
}

function printFanoutHeader() {
  print('');
  print(
    `Fan-out through the queues, as the messaging design lays it (computed; at ${count(SMS_RATE)} messages a second, ` +
      `${process.env.SMS_MAX_PER_SECOND ? 'SMS_MAX_PER_SECOND' : `the goal's rate (SMS_MAX_PER_SECOND unset)`}; pages of ${FANOUT.pageSize} recipients):`,
  );
  print(
    '  a job lists its phones a page at a time (one Query) and checkpoints its cursor on its item after each page; a sender checks ' +
      "each message's record and reads its member (one BatchGetItem, eventually consistent), sends, and puts the record once as sent",
  );
}

/** What one message costs, item by item: each charge times the charges a message takes. */
function printMessageUnits(r: FanoutResult, note: string) {
  print('  units a message, item by item (a charge x the charges a message takes):');
  const width = Math.max(...r.perMessage.map((line) => line.what.length)) + 2;
  for (const line of r.perMessage) {
    const charge = loadText(line.charge).replaceAll('/s', '');
    const times = line.times === 1 ? '1' : line.times.toFixed(6).replace(/0+$/, '');
    print(
      `    ${pad(line.what, width)}${pad(`${line.where} ${line.pattern}`, 44)}${pad(charge, 14)} x ${pad(times, 10)}= ${(line.wcu + line.rcu).toFixed(3)}`,
    );
  }
  print(`    ${pad('a message in all', width + 44 + 14 + 13)}= ${r.unitsPerMessage.toFixed(3)} (${note})`);
}

/** Every key the fan-out charges, at the rate; a key over its limits gets the shards it needs. */
function printFanoutKeys(r: FanoutResult) {
  print(`  keys at ${count(r.rate)} messages/s:`);
  print(
    `    ${pad('where', 7)}${pad('key', 40)}${right('WCU/s', 9)}${right('RCU/s', 9)}  ${pad('load', 14)}${pad('charged', 16)}one key is enough up to`,
  );
  for (const key of r.keys) {
    const often = key.every === 'page' ? 'every page' : `once a ${key.every}`;
    const upTo = key.limitRate === null ? '' : `${count(key.limitRate)} messages/s`;
    print(
      `    ${pad(key.where, 7)}${pad(key.pattern, 40)}${right(units(key.load.wcu), 9)}${right(units(key.load.rcu), 9)}  ${pad(verdict(key.load), 14)}${pad(often, 16)}${upTo}`,
    );
    if (key.shards > 1) {
      const each = { wcu: key.load.wcu / key.shards, rcu: key.load.rcu / key.shards };
      print(
        `      OVER: one ${key.pattern} cannot take it; spread over ${key.shards} shards (core/db/keys.ts to change): ${loadText(each)} each, ${verdict(each)}`,
      );
    }
  }
  const hottest = r.hottest;
  const within = r.keys.every((key) => utilization(key.load) <= 1);
  print(
    `  hottest key: ${hottest.where} ${hottest.pattern}, ${loadText(hottest.load)} (${verdict(hottest.load)}); ` +
      `goal (every key within ${count(KEY_LIMITS.wcu)} WCU/s and ${count(KEY_LIMITS.rcu)} RCU/s): ${met(within)}` +
      (within ? '' : `; with the shards above: ${met(r.keys.every((key) => utilization(key.load) / key.shards <= 1))}`),
  );
}

function printWeekly(w: WeeklyResult) {
  const r = w.result;
  const mean = FANOUT.weeklySubscribers / w.hours.length;
  const quietest = w.hours.reduce((least, hour) => (hour.phones < least.phones ? hour : least));
  const inTime = w.hours.filter((hour) => hour.phones / r.rate <= FANOUT.weeklyGoalSeconds).length;
  print('');
  print(
    `Weekly prices: ${count(FANOUT.weeklySubscribers)} subscribers in the ${w.hours.length} hours of the week their phones chose ` +
      `(assumed: chosen in local time, UTC+${WEEKLY_SPREAD.utcOffsetHours}; weights of the hours 00-23: ${WEEKLY_SPREAD.hourOfDay.join(' ')}; ` +
      `of the days Monday-Sunday: ${WEEKLY_SPREAD.dayOfWeek.join(' ')})`,
  );
  print(
    `  busiest hour: ${w.busiest.local} (${w.busiest.utc}, the list ${listKeys.weeklyPrices(w.busiest.slot).pk}): ${count(w.busiest.phones)} phones, ` +
      `${share(w.busiest.phones / FANOUT.weeklySubscribers)} of them, ${(w.busiest.phones / mean).toFixed(1)}x the mean hour's ${count(mean)}; ` +
      `the quietest: ${quietest.local}, ${count(quietest.phones)}`,
  );
  print(
    `  time at ${count(r.rate)} messages/s: the busiest hour in ${duration(r.seconds)} (goal: within the hour: ${met(r.seconds <= FANOUT.weeklyGoalSeconds)}); ` +
      `${inTime} of ${w.hours.length} hours within their hour`,
  );
  print(
    `  the busiest hour needs ${count(w.neededRate)} messages/s to be sent within the hour; ${count(r.rate)} messages/s carries ` +
      `${count(r.rate * FANOUT.weeklyGoalSeconds)} phones an hour (${share((r.rate * FANOUT.weeklyGoalSeconds) / FANOUT.weeklySubscribers)} of the subscribers)`,
  );
  print(
    `  today keys.weeklyPrices lists a phone in the hour a hash of it picks (weeklySlotOf): an even ${count(mean)} an hour, ` +
      `${duration(mean / r.rate)} each; for phones to choose, the key must take the hour chosen, not the phone alone`,
  );
  printMessageUnits(
    r,
    `a sent record is ${count(w.recordBytes.min)}-${count(w.recordBytes.max)} bytes over the ${CROPS.length} commodities, every message costed as ${w.commodity}'s`,
  );
  printFanoutKeys(r);
}

function printAlerts(a: AlertResult) {
  const r = a.result;
  const { commodity, market, threshold, currency, unit } = a.watch;
  print('');
  print(
    `Price alerts: one threshold (${commodity} in ${market} rising to ${currency} ${count(threshold)} a ${unit}) crossed for ` +
      `${count(r.recipients)} subscribers at once: one job of ${count(r.pages)} pages`,
  );
  print(
    `  time at ${count(r.rate)} messages/s: ${duration(r.seconds)} (goal: within ${duration(FANOUT.alertGoalSeconds)} at ` +
      `${count(FANOUT.smsPerSecond)} messages/s: ${met(r.seconds <= FANOUT.alertGoalSeconds)}); within the goal from ` +
      `${count(Math.ceil(r.recipients / FANOUT.alertGoalSeconds))} messages/s`,
  );
  printMessageUnits(r, `a sent record is ${count(a.recordBytes)} bytes`);
  printFanoutKeys(r);
}

printHeader();
printOperations(result);
printHottest(result);
printPatterns(result);
printApps(result);
printTotals(result);
printFanoutHeader();
printWeekly(weeklyFanout(SMS_RATE));
printAlerts(alertFanout(SMS_RATE));
