import { beforeAll, describe, expect, it } from 'vitest';
import { budgetShares } from '../../core/apps/index.js';
import {
  CATALOGUE_SHARDS,
  keys,
  OPEN_MOBILE_MONEY_SHARDS,
  PHONE_OUTBOX_SHARDS,
  SELLER_LEDGER_SHARDS,
  SHOP_ORDER_SHARDS,
} from '../../core/db/index.js';
import { alertFanout, FANOUT, type FanoutResult, weeklyFanout } from '../../model/scale-model-fanout.js';
import { type KeyLoad, type ModelResult, utilization } from '../../model/scale-model-load.js';
import { APP_TOKEN_REQUESTS, appAtPeak, BUDGET_MINUTE } from '../../model/scale-model-operations.js';
import { modelPeak } from '../../model/scale-model-peak.js';

// The capacity model at a small scale (a prime number of scenarios a few seconds compute), held to
// DynamoDB's limits per partition key: a shard count in core/db/keys.ts too small for the modeled
// peak, or a changed item that costs more, fails here before it fails in production.

const SCENARIOS = 211;

/**
 * The lists spread over shards by a count of keys.ts, by where they are and their pattern in the
 * model's output. Their items are placed by a hash of each event's own id, so the peak spreads over
 * an entity's shards like their mean (a sample of scenarios hashes less evenly: its hottest shard is
 * not the traffic's). The price index and the weekly slots take no load at the modeled peak.
 */
const SHARDED_LISTS: Record<string, number> = {
  'table MOMO#OPEN#<n>': OPEN_MOBILE_MONEY_SHARDS,
  'gsi1 OUTBOX#<phone>#<n>': PHONE_OUTBOX_SHARDS,
  'gsi2 SHOP#<shop>#<n>': SHOP_ORDER_SHARDS,
  'table SELLER#<phone>#<n>': SELLER_LEDGER_SHARDS,
  'gsi2 OWED#<phone>#<n>': SELLER_LEDGER_SHARDS,
  'table CATALOGUE#<n>': CATALOGUE_SHARDS,
};

const patternOf = (key: Pick<KeyLoad, 'where' | 'pattern'>) => `${key.where} ${key.pattern}`;
/** A shard's key without its number: the entity (or the whole list) its shards belong to. */
const stem = (pk: string) => pk.replace(/\d+$/, '');

interface Load {
  what: string;
  wcu: number;
  rcu: number;
}

/**
 * The load the peak puts on each key: a sharded list's shards at their mean over the list's count; a
 * product's stock shards (taken in turn) at their mean; any other key its own; a key of one event's own
 * (an order, a message) that event's units.
 */
function peakLoads(result: ModelResult): Load[] {
  const entities = new Map<string, { pattern: string; keys: KeyLoad[] }>();
  const loads: Load[] = [];
  for (const key of result.keys) {
    if (!key.pattern.includes('<n>')) {
      loads.push({ what: `${patternOf(key)} (${key.label})`, wcu: key.wcu, rcu: key.rcu });
      continue;
    }
    const id = `${key.where} ${stem(key.pk)}`;
    const entity = entities.get(id) ?? { pattern: patternOf(key), keys: [] };
    entity.keys.push(key);
    entities.set(id, entity);
  }
  for (const { pattern, keys } of entities.values()) {
    const shards = SHARDED_LISTS[pattern] ?? keys.length;
    const sum = (units: 'wcu' | 'rcu') => keys.reduce((total, key) => total + key[units], 0);
    loads.push({
      what: `${pattern} (${keys[0]!.label}: the mean of ${shards} shards)`,
      wcu: sum('wcu') / shards,
      rcu: sum('rcu') / shards,
    });
  }
  for (const p of result.patterns.filter((pattern) => pattern.perEvent)) {
    loads.push({ what: `${patternOf(p)} (one event)`, wcu: p.eventWcu, rcu: p.eventRcu });
  }
  return loads;
}

let result: ModelResult;

