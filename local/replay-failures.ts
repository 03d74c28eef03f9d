import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { replayFailure } from '../channels/sms/failure-replay.js';
import { sqsQueues } from '../channels/sms/message-queues.js';
import { partnerLookup } from '../channels/sms/notices-of-change.js';
import { sqsWebhookQueue } from '../channels/webhooks/webhook-queue.js';
import { readFunctionConfig, readQueueConfig, readWebhookConfig } from '../core/config/index.js';
import { createStore } from '../core/db/index.js';
import { readStreamRange } from './stream-reader.js';

const USAGE = `Usage: npm run replay-failures
Reads FAILURES_QUEUE_URL, OUTGOING_QUEUE_URL, FANOUT_QUEUE_URL, WEBHOOKS_QUEUE_URL and TABLE_NAME (the stack's outputs; npm start
prints them with SQS_ENDPOINT and DYNAMODB_ENDPOINT), and the AWS credentials of the shell.`;

/**
 * Empties the Failures queue: queues again what each message names (core of it: channels/sms/failure-replay.ts)
 * and deletes the message once it is queued again. A message that cannot be replayed stays for the next run.
 */
export async function replayFailures(env: Record<string, string | undefined> = process.env): Promise<Record<string, number>> {
  const failuresUrl = env.FAILURES_QUEUE_URL;
  if (!failuresUrl) throw new Error(`FAILURES_QUEUE_URL is not set.\n${USAGE}`);
  const config = readFunctionConfig(env);
  const queueConfig = readQueueConfig(env);
  const local = (endpoint: string | undefined) =>
    endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {};
  const sqs = new SQSClient({ region: config.region, ...local(queueConfig.sqsEndpoint) });
  const streams = new DynamoDBStreamsClient({ region: config.region, ...local(config.dynamoEndpoint) });
  const store = createStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });
  const deps = {
    queues: sqsQueues(queueConfig, config.region),
    webhooks: sqsWebhookQueue(readWebhookConfig(env), config.region),
    store,
    partnerOf: partnerLookup(store),
    readStreamRange: readStreamRange.bind(null, streams),
  };
  const tally: Record<string, number> = {};
  try {
    for (;;) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: failuresUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      if (!Messages?.length) return tally;
      for (const message of Messages) {
        const replayed = await replayFailure(message.Body ?? '{}', deps);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: failuresUrl, ReceiptHandle: message.ReceiptHandle }));
        tally[replayed] = (tally[replayed] ?? 0) + 1;
      }
    }
  } finally {
    sqs.destroy();
    streams.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  replayFailures()
    .then((tally) => console.log(Object.keys(tally).length ? `Queued again: ${JSON.stringify(tally)}` : 'The Failures queue is empty.'))
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
