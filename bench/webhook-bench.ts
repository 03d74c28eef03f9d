// An app's webhook for a new order, from the table's stream to the endpoint's 200, and prints its cost
// in capacity units item by item (by DynamoDB's rules, as the order benchmark counts them): what the
// notifier reads to find the apps it goes to, and what the webhook sender reads and writes to send it
// once and record the attempt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { partnerLookup } from '../channels/sms/notices-of-change.js';
import { webhooksOfChange } from '../channels/webhooks/webhooks-of-change.js';
import { registerApp } from '../core/apps/index.js';
import { createStore } from '../core/db/index.js';
import { placeOrder } from '../core/orders/index.js';
import { deliverWebhook, webhookPost } from '../core/webhooks/index.js';
import { DEMO_CENTER_CODE, DEMO_PHONES } from '../local/seed.js';
import { openStreamReader } from '../local/stream-reader.js';
import { ok, REGION, recordDynamoCalls, startSeededDynamo } from './bench-support.js';
import { type ItemAt, sumUnits, type UnitLine, unitsOfCalls } from './request-units.js';

const TABLE = 'bench-webhooks';

function printUnits(title: string, lines: UnitLine[]) {
  const width = Math.max(...lines.map((line) => line.request.length)) + 2;
  console.log(`  ${title}:`);
  for (const line of lines) console.log(`    ${line.request.padEnd(width)}${line.item.padEnd(72)}${line.units.toFixed(1).padStart(5)}`);
  console.log(`    ${'total'.padEnd(width + 72)}${sumUnits(lines).toFixed(1).padStart(5)}`);
}

const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200).end());
});
await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
const { dynamo, store: seedStore, admin } = await startSeededDynamo(TABLE, ['RICE5']);
try {
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const { app } = ok(
    await registerApp(
      admin,
      { name: 'Bench app', scopes: ['orders.write'], webhook: { url, events: ['order.created', 'order.updated'] } },
      true,
    ),
    'registerApp',
  );
  const buyer = {
    ...admin,
    principal: { kind: 'PHONE' as const, phone: DEMO_PHONES.buyer, via: { clientId: app.clientId, scopes: ['orders.write'] } },
  };
  const order = ok(
    await placeOrder(buyer, {
      serviceCenterId: DEMO_CENTER_CODE,
      lines: [{ productCode: 'RICE5', quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'bench-1',
    }),
    'placeOrder',
  );
  const reader = await openStreamReader(seedStore, dynamo.endpoint, REGION);
  const records: DynamoDBRecord[] = [];
  for (let batches = await reader.read(); batches.length > 0; batches = await reader.read())
    records.push(...batches.flatMap((batch) => batch.records));
  reader.close();
  const created = records.find((record) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.code?.S === order.code)!;

  // A store of its own, so that only the webhook's calls are recorded.
  const store = createStore({ tableName: TABLE, region: REGION, endpoint: dynamo.endpoint });
  const recorder = recordDynamoCalls(store);
  const [message] = await webhooksOfChange(created, store, partnerLookup(store));
  const notifierCalls = recorder.take();
  const started = performance.now();
  const step = await deliverWebhook({ store, post: webhookPost(true), requeue: async () => {}, now: () => new Date() }, message!);
  const senderMs = performance.now() - started;
  const senderCalls = recorder.take();
  const itemAt: ItemAt = async (key) =>
    (await seedStore.doc.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item ?? null;
  const notifier = await unitsOfCalls(notifierCalls, itemAt);
  const sender = await unitsOfCalls(senderCalls, itemAt);
  console.log(
    `A webhook delivery (order.created of ${order.code} to one app, delivered at the first attempt: ${step}, ${senderMs.toFixed(1)} ms), item by item by DynamoDB's rules:`,
  );
  printUnits(`the notifier, from the stream record: the apps it goes to (${notifierCalls.length} calls)`, notifier);
  printUnits(`the webhook sender: the delivery recorded, its app read, the attempt recorded (${senderCalls.length} calls)`, sender);
  console.log(
    `  one delivery in all: ${(sumUnits(notifier) + sumUnits(sender)).toFixed(1)} units; each retry adds the sender's reads and one attempt's write`,
  );
} finally {
  receiver.close();
  await dynamo.stop();
}