beforeAll(() => {
  result = modelPeak(SCENARIOS).result;
});

describe('the capacity model at a small scale', () => {
  it('loads every sharded list of keys.ts, so that each shard count is held below', () => {
    const modeled = new Set(result.patterns.map(patternOf));
    expect(Object.keys(SHARDED_LISTS).filter((pattern) => !modeled.has(pattern))).toEqual([]);
  });

  it('keeps every partition key within 1,000 WCU/s and 3,000 RCU/s at the peak', () => {
    const loads = peakLoads(result);
    expect(loads.length).toBeGreaterThan(100);
    const over = loads
      .filter((load) => utilization(load) > 1)
      .map((load) => `${load.what}: ${Math.round(load.wcu)} WCU/s, ${Math.round(load.rcu)} RCU/s`);
    expect(over).toEqual([]);
  });
});

describe("apps' OAuth requests at the peak", () => {
  const busiest = appAtPeak(0);
  const tableKey = (pk: string) => result.keys.find((key) => key.where === 'table' && key.pk === pk);

  it('reads the busiest app item once a request, strongly consistent, within one key', () => {
    expect(busiest.rate).toBeGreaterThan(0.1 * APP_TOKEN_REQUESTS);
    const app = tableKey(keys.app(busiest.app.clientId).pk);
    expect(app?.pattern).toBe('APP#app-<app>');
    // One unit a request: the app's item is under 4 KB and read strongly consistent (the sample's draws: within 5%).
    expect(app!.rcu / busiest.rate).toBeGreaterThan(0.95);
    expect(app!.rcu / busiest.rate).toBeLessThan(1.05);
    expect(app!.wcu).toBe(0);
    expect(utilization(app!)).toBeLessThanOrEqual(1);
  });

  it("counts each request on one share of its app's budget of the minute, each share well within a key", () => {
    const { shares } = budgetShares(busiest.app);
    expect(shares).toBe(Math.ceil(busiest.app.requestsPerMinute / 1000));
    const budget = Array.from({ length: shares }, (_, i) => tableKey(keys.appBudget(busiest.app.clientId, BUDGET_MINUTE, i).pk));
    const counted = budget.filter((key) => key !== undefined);
    expect(counted.length).toBeGreaterThan(1);
    expect(counted.every((key) => key.pattern === 'BUDGET#app-<app>#<minute>#<n>')).toBe(true);
    const writes = counted.reduce((sum, key) => sum + key.wcu, 0);
    expect(writes / busiest.rate).toBeGreaterThan(0.95);
    expect(writes / busiest.rate).toBeLessThan(1.05);
    expect(writes / shares).toBeLessThan(0.1 * 1000);
  });

  it('reads one token a phone, on a key of its own that is not hot', () => {
    const tokens = result.patterns.find((p) => p.where === 'table' && p.pattern === 'TOKEN#<token hash>');
    expect(tokens?.rcu).toBeCloseTo(APP_TOKEN_REQUESTS, -1);
    expect(tokens!.hottest!.rcu).toBeLessThan(1);
  });
});

// The fan-outs' goals, as the messaging work states them: at 200 messages a second, every hour's
// weekly prices within that hour and one threshold's 100,000 alerts within 10 minutes, every key
// within DynamoDB's limits.
const GOAL_RATE = 200;
const HOUR = 3_600;
const ALERTS_WITHIN = 600;

const overLimits = (r: FanoutResult) =>
  r.keys
    .filter((key) => utilization(key.load) > 1)
    .map((key) => `${key.where} ${key.pattern}: ${key.load.wcu} WCU/s, ${key.load.rcu} RCU/s`);

