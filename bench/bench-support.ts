import { createStore, ensureTable, type Store } from '../core/db/index.js';
import { type RunningDynamoDb, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { seedDemoData } from '../local/seed.js';

export const REGION = 'us-east-1';

interface DynamoCall {
  command: string;
  ms: number;
  capacity: number;
}

/** A DynamoDB Local with the demo data in a table of the given name. */
export async function startSeededDynamo(tableName: string): Promise<{ dynamo: RunningDynamoDb; store: Store }> {
  const dynamo = await startDynamoDbLocal(null);
  const store = createStore({ tableName, region: REGION, endpoint: dynamo.endpoint });
  await ensureTable(store);
  await seedDemoData(store, new Date());
  return { dynamo, store };
}

/** Records every DynamoDB call made through the store's client: what, how long, what capacity it consumed. */
export function recordDynamoCalls(store: Store): { take: () => DynamoCall[] } {
  let calls: DynamoCall[] = [];
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      const capacity = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      calls.push({ command: context.commandName ?? '?', ms: performance.now() - started, capacity });
      return result;
    },
    { step: 'initialize', name: 'benchTiming' },
  );
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
