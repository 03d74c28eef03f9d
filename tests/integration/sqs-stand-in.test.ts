import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  MessageNotInflight,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueuePoller } from '../../local/queue-poller.js';
import { type SqsStandIn, startSqsStandIn } from '../../local/sqs-stand-in.js';

const REGION = 'eu-west-1';
// The clock the stand-in's messages live by: tests move it on instead of waiting out visibility timeouts.
let time = Date.parse('2026-03-02T10:00:00Z');
let standIn: SqsStandIn;
let sqs: SQSClient;
let queues = 0;

beforeAll(async () => {
  standIn = await startSqsStandIn(REGION, () => time);
  sqs = new SQSClient({ region: REGION, endpoint: standIn.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  sqs.destroy();
  await standIn.stop();
});

async function attributes(queueUrl: string): Promise<Record<string, string>> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return Attributes ?? {};
}

/** A queue of its own for each test, with a dead-letter queue when `maxReceiveCount` is given. */
async function createQueue(visibilityTimeout: number, maxReceiveCount?: number) {
  queues += 1;
  let deadLetterUrl = '';
  const queueAttributes: Record<string, string> = { VisibilityTimeout: String(visibilityTimeout) };
  if (maxReceiveCount) {
    deadLetterUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `failures-${queues}` }))).QueueUrl!;
    const deadLetterTargetArn = (await attributes(deadLetterUrl)).QueueArn;
    queueAttributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
  }
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `outgoing-${queues}`, Attributes: queueAttributes }));
  return { queueUrl: QueueUrl!, deadLetterUrl };
}

async function receive(queueUrl: string, max = 10) {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: max, MessageSystemAttributeNames: ['All'] }),
  );
  return Messages ?? [];
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

