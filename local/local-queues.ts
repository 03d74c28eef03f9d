import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startSqsStandIn } from './sqs-stand-in.js';

/** As the stack's queues: a page or a job is received this many times before it goes to the Failures queue. */
export const MAX_RECEIVES = 5;
/**
 * As the stack's: 6 times the consumer's timeout (the SMS sender's 120 s, the fan-out's 60 s, the
 * webhook sender's 60 s), so that a page still being sent is never handed to a second sender.
 */
const VISIBILITY_SECONDS = { outgoing: 720, fanout: 360, webhooks: 360 };

/**
 * The notification queues of the stack on a local SQS stand-in: Outgoing (pages of notifications),
 * Fanout (jobs) and Webhooks (app webhooks), each with the Failures queue as its dead-letter queue.
 */
export async function startLocalQueues(region: string, visibilitySeconds = VISIBILITY_SECONDS) {
  const standIn = await startSqsStandIn(region);
  const sqs = new SQSClient({ region, endpoint: standIn.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const create = async (name: string, attributes: Record<string, string>) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  const failures = await create('Failures', {});
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: failures, AttributeNames: ['QueueArn'] }));
  const redrive = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: MAX_RECEIVES });
  const attributes = (seconds: number) => ({ VisibilityTimeout: String(seconds), RedrivePolicy: redrive });
  const urls = {
    outgoing: await create('Outgoing', attributes(visibilitySeconds.outgoing)),
    fanout: await create('Fanout', attributes(visibilitySeconds.fanout)),
    webhooks: await create('Webhooks', attributes(visibilitySeconds.webhooks)),
    failures,
  };
  return {
    endpoint: standIn.endpoint,
    urls,
    /** The settings the functions that queue read (core/config readQueueConfig). */
    environment: {
      OUTGOING_QUEUE_URL: urls.outgoing,
      FANOUT_QUEUE_URL: urls.fanout,
      WEBHOOKS_QUEUE_URL: urls.webhooks,
      SQS_ENDPOINT: standIn.endpoint,
    },
    /** Keeps what failed for good, as the stack's on-failure destinations do. */
    keepFailure: async (body: unknown) => {
      await sqs.send(new SendMessageCommand({ QueueUrl: failures, MessageBody: JSON.stringify(body) }));
    },
    stop: async () => {
      sqs.destroy();
      await standIn.stop();
    },
  };
}

export type LocalQueues = Awaited<ReturnType<typeof startLocalQueues>>;
