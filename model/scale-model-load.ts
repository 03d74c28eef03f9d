// The aggregator: runs every operation over its scenarios and sums, per partition key of the table
// and of each index, the units a second that land on it.
import { type Access, type Charge, chargesOf, type Item, indexNames, itemSize, KEY_LIMITS } from './scale-model-capacity.js';
import { Scenario } from './scale-model-network.js';
import type { Operation } from './scale-model-operations.js';

/** Units a second on one partition key. */
export interface KeyLoad {
  where: string;
  pk: string;
  /** The key with its ids named by kind: `PRODUCT#<product>`. */
  pattern: string;
  /** What the key's ids are: "product #1 (6.95% of order lines)", or "one key" when it names none. */
  label: string;
  wcu: number;
  rcu: number;
  byOperation: Map<string, { wcu: number; rcu: number }>;
}

/** Every key of one shape together. */
export interface PatternLoad {
  where: string;
  pattern: string;
  /** The whole pattern, all its keys. */
  wcu: number;
  rcu: number;
  /** A key that names an event's own id (an order code, a MessageSid) gets only that event: its units, not a rate. */
  perEvent: boolean;
  eventWcu: number;
  eventRcu: number;
  /** The key of the pattern with the highest share of its limits (none for per-event patterns). */
  hottest: KeyLoad | null;
  /** How many of its keys the scenarios touched. */
  keys: number;
}

/** What one request of an operation costs on average. */
export interface OperationCost {
  name: string;
  rate: number;
  rcu: number;
  tableWcu: number;
  indexWcu: number;
}

export interface ModelResult {
  scenarios: number;
  keys: KeyLoad[];
  patterns: PatternLoad[];
  operations: OperationCost[];
  /** Units a second on the table and on each index. */
  totals: Map<string, { wcu: number; rcu: number }>;
  /** Sizes of the items the operations read and write, by their `type`: smallest and largest. */
  itemSizes: Map<string, { min: number; max: number }>;
}

/** The share of its limits a key uses: 1 is at the limit. */
export const utilization = (load: { wcu: number; rcu: number }) => Math.max(load.wcu / KEY_LIMITS.wcu, load.rcu / KEY_LIMITS.rcu);