describe('the SQS stand-in, driven by the SQS client', () => {
  it('hides a received message for the visibility timeout, then hands it out again with its count up and a new receipt handle', async () => {
    const { queueUrl } = await createQueue(30);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'page 1' }));
    const sentAt = time;

    const [first] = await receive(queueUrl);
    expect(first).toMatchObject({ MessageId: sent.MessageId, Body: 'page 1' });
    expect(first?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SentTimestamp: String(sentAt) });
    expect(await receive(queueUrl)).toEqual([]);
    expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });

    time += 29_000;
    expect(await receive(queueUrl)).toEqual([]);
    time += 1_000;
    const [second] = await receive(queueUrl);
    expect(second).toMatchObject({ MessageId: sent.MessageId, Body: 'page 1' });
    expect(second?.Attributes).toMatchObject({ ApproximateReceiveCount: '2', SentTimestamp: String(sentAt) });
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
  });

  it('deletes a message only with the receipt handle of its latest receive; an earlier one is accepted and ignored', async () => {
    const { queueUrl } = await createQueue(1);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'page 1' }));
    const [first] = await receive(queueUrl);
    time += 1_000;
    const [second] = await receive(queueUrl);

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle }));
    time += 1_000;
    const [third] = await receive(queueUrl);
    expect(third?.MessageId).toBe(second?.MessageId);

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: third!.ReceiptHandle }));
    time += 1_000;
    expect(await receive(queueUrl)).toEqual([]);
    expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('moves a message to the dead-letter queue once it was received maxReceiveCount times', async () => {
    const { queueUrl, deadLetterUrl } = await createQueue(1, 3);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }));
    const counts: string[] = [];
    for (let receives = 0; receives < 4; receives++) {
      for (const message of await receive(queueUrl)) counts.push(message.Attributes?.ApproximateReceiveCount ?? '');
      time += 1_000;
    }

    expect(counts).toEqual(['1', '2', '3']);
    expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    const [dead] = await receive(deadLetterUrl);
    expect(dead).toMatchObject({ MessageId: sent.MessageId, Body: 'poison' });
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe((await attributes(queueUrl)).QueueArn);
    expect(JSON.parse((await attributes(queueUrl)).RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: 3 });
  });

  it('changes the visibility of a message in flight, and refuses for a message that is not', async () => {
    const { queueUrl } = await createQueue(30);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'page 1' }));
    const [first] = await receive(queueUrl);

    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle, VisibilityTimeout: 0 }));
    const [again] = await receive(queueUrl);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');

    time += 30_000;
    await expect(
      sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: again!.ReceiptHandle, VisibilityTimeout: 10 })),
    ).rejects.toBeInstanceOf(MessageNotInflight);
  });

  it('sends and deletes in batches of up to ten, failing a bad entry alone', async () => {
    const { queueUrl } = await createQueue(30);
    const entries = Array.from({ length: 10 }, (_, index) => ({ Id: `m${index}`, MessageBody: `page ${index}` }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    expect(sent.Successful).toHaveLength(10);

    const received = await receive(queueUrl);
    expect(received.map((message) => message.Body)).toEqual(entries.map((entry) => entry.MessageBody));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          ...received.slice(1).map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle })),
          { Id: 'bad', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    expect(deleted.Successful).toHaveLength(9);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true })]);
    time += 30_000;
    expect((await receive(queueUrl)).map((message) => message.Body)).toEqual(['page 0']);

    const eleven = [...entries, { Id: 'm10', MessageBody: 'page 10' }];
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: eleven }))).rejects.toBeInstanceOf(
      TooManyEntriesInBatchRequest,
    );
  });

  it('answers a long poll as soon as a message arrives, and an empty one after its wait', async () => {
    const { queueUrl } = await createQueue(30);
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10 }));
    await new Promise((wait) => setTimeout(wait, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'late' }));
    const { Messages } = await polling;
    expect(Messages?.map((message) => message.Body)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(2000);

    const emptyStarted = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    expect(empty.Messages ?? []).toEqual([]);
    expect(Date.now() - emptyStarted).toBeGreaterThanOrEqual(950);
  });

  it('tells the age of the oldest message, as SQS tells CloudWatch', async () => {
    const { queueUrl } = await createQueue(1);
    expect(standIn.ageOfOldestMessage(queueUrl)).toBe(0);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'old' }));
    time += 40_000;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'new' }));
    time += 5_000;
    expect(standIn.ageOfOldestMessage(queueUrl)).toBe(45);

    const [old] = await receive(queueUrl, 1);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: old!.ReceiptHandle }));
    expect(standIn.ageOfOldestMessage(queueUrl)).toBe(5);
  });

  it('names queues as SQS does', async () => {
    const { queueUrl } = await createQueue(30);
    const name = queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(queueUrl);
    expect((await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '30' } }))).QueueUrl).toBe(queueUrl);
    await expect(sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '5' } }))).rejects.toBeInstanceOf(
      QueueNameExists,
    );
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });
});

