import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { RequestContext } from '../core/access/index.js';
import { adjustStock } from '../core/catalogue/index.js';
import { BusinessError } from '../core/common/index.js';
import { createStore, ensureTable, type Store } from '../core/db/index.js';
import { type RunningDynamoDb, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { seedDemoData } from '../local/seed.js';

export const REGION = 'us-east-1';

export interface DynamoCall {
  command: string;
  ms: number;
  capacity: number;
  /** The command's input and output as the document client holds them (plain values, not attribute values). */
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

/** A service's result, or a thrown error naming what failed: a benchmark measures only what worked. */
export function ok<T>(result: T | BusinessError, what: string): T {
  if (result instanceof BusinessError) throw new Error(`${what}: ${result.constructor.name}: ${result.message}`);
  return result;
}

/**
 * DynamoDB Local with the demo data; each of the demo village's `stocked` products gets 100,000 more
 * units, so that a benchmark never runs out. With the demo village's id (the market of the demo
 * products' codes) and an administrator's request context.
 */
export async function startSeededDynamo(tableName: string, stocked: string[] = []) {
  const dynamo: RunningDynamoDb = await startDynamoDbLocal(null);
  const store = createStore({ tableName, region: REGION, endpoint: dynamo.endpoint });
  await ensureTable(store);
  const { villageId } = await seedDemoData(store, new Date());
  const admin: RequestContext = { principal: { kind: 'ADMIN' }, store, requestId: 'bench', now: () => new Date() };
  for (const code of stocked) ok(await adjustStock(admin, { code: `${code}.${villageId}`, delta: 100_000 }), 'adjustStock');
  return { dynamo, store, villageId, admin };
}

/** Records every DynamoDB call made through the store's client: what, with what, how long, what capacity it consumed. */
export function recordDynamoCalls(store: Store): { take: () => DynamoCall[] } {
  let calls: DynamoCall[] = [];
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      // Every data-plane command takes this: the capacity is asked for here, not by the code under test.
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const started = performance.now();
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      const capacity = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      calls.push({
        command: context.commandName ?? '?',
        ms: performance.now() - started,
        capacity,
        input: args.input as Record<string, unknown>,
        output: output as Record<string, unknown>,
      });
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

/** A POST as API Gateway's HTTP API (payload 2.0) hands it to a handler. */
export function httpApiPost(
  path: string,
  headers: Record<string, string>,
  body: string,
  query: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    headers,
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'bench.example',
      domainPrefix: 'bench',
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    },
    body,
    isBase64Encoded: false,
  };
}

export const lambdaContext = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as Context;