const SEPARATOR = /([#:-])/;

interface Naming {
  pattern: string;
  label: () => string;
  /** How many keys as likely as this one the scenario stands for. */
  multiplicity: number;
  perEvent: boolean;
}

/** Names a partition key by the ids the scenario drew (`named` remembers the scenario's keys named so far). */
function nameKey(pk: string, draw: Scenario, named: Map<string, Naming>): Naming {
  let naming = named.get(pk);
  if (!naming) {
    naming = nameKeyAnew(pk, draw);
    named.set(pk, naming);
  }
  return naming;
}

function nameKeyAnew(pk: string, draw: Scenario): Naming {
  let pattern = pk;
  let perEvent = false;
  for (const [id, kind] of draw.uniques) {
    if (pattern.includes(id)) {
      pattern = pattern.split(id).join(`<${kind}>`);
      perEvent = true;
    }
  }
  let multiplicity = 1;
  const labels: (() => string)[] = [];
  const seen = new Set<string>();
  pattern = pattern
    .split(SEPARATOR)
    .map((token) => {
      const taint = draw.taints.get(token);
      if (taint) {
        if (!seen.has(token)) {
          seen.add(token);
          multiplicity *= taint.multiplicity;
          labels.push(taint.label);
        }
        return `<${taint.kind}>`;
      }
      // A number the scenario did not draw: a shard, most likely.
      return /^\d+$/.test(token) ? '<n>' : token;
    })
    .join('');
  return { pattern, label: () => labels.map((label) => label()).join(', ') || 'one key', multiplicity, perEvent };
}

export function runModel(operations: Operation[], scenarios: number): ModelResult {
  const keys = new Map<string, KeyLoad>();
  const patterns = new Map<string, PatternLoad>();
  const totals = new Map<string, { wcu: number; rcu: number }>(['table', ...indexNames].map((where) => [where, { wcu: 0, rcu: 0 }]));
  const itemSizes = new Map<string, { min: number; max: number }>();
  const costs: OperationCost[] = [];

  const noteSize = (item: Item | null) => {
    if (!item || typeof item.type !== 'string') return;
    const size = itemSize(item);
    const known = itemSizes.get(item.type);
    itemSizes.set(item.type, { min: Math.min(known?.min ?? size, size), max: Math.max(known?.max ?? size, size) });
  };
  const noteSizes = (access: Access) => {
    if (access.kind === 'write') [access.before, access.after].forEach(noteSize);
    else if (access.kind === 'get' && access.found) noteSize(access.item);
  };

  operations.forEach((operation, number) => {
    const weight = operation.rate / scenarios;
    const cost: OperationCost = { name: operation.name, rate: operation.rate, rcu: 0, tableWcu: 0, indexWcu: 0 };
    for (let i = 0; i < scenarios; i++) {
      const draw = new Scenario(i, scenarios, number);
      const named = new Map<string, Naming>();
      const event = new Map<string, { pattern: PatternLoad; wcu: number; rcu: number }>();
      for (const access of operation.run(draw)) {
        if (i % 97 === 0) noteSizes(access);
        for (const charge of chargesOf(access)) {
          cost.rcu += charge.rcu / scenarios;
          if (charge.where === 'table') cost.tableWcu += charge.wcu / scenarios;
          else cost.indexWcu += charge.wcu / scenarios;
          const total = totals.get(charge.where)!;
          total.wcu += charge.wcu * weight;
          total.rcu += charge.rcu * weight;
          account(charge, nameKey(charge.pk, draw, named), weight, operation.name, event);
        }
      }
      // A key of the event's own gets all its units from this one event.
      for (const { pattern, wcu, rcu } of event.values()) {
        pattern.eventWcu = Math.max(pattern.eventWcu, wcu);
        pattern.eventRcu = Math.max(pattern.eventRcu, rcu);
      }
    }
    costs.push(cost);
  });

  function account(
    charge: Charge,
    naming: Naming,
    weight: number,
    operation: string,
    event: Map<string, { pattern: PatternLoad; wcu: number; rcu: number }>,
  ) {
    const patternId = `${charge.where} ${naming.pattern}`;
    let pattern = patterns.get(patternId);
    if (!pattern) {
      pattern = {
        where: charge.where,
        pattern: naming.pattern,
        wcu: 0,
        rcu: 0,
        perEvent: false,
        eventWcu: 0,
        eventRcu: 0,
        hottest: null,
        keys: 0,
      };
      patterns.set(patternId, pattern);
    }
    pattern.wcu += charge.wcu * weight;
    pattern.rcu += charge.rcu * weight;
    const keyId = `${charge.where} ${charge.pk}`;
    if (naming.perEvent) {
      pattern.perEvent = true;
      const units = event.get(keyId) ?? { pattern, wcu: 0, rcu: 0 };
      units.wcu += charge.wcu;
      units.rcu += charge.rcu;
      event.set(keyId, units);
      return;
    }
    let key = keys.get(keyId);
    if (!key) {
      key = { where: charge.where, pk: charge.pk, pattern: naming.pattern, label: naming.label(), wcu: 0, rcu: 0, byOperation: new Map() };
      keys.set(keyId, key);
    }
    const share = weight / naming.multiplicity;
    key.wcu += charge.wcu * share;
    key.rcu += charge.rcu * share;
    const byOperation = key.byOperation.get(operation) ?? { wcu: 0, rcu: 0 };
    byOperation.wcu += charge.wcu * share;
    byOperation.rcu += charge.rcu * share;
    key.byOperation.set(operation, byOperation);
  }

  for (const key of keys.values()) {
    const pattern = patterns.get(`${key.where} ${key.pattern}`)!;
    pattern.keys += 1;
    if (!pattern.hottest || utilization(key) > utilization(pattern.hottest)) pattern.hottest = key;
  }
  const byLoad = (a: { wcu: number; rcu: number }, b: { wcu: number; rcu: number }) => utilization(b) - utilization(a);
  const patternLoad = (p: PatternLoad) => (p.hottest ? p.hottest : { wcu: p.eventWcu, rcu: p.eventRcu });
  return {
    scenarios,
    keys: [...keys.values()].sort(byLoad),
    patterns: [...patterns.values()].sort((a, b) => byLoad(patternLoad(a), patternLoad(b))),
    operations: costs,
    totals,
    itemSizes,
  };
}
