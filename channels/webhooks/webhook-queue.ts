import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookConfig } from '../../core/config/index.js';
import type { Requeue, WebhookMessage } from '../../core/webhooks/index.js';

/** Where app webhooks wait: put there by the stream's notifier, and again by the sender for each retry. */
export interface WebhookQueue {
  queueWebhooks(messages: WebhookMessage[]): Promise<void>;
  requeue: Requeue;
}

/** SQS takes at most 10 messages a batch. */
const SQS_BATCH = 10;

/** The Webhooks queue on SQS (or its local stand-in). A batch entry SQS refuses fails the call: the caller's retry sends it again. */
export function sqsWebhookQueue(config: Pick<WebhookConfig, 'webhooksQueueUrl' | 'sqsEndpoint'>, region: string): WebhookQueue {
  const client = new SQSClient({
    region,
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const send = async (messages: WebhookMessage[], delaySeconds: number) => {
    for (let start = 0; start < messages.length; start += SQS_BATCH) {
      const entries = messages
        .slice(start, start + SQS_BATCH)
        .map((message, i) => ({ Id: String(i), MessageBody: JSON.stringify(message), DelaySeconds: delaySeconds }));
      const { Failed } = await client.send(new SendMessageBatchCommand({ QueueUrl: config.webhooksQueueUrl, Entries: entries }));
      if (Failed?.length)
        throw new Error(`SQS refused ${Failed.length} of ${entries.length} webhooks: ${Failed[0]?.Message ?? Failed[0]?.Code}`);
    }
  };
  return {
    queueWebhooks: (messages) => send(messages, 0),
    requeue: (message, delaySeconds) => send([message], delaySeconds),
  };
}
