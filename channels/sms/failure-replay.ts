import type { DynamoDBRecord } from 'aws-lambda';
import type { PartnerOf } from '../../core/orders/index.js';
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
  partnerOf: PartnerOf;
  /** The records of a failed stream batch, read again (the stream keeps them 24 hours). */
  readStreamRange: (batch: StreamBatchInfo) => Promise<DynamoDBRecord[]>;
}

/** What a message of the Failures queue was, once queued again; 'other' is a scheduled run's failure, which its next run makes good. */
export type Replayed = 'stream batch' | 'page' | 'job' | 'other';

/**
 * Queues again what one message of the Failures queue names: a failed stream batch's notifications
 * and jobs, worked out again from its records; a page of notifications or a job the queues gave up
 * on, as it was. Each notification is recorded once when sent, so replaying what partly went out
 * sends only what was missed.
 */
export async function replayFailure(body: string, deps: ReplayDeps): Promise<Replayed> {
  const failure = JSON.parse(body) as Partial<{ DDBStreamBatchInfo: StreamBatchInfo } & OutgoingPage & FanoutMessage>;
  if (failure.DDBStreamBatchInfo) {
    for (const record of await deps.readStreamRange(failure.DDBStreamBatchInfo)) {
      const { notices, jobs } = await effectsOfChange(record, deps.partnerOf);
      if (notices.length > 0) await deps.queues.sendPages([{ notices }]);
      if (jobs.length > 0) await deps.queues.startJobs(jobs);
    }
    return 'stream batch';
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
