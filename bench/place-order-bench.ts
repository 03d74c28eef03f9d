// Places orders through the GraphQL Lambda handler against DynamoDB Local and prints:
// DynamoDB round trips and consumed capacity per order, and the median latency of the whole
// GraphQL call next to the median time spent in the DynamoDB calls it made. Then the capacity of
// one order, item by item by DynamoDB's rules: its own requests, and those of the notifications it
// sets off, worked out from its record in the table's stream and sent as the SMS sender sends them.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { effectsOfChange, partnerLookup } from '../channels/sms/notices-of-change.js';
import { sendNotifications } from '../channels/sms/notification-sender.js';
import type { SmsGateway } from '../channels/sms/sms-gateway.js';
import { issueApiKey } from '../core/access/index.js';
import { keys, type Store } from '../core/db/index.js';
import { functionEnvironment } from '../local/local-settings.js';
import { DEMO_CENTER_CODE, DEMO_PHONES } from '../local/seed.js';
import { openStreamReader } from '../local/stream-reader.js';
import {
  type DynamoCall,
  httpApiPost,
  lambdaContext,
  median,
  ms,
  percentile,
  REGION,
  recordDynamoCalls,
  startSeededDynamo,
} from './bench-support.js';
import { type ItemAt, sumUnits, type UnitLine, unitsOfCalls } from './request-units.js';

const WARMUP = 30;
const ORDERS = 300;
const TABLE = 'bench-orders';
/** The goals, in capacity units by DynamoDB's rules: a 2-line order's own requests, and with the notifications it sets off until recorded as sent. */
const GOALS = { order: 12, withNotifications: 16 };

/** The stream's record of an order's creation: the stream read from its start until it shows up. */
async function creationRecord(store: Store, endpoint: string, code: string): Promise<DynamoDBRecord> {
  const reader = await openStreamReader(store, endpoint, REGION);
  try {
    for (let batches = await reader.read(); batches.length > 0; batches = await reader.read()) {
      const records = batches.flatMap((batch) => batch.records);
      const found = records.find((record) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.pk?.S === keys.order(code).pk);
      if (found) return found;
    }
    throw new Error(`the stream has no record of order ${code}`);
  } finally {
    reader.close();
  }
}

/** A gateway that takes every message. */
const acceptingGateway: SmsGateway = { send: async () => ({ providerId: `SM${randomUUID().replace(/-/g, '')}` }) };

function printUnits(title: string, lines: UnitLine[]) {
  const width = Math.max(...lines.map((line) => line.request.length)) + 2;
  console.log(`  ${title}:`);
  for (const line of lines) console.log(`    ${line.request.padEnd(width)}${line.item.padEnd(72)}${line.units.toFixed(1).padStart(5)}`);
}

const verdict = (units: number, goal: number) => `${units.toFixed(1)} units (goal at most ${goal}: ${units <= goal ? 'met' : 'NOT MET'})`;

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
  let last: { code: string; calls: DynamoCall[] } | null = null;
  for (let i = 0; i < WARMUP + ORDERS; i++) {
    recorder.take();
    const started = performance.now();
    const result = await handler(event(i), context, () => undefined);
    const elapsed = performance.now() - started;
    const calls = recorder.take();
    const body = JSON.parse((result as { body: string }).body);
    if (body.data?.placeOrder?.__typename !== 'PlaceOrderSuccess') throw new Error(`order ${i} failed: ${JSON.stringify(body)}`);
    last = { code: body.data.placeOrder.data.code, calls };
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

  // The last order's requests, and what its record in the stream sets off, sent as the SMS sender does.
  const order = last!;
  const record = await creationRecord(seedStore, dynamo.endpoint, order.code);
  const { notices } = await effectsOfChange(record, partnerLookup(store));
  recorder.take();
  const outcome = await sendNotifications({ store, gateway: acceptingGateway }, notices);
  const senderCalls = recorder.take();
  if ((outcome.tally.SENT ?? 0) !== notices.length)
    throw new Error(`notifications of order ${order.code}: ${JSON.stringify(outcome.tally)}`);
  // The items Updates wrote, read back on the seeding client, whose calls are not recorded.
  const itemAt: ItemAt = async (key) =>
    (await seedStore.doc.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item ?? null;
  const own = await unitsOfCalls(order.calls, itemAt);
  const sending = await unitsOfCalls(senderCalls, itemAt);
  const reported = [...order.calls, ...senderCalls].reduce((sum, call) => sum + call.capacity, 0);
  console.log(
    `A 2-line order's capacity, item by item by DynamoDB's rules (2 units a KB per transactional item, 1 a KB per plain write and per index entry, ` +
      '0.5 per eventually consistent 4 KB read, 1 strongly; computed by this bench from the requests: DynamoDB Local under-reports transactions)',
  );
  printUnits(`order ${order.code}: its own requests (GraphQL placeOrder)`, own);
  printUnits(
    `what its stream record sets off (${notices.map((notice) => notice.notification.kind).join(', ')}), sent and recorded by the SMS sender`,
    sending,
  );
  console.log(`  the order's own requests:                            ${verdict(sumUnits(own), GOALS.order)}`);
  console.log(
    `  the order and its notifications, recorded as sent:   ${verdict(sumUnits(own) + sumUnits(sending), GOALS.withNotifications)}`,
  );
  console.log(`  (DynamoDB Local reports ${reported.toFixed(1)} units for the same ${order.calls.length + senderCalls.length} requests)`);

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
