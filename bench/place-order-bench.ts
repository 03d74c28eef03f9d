// Places orders through the GraphQL Lambda handler against DynamoDB Local and prints:
// DynamoDB round trips and consumed capacity per order, and the median latency of the whole
// GraphQL call next to the median time spent in the DynamoDB calls it made.
import { issueApiKey } from '../core/access/index.js';
import { functionEnvironment } from '../local/local-settings.js';
import { DEMO_CENTER_CODE, DEMO_PHONES } from '../local/seed.js';
import { httpApiPost, lambdaContext, median, ms, percentile, REGION, recordDynamoCalls, startSeededDynamo } from './bench-support.js';

const WARMUP = 30;
const ORDERS = 300;
const TABLE = 'bench-orders';

const { dynamo, store: seedStore, villageId } = await startSeededDynamo(TABLE, ['RICE5', 'BEANS2']);
try {
  const buyerKey = await issueApiKey(seedStore, { kind: 'PHONE', phone: DEMO_PHONES.buyer }, 'bench', new Date());

  Object.assign(process.env, functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: dynamo.endpoint }));
  const { handler } = await import('../functions/graphql.js');
  const { store } = await import('../functions/function-instance.js');
  const recorder = recordDynamoCalls(store);

  const query = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on PlaceOrderSuccess { data { code total { amount } } } } }`;
  const request = (body: unknown) =>
    httpApiPost('/graphql', { 'content-type': 'application/json', authorization: `Bearer ${buyerKey}` }, JSON.stringify(body));
  const event = (i: number) =>
    request({
      query,
      variables: {
        input: {
          serviceCenterId: DEMO_CENTER_CODE,
          lines: [
            // Product ids, as an app has them from a list: the order reads no center first.
            { productCode: `RICE5.${villageId}`, quantity: 1 },
            { productCode: `BEANS2.${villageId}`, quantity: 2 },
          ],
          paymentMethod: 'CASH',
          idempotencyKey: `bench-${i}`,
        },
      },
    });
  const context = lambdaContext;

  const totals: number[] = [];
  const storage: number[] = [];
  const roundTrips: number[] = [];
  const capacity: number[] = [];
  const commands = new Map<string, number>();
  for (let i = 0; i < WARMUP + ORDERS; i++) {
    recorder.take();
    const started = performance.now();
    const result = await handler(event(i), context, () => undefined);
    const elapsed = performance.now() - started;
    const calls = recorder.take();
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
  console.log(`placeOrder through the GraphQL Lambda handler, DynamoDB Local, ${ORDERS} orders of 2 lines (after ${WARMUP} warm-up)`);
  console.log(`  DynamoDB round trips per order: median ${median(roundTrips)}, max ${Math.max(...roundTrips)} (${perOrder})`);
  console.log(`  consumed capacity per order:    median ${median(capacity).toFixed(1)} units (ReturnConsumedCapacity=TOTAL)`);
  console.log(`  whole GraphQL call:             median ${ms(median(totals))}, p95 ${ms(percentile(totals, 0.95))}`);
  console.log(`  its DynamoDB calls:             median ${ms(median(storage))}, p95 ${ms(percentile(storage, 0.95))}`);
  console.log(`  ratio (overhead over storage):  ${(median(totals) / median(storage)).toFixed(2)}x`);

  // A list with its related objects: the orders, then their shops and centers, one batch per kind.
  const listQuery = '{ myOrders(first: 50) { ... on MyOrdersSuccess { data { nodes { code shop { name } serviceCenter { name } } } } } }';
  recorder.take();
  const listed = JSON.parse(((await handler(request({ query: listQuery }), context, () => undefined)) as { body: string }).body);
  const listCalls = recorder.take();
  console.log(`myOrders(first: 50) with each order's shop and service center, through the same handler`);
  console.log(
    `  orders listed: ${listed.data.myOrders.data.nodes.length}; DynamoDB round trips: ${listCalls.length} (${listCalls.map((call) => call.command).join(', ')}); goal at most 3`,
  );
} finally {
  await dynamo.stop();
}
