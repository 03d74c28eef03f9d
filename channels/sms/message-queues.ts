import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../../core/config/index.js';
import type { PendingNotification } from '../../core/outbox/index.js';
import type { FanoutJob } from '../../core/prices/index.js';
import { countMetric, METRICS } from '../../core/telemetry/index.js';

/** A page of notifications on the Outgoing queue: a sender sends it, at the provider's pace. */
export interface OutgoingPage {
  notices: PendingNotification[];
}

/** A job on the Fanout queue: its phones are listed page by page onto the Outgoing queue. */
export interface FanoutMessage {
  job: FanoutJob;
}

/** Where notifications wait to be sent, and jobs to be listed. */
export interface MessageQueues {
  sendPages(pages: OutgoingPage[]): Promise<void>;
  startJobs(jobs: FanoutJob[]): Promise<void>;
}

/** Notifications a page, at most: well under SQS's 256 KB a message, and a few seconds' sending for one sender. */
export const PAGE_SIZE = 100;

/** Notifications in pages of at most PAGE_SIZE, as the fan-out jobs put theirs. */
export const pagesOf = (notices: PendingNotification[]): OutgoingPage[] =>
  Array.from({ length: Math.ceil(notices.length / PAGE_SIZE) }, (_, i) => ({ notices: notices.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE) }));

/** SQS takes at most 10 messages a batch. */
const SQS_BATCH = 10;

/** The queues on SQS (or its local stand-in). A batch entry SQS refuses fails the call: the caller's retry sends it again. */
export function sqsQueues(config: QueueConfig, region: string): MessageQueues {
  const client = new SQSClient({
    region,
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const send = async (queueUrl: string, bodies: unknown[]) => {
    for (let start = 0; start < bodies.length; start += SQS_BATCH) {
      const entries = bodies.slice(start, start + SQS_BATCH).map((body, i) => ({ Id: String(i), MessageBody: JSON.stringify(body) }));
      const { Failed } = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      if (Failed?.length)
        throw new Error(`SQS refused ${Failed.length} of ${entries.length} messages: ${Failed[0]?.Message ?? Failed[0]?.Code}`);
    }
  };
  return {
    sendPages: async (pages) => {
      await send(config.outgoingQueueUrl, pages);
      countMetric(
        METRICS.smsQueued,
        {},
        pages.reduce((sum, page) => sum + page.notices.length, 0),
      );
    },
    startJobs: (jobs) =>
      send(
        config.fanoutQueueUrl,
        jobs.map((job): FanoutMessage => ({ job })),
      ),
  };
}
