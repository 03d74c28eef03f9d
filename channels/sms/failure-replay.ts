import type { DynamoDBRecord } from 'aws-lambda';
import type { Store } from '../../core/db/index.js';
import type { PartnerOf } from '../../core/orders/index.js';
import type { WebhookMessage } from '../../core/webhooks/index.js';
import type { WebhookQueue } from '../webhooks/webhook-queue.js';
import { webhooksOfChange } from '../webhooks/webhooks-of-change.js';
import type { FanoutMessage, MessageQueues, OutgoingPage } from './message-queues.js';
import { effectsOfChange } from './notices-of-change.js';

/** Where a stream batch that failed for good lies in the stream: what Lambda sends the Failures queue. */
export interface StreamBatchInfo {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
}

export interface ReplayDeps {
  queues: MessageQueues;
  webhooks: Pick<WebhookQueue, 'queueWebhooks'>;
  /** Where a replayed stream batch's webhooks find their apps. */
  store: Store;
  partnerOf: PartnerOf;
  /** The records of a failed stream batch, read again (the stream keeps them 24 hours). */
  readStreamRange: (batch: StreamBatchInfo) => Promise<DynamoDBRecord[]>;
}

/** What a message of the Failures queue was, once queued again; 'other' is a scheduled run's failure, which its next run makes good. */
export type Replayed = 'stream batch' | 'page' | 'job' | 'webhook' | 'other';

/**
 * Queues again what one message of the Failures queue names: a failed stream batch's notifications
 * jobs and app webhooks, worked out again from its records; a page of notifications, a job or a
 * webhook the queues gave up on, as it was (a webhook's delivery drops it if its attempt is recorded). Each notification is recorded once when sent, so replaying what partly went out
 * sends only what was missed.
 */
export async function replayFailure(body: string, deps: ReplayDeps): Promise<Replayed> {
  const failure = JSON.parse(body) as Partial<{ DDBStreamBatchInfo: StreamBatchInfo } & OutgoingPage & FanoutMessage & WebhookMessage>;
  if (failure.DDBStreamBatchInfo) {
    for (const record of await deps.readStreamRange(failure.DDBStreamBatchInfo)) {
      const { notices, jobs } = await effectsOfChange(record, deps.partnerOf);
      if (notices.length > 0) await deps.queues.sendPages([{ notices }]);
      if (jobs.length > 0) await deps.queues.startJobs(jobs);
      const webhooks = await webhooksOfChange(record, deps.store, deps.partnerOf);
      if (webhooks.length > 0) await deps.webhooks.queueWebhooks(webhooks);
    }
    return 'stream batch';
  }
  if (failure.clientId && failure.body !== undefined) {
    await deps.webhooks.queueWebhooks([failure as WebhookMessage]);
    return 'webhook';
  }
  if (failure.notices) {
    await deps.queues.sendPages([{ notices: failure.notices }]);
    return 'page';
  }
  if (failure.job) {
    await deps.queues.startJobs([failure.job]);
    return 'job';
  }
  return 'other';
}
