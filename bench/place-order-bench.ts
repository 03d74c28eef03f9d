// Places orders through the GraphQL Lambda handler against DynamoDB Local and prints:
// DynamoDB round trips and consumed capacity per order, and the median latency of the whole
// GraphQL call next to the median time spent in the DynamoDB calls it made.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { issueApiKey } from '../core/api-key-service.js';
import { adjustStock } from '../core/catalogue-service.js';
import { functionEnvironment } from '../core/config.js';
import { createStore, ensureTable } from '../core/store.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { DEMO_CENTER_CODE, DEMO_PHONES, seedDemoData } from '../local/seed.js';

const WARMUP = 30;
const ORDERS = 300;
const TABLE = 'bench-orders';
const REGION = 'us-east-1';

interface Call {
  command: string;
  ms: number;
  capacity: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main() {
  const dynamo = await startDynamoDbLocal(null);
  try {
    const seedStore = createStore({ tableName: TABLE, region: REGION, endpoint: dynamo.endpoint });
    await ensureTable(seedStore);
    await seedDemoData(seedStore, new Date());
    const admin = { principal: { kind: 'ADMIN' as const }, store: seedStore, requestId: 'bench', now: () => new Date() };
    await adjustStock(admin, { code: 'RICE5', delta: 100_000 });
    await adjustStock(admin, { code: 'BEANS2', delta: 100_000 });
    const buyerKey = await issueApiKey(seedStore, { kind: 'PHONE', phone: DEMO_PHONES.buyer }, 'bench', new Date());

    Object.assign(process.env, functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: dynamo.endpoint }));
    const { handler } = await import('../functions/graphql.js');
    const { store } = await import('../functions/function-store.js');

    // Every DynamoDB call the handler makes passes through here.
    let calls: Call[] = [];
    store.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
        const consumed = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        calls.push({ command: context.commandName ?? '?', ms: performance.now() - started, capacity: consumed });
        return result;
      },
      { step: 'initialize', name: 'benchTiming' },
    );

    const query = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on PlaceOrderSuccess { data { code total { amount } } } } }`;
    const event = (i: number): APIGatewayProxyEventV2 => ({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyerKey}` },
      requestContext: {
        accountId: 'bench', apiId: 'bench', domainName: 'bench', domainPrefix: 'bench', requestId: randomUUID(), routeKey: '$default', stage: '$default', time: '', timeEpoch: 0,
        http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      },
      body: JSON.stringify({
        query,
        variables: {
          input: {
            serviceCenterId: DEMO_CENTER_CODE,
            lines: [{ productCode: 'RICE5', quantity: 1 }, { productCode: 'BEANS2', quantity: 2 }],
            paymentMethod: 'CASH',
            idempotencyKey: `bench-${i}`,
          },
        },
      }),
      isBase64Encoded: false,
    });
    const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as Context;

    const totals: number[] = [];
    const storage: number[] = [];
    const roundTrips: number[] = [];
    const capacity: number[] = [];
    const commands = new Map<string, number>();
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      calls = [];
      const started = performance.now();
      const result = await handler(event(i), context, () => undefined);
      const elapsed = performance.now() - started;
      const body = JSON.parse((result as { body: string }).body);
      if (body.data?.placeOrder?.__typename !== 'PlaceOrderSuccess') throw new Error(`order ${i} failed: ${JSON.stringify(body)}`);
      if (i < WARMUP) continue;
      totals.push(elapsed);
      storage.push(calls.reduce((sum, call) => sum + call.ms, 0));
      roundTrips.push(calls.length);
      capacity.push(calls.reduce((sum, call) => sum + call.capacity, 0));
      for (const call of calls) commands.set(call.command, (commands.get(call.command) ?? 0) + 1);
    }

    const perOrder = [...commands].map(([name, count]) => `${name} x${(count / ORDERS).toFixed(2)}`).join(', ');
    const graphqlMedian = median(totals);
    const storageMedian = median(storage);
    console.log(`placeOrder through the GraphQL Lambda handler, DynamoDB Local 3.3.1, ${ORDERS} orders of 2 lines (after ${WARMUP} warm-up)`);
    console.log(`  DynamoDB round trips per order: median ${median(roundTrips)}, max ${Math.max(...roundTrips)} (${perOrder})`);
    console.log(`  consumed capacity per order:    median ${median(capacity).toFixed(1)} units (ReturnConsumedCapacity=TOTAL)`);
    console.log(`  whole GraphQL call:             median ${graphqlMedian.toFixed(2)} ms, p95 ${percentile(totals, 0.95).toFixed(2)} ms`);
    console.log(`  its DynamoDB calls:             median ${storageMedian.toFixed(2)} ms, p95 ${percentile(storage, 0.95).toFixed(2)} ms`);
    console.log(`  ratio (overhead over storage):  ${(graphqlMedian / storageMedian).toFixed(2)}x`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