describe('the queue poller, as Lambda polls SQS', () => {
  it('deletes what the handler did, and hands the failures in again after the visibility timeout until they go to the dead-letter queue', async () => {
    const { queueUrl, deadLetterUrl } = await createQueue(1, 2);
    const bodies = ['a', 'b', 'bad', 'c'];
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })) }),
    );
    const seen: SQSRecord[] = [];
    const poller = await startQueuePoller(
      { endpoint: standIn.endpoint, region: REGION, queueUrl, functionName: 'sender', batchSize: 10, concurrency: 1 },
      async (event: SQSEvent): Promise<SQSBatchResponse> => {
        seen.push(...event.Records);
        return {
          batchItemFailures: event.Records.filter((record) => record.body === 'bad').map((record) => ({
            itemIdentifier: record.messageId,
          })),
        };
      },
    );
    try {
      await waitFor(() => seen.length === 4);
      await waitFor(async () => (await attributes(queueUrl)).ApproximateNumberOfMessagesNotVisible === '1');
      expect(seen[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: (await attributes(queueUrl)).QueueArn, awsRegion: REGION });
      expect(seen.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '1', '1', '1']);

      time += 1_000;
      await waitFor(() => seen.length === 5);
      expect(seen[4]).toMatchObject({ body: 'bad', attributes: { ApproximateReceiveCount: '2' } });

      time += 1_000;
      await waitFor(async () => (await attributes(deadLetterUrl)).ApproximateNumberOfMessages === '1');
      expect(seen).toHaveLength(5);
      expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    } finally {
      await poller.stop();
    }
  });

  it('leaves the whole batch in the queue when the handler throws or names a record not in it', async () => {
    const { queueUrl } = await createQueue(1);
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ['a', 'b'].map((body) => ({ Id: body, MessageBody: body })) }),
    );
    const batches: string[][] = [];
    const poller = await startQueuePoller(
      { endpoint: standIn.endpoint, region: REGION, queueUrl, functionName: 'sender', batchSize: 10, concurrency: 1 },
      async (event: SQSEvent): Promise<SQSBatchResponse> => {
        batches.push(event.Records.map((record) => `${record.body}${record.attributes.ApproximateReceiveCount}`));
        if (batches.length === 1) throw new Error('the provider is down');
        return { batchItemFailures: batches.length === 2 ? [{ itemIdentifier: 'not-in-this-batch' }] : [] };
      },
    );
    try {
      await waitFor(() => batches.length === 1);
      time += 1_000;
      await waitFor(() => batches.length === 2);
      time += 1_000;
      await waitFor(() => batches.length === 3);
      expect(batches).toEqual([
        ['a1', 'b1'],
        ['a2', 'b2'],
        ['a3', 'b3'],
      ]);
      await waitFor(async () => (await attributes(queueUrl)).ApproximateNumberOfMessagesNotVisible === '0');
      expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0' });
    } finally {
      await poller.stop();
    }
  });

  it('runs at most `concurrency` invocations at once, each with at most `batchSize` records, each message once', async () => {
    const { queueUrl } = await createQueue(30);
    for (let page = 0; page < 3; page++) {
      const entries = Array.from({ length: 10 }, (_, index) => ({ Id: String(index), MessageBody: `message ${page * 10 + index}` }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
    const handled: string[] = [];
    const batchSizes: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const poller = await startQueuePoller(
      { endpoint: standIn.endpoint, region: REGION, queueUrl, functionName: 'sender', batchSize: 4, concurrency: 3 },
      async (event: SQSEvent): Promise<SQSBatchResponse> => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        batchSizes.push(event.Records.length);
        await new Promise((wait) => setTimeout(wait, 50));
        handled.push(...event.Records.map((record) => record.body));
        running -= 1;
        return { batchItemFailures: [] };
      },
    );
    try {
      await waitFor(() => handled.length >= 30);
      expect(mostAtOnce).toBe(3);
      expect(Math.max(...batchSizes)).toBe(4);
      expect(new Set(handled).size).toBe(30);
      await waitFor(async () => (await attributes(queueUrl)).ApproximateNumberOfMessagesNotVisible === '0');
    } finally {
      await poller.stop();
    }
    expect(handled).toHaveLength(30);
  });

  it('stops at once, in the middle of its long polls, and takes nothing after', async () => {
    const { queueUrl } = await createQueue(30);
    let calls = 0;
    const poller = await startQueuePoller(
      { endpoint: standIn.endpoint, region: REGION, queueUrl, functionName: 'sender', batchSize: 10, concurrency: 2 },
      async (): Promise<SQSBatchResponse> => {
        calls += 1;
        return { batchItemFailures: [] };
      },
    );
    await new Promise((wait) => setTimeout(wait, 100));
    const stopping = Date.now();
    await poller.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);

    // A message sent the instant a long poll is abandoned may still go to it (the stand-in has not yet seen the
    // connection close, and SQS gives no promise either); a moment later none does.
    await new Promise((wait) => setTimeout(wait, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'after' }));
    await new Promise((wait) => setTimeout(wait, 200));
    expect(calls).toBe(0);
    expect(await attributes(queueUrl)).toMatchObject({ ApproximateNumberOfMessages: '1' });
  });
});
