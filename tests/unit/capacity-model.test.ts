import { beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOGUE_SHARDS,
  OPEN_MOBILE_MONEY_SHARDS,
  PHONE_OUTBOX_SHARDS,
  SELLER_LEDGER_SHARDS,
  SHOP_ORDER_SHARDS,
} from '../../core/db/index.js';
import { type KeyLoad, type ModelResult, utilization } from '../../model/scale-model-load.js';
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