describe("the fan-outs at the provider's rate", () => {
  const weekly = weeklyFanout(GOAL_RATE);
  const alerts = alertFanout(GOAL_RATE);

  it('spreads 10 million weekly subscribers over every hour of the week, unevenly', () => {
    const phones = weekly.hours.reduce((sum, hour) => sum + hour.phones, 0);
    expect(weekly.hours).toHaveLength(7 * 24);
    expect(Math.abs(phones - 10_000_000)).toBeLessThanOrEqual(weekly.hours.length);
    expect(weekly.busiest.phones).toBe(Math.max(...weekly.hours.map((hour) => hour.phones)));
    // Phones choose mornings and evenings: the busiest hour holds several mean hours.
    expect(weekly.busiest.phones).toBeGreaterThan((3 * phones) / weekly.hours.length);
    expect(weekly.result.recipients).toBe(weekly.busiest.phones);
  });

  it("sends every hour's weekly prices within that hour at 200 messages a second", () => {
    const late = weekly.hours.filter((hour) => hour.phones / GOAL_RATE > HOUR).map((hour) => hour.local);
    expect(late).toEqual([]);
    expect(weekly.result.seconds).toBeLessThanOrEqual(HOUR);
    expect(weekly.neededRate).toBe(Math.ceil(weekly.busiest.phones / HOUR));
    expect(weekly.neededRate).toBeLessThanOrEqual(GOAL_RATE);
  });

  it("sends one threshold's 100,000 alerts within 10 minutes at 200 messages a second", () => {
    expect(alerts.result.recipients).toBe(100_000);
    expect(alerts.result.seconds).toBeLessThanOrEqual(ALERTS_WITHIN);
  });

  it('keeps every key of both fan-outs within 1,000 WCU/s and 3,000 RCU/s', () => {
    const charged = (r: FanoutResult) => r.keys.map((key) => `${key.where} ${key.pattern}`);
    expect(charged(weekly.result)).toEqual(
      expect.arrayContaining([
        'table WEEKLY#<hour>',
        'table JOB#<job>',
        'table OUTBOX#<message>',
        'gsi1 OUTBOX#<phone>#<n>',
        'table MEMBER#<phone>',
      ]),
    );
    expect(charged(alerts.result)).toEqual(expect.arrayContaining(['table ALERTSUB#<crop>#<market>#kg#TZS#RISE', 'table JOB#<job>']));
    expect([...overLimits(weekly.result), ...overLimits(alerts.result)]).toEqual([]);
  });

  it("costs a message by DynamoDB's rules: two eventually consistent reads, its record and its index entry by the KB", () => {
    for (const [r, bytes] of [
      [weekly.result, weekly.recordBytes.max],
      [alerts.result, alerts.recordBytes],
    ] as const) {
      const sender = r.perMessage.filter((line) => line.times === 1);
      const writes = Math.ceil(bytes / 1024);
      expect(sender.map((line) => [line.where, line.charge.wcu, line.charge.rcu])).toEqual([
        ['table', 0, 0.5],
        ['table', 0, 0.5],
        ['table', writes, 0],
        ['gsi1', writes, 0],
      ]);
      // The job's work is shared by its recipients: once a page, or once a run per commodity: never once a message.
      const job = r.perMessage.filter((line) => line.times < 1);
      expect(job.length).toBeGreaterThan(0);
      expect(job.every((line) => line.times <= 1 / (FANOUT.pageSize - 1))).toBe(true);
      const sum = r.perMessage.reduce((total, line) => total + (line.charge.wcu + line.charge.rcu) * line.times, 0);
      expect(r.unitsPerMessage).toBeCloseTo(sum, 9);
      expect(r.unitsPerMessage).toBeGreaterThan(1 + 2 * writes);
    }
  });

  it('spreads a list read faster than one key serves over the shards it needs', () => {
    const fast = alertFanout(1_000_000);
    const list = fast.result.keys.find((key) => key.pattern.startsWith('ALERTSUB#'))!;
    expect(utilization(list.load)).toBeGreaterThan(1);
    expect(list.shards).toBeGreaterThan(1);
    expect(utilization(list.load) / list.shards).toBeLessThanOrEqual(0.8);
    expect(list.limitRate).toBeLessThan(1_000_000);
  });
});
