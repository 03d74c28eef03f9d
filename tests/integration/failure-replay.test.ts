import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutgoingPage } from '../../channels/sms/message-queues.js';
import type { Store } from '../../core/db/store.js';
import { placeOrder } from '../../core/orders/order-service.js';
import { type LocalQueues, startLocalQueues } from '../../local/local-queues.js';
import { replayFailures } from '../../local/replay-failures.js';
import { STREAM_TRIES, startStreamPoller } from '../../local/stream-poller.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

let queues: LocalQueues;
let store: Store;
let sqs: SQSClient;

beforeAll(async () => {
  queues = await startLocalQueues('us-east-1', { outgoing: 1, fanout: 1, webhooks: 1 });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: queues.endpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  store = await createTestStore();
  await seedCatalogue(store);
});
afterAll(async () => {
  sqs.destroy();
  await queues.stop();
});

/** What a queue holds, taken off it. */
const receiveAll = async (queueUrl: string) => {
  const bodies: string[] = [];
  for (;;) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!Messages?.length) return bodies;
    bodies.push(...Messages.map((message) => message.Body!));
    for (const { ReceiptHandle } of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle }));
  }
};

describe('the Failures queue', () => {
  it('keeps a stream batch the notifier failed on, and a replay queues its notifications again', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('the queues are down');
    };
    const poller = await startStreamPoller(store, inject('dynamoEndpoint'), 'us-east-1', failing, queues.keepFailure);
    const order = ok(
      await placeOrder(contextFor(store, phone(BUYER)), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'RICE5', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: 'replay-1',
      }),
    );
    await expect.poll(async () => calls, { timeout: 20_000 }).toBeGreaterThanOrEqual(STREAM_TRIES);
    // The stream may hand its records over in several batches: each fails for good before the poller goes on.
    for (let seen = -1; seen !== calls; ) {
      seen = calls;
      await new Promise((wait) => setTimeout(wait, 2_000));
    }
    await poller.stop();
    // Nothing reached the Outgoing queue: the seller's message would be lost but for the Failures queue.
    expect(await receiveAll(queues.urls.outgoing)).toEqual([]);

    const tally = await replayFailures({
      ...queues.environment,
      FAILURES_QUEUE_URL: queues.urls.failures,
      TABLE_NAME: store.tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      AWS_REGION: 'us-east-1',
    });
    expect(tally['stream batch']).toBeGreaterThanOrEqual(1);
    const pages = (await receiveAll(queues.urls.outgoing)).map((body) => JSON.parse(body) as OutgoingPage);
    const told = pages.flatMap((page) => page.notices).filter((notice) => notice.notification.kind === 'NEW_ORDER');
    expect(told).toEqual([expect.objectContaining({ to: SELLER, notification: expect.objectContaining({ orderCode: order.code }) })]);
    // The Failures queue is empty once replayed.
    expect(await receiveAll(queues.urls.failures)).toEqual([]);
  });

  it('puts a dead-lettered page back on the Outgoing queue as it was', async () => {
    const page: OutgoingPage = {
      notices: [{ id: 'X-1', to: BUYER, notification: { kind: 'PAYMENT_FAILED', orderCode: 'ABC123', reason: '1032' } }],
    };
    await queues.keepFailure(page);
    const env = { ...queues.environment, FAILURES_QUEUE_URL: queues.urls.failures, TABLE_NAME: store.tableName, AWS_REGION: 'us-east-1' };
    expect(await replayFailures(env)).toEqual({ page: 1 });
    expect((await receiveAll(queues.urls.outgoing)).map((body) => JSON.parse(body))).toEqual([page]);
  });

  it('puts a dead-lettered webhook back on the Webhooks queue as it was', async () => {
    const webhook = {
      id: 'msg_x',
      clientId: 'app-aaaaaaaaaaaaaaaa',
      orderCode: 'ABC123',
      sequence: 2,
      event: 'order.updated',
      body: '{}',
      attempt: 3,
      round: 0,
      notBefore: null,
    };
    await queues.keepFailure(webhook);
    const env = { ...queues.environment, FAILURES_QUEUE_URL: queues.urls.failures, TABLE_NAME: store.tableName, AWS_REGION: 'us-east-1' };
    expect(await replayFailures(env)).toEqual({ webhook: 1 });
    expect((await receiveAll(queues.urls.webhooks)).map((body) => JSON.parse(body))).toEqual([webhook]);
  });
});
