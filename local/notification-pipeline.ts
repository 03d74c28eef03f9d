import type { Context, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Store } from '../core/db/index.js';
import type { LocalQueues } from './local-queues.js';
import { startQueuePoller } from './queue-poller.js';
import { startStreamPoller } from './stream-poller.js';

type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

interface PipelineHandlers {
  notifier: (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
  smsSender: QueueHandler;
  fanout: QueueHandler;
  webhookSender: QueueHandler;
}

/**
 * What the stack's event sources do, locally: the table's stream drives the notifier (a batch that
 * keeps failing goes to the Failures queue), the Outgoing queue drives `senders` SMS senders at once
 * (the stack's reserved concurrency), the Fanout queue drives the fan-out jobs, and the Webhooks queue
 * the webhook sender.
 */
export async function startNotificationPipeline(
  local: { store: Store; dynamoEndpoint: string; region: string; queues: LocalQueues; senders: number },
  handlers: PipelineHandlers,
): Promise<{ stop: () => Promise<void> }> {
  const { store, dynamoEndpoint, region, queues } = local;
  const stream = await startStreamPoller(store, dynamoEndpoint, region, handlers.notifier, queues.keepFailure);
  const poller = (
    queueUrl: string,
    functionName: string,
    batch: { size: number; concurrency: number; timeoutMs: number },
    handler: QueueHandler,
  ) =>
    startQueuePoller(
      {
        endpoint: queues.endpoint,
        region,
        queueUrl,
        functionName,
        batchSize: batch.size,
        concurrency: batch.concurrency,
        timeoutMs: batch.timeoutMs,
      },
      handler,
    );
  // Batch sizes and timeouts as the stack's (infra/constructs/notifications-construct.ts).
  const senders = await poller(
    queues.urls.outgoing,
    'sms-sender',
    { size: 5, concurrency: local.senders, timeoutMs: 120_000 },
    handlers.smsSender,
  );
  const fanout = await poller(queues.urls.fanout, 'fanout', { size: 1, concurrency: 2, timeoutMs: 60_000 }, handlers.fanout);
  const webhooks = await poller(
    queues.urls.webhooks,
    'webhook-sender',
    { size: 10, concurrency: 2, timeoutMs: 60_000 },
    handlers.webhookSender,
  );
  return {
    stop: async () => {
      await stream.stop();
      await Promise.all([senders.stop(), fanout.stop(), webhooks.stop()]);
    },
  };
}
