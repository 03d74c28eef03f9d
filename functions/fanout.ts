import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runFanoutJob } from '../channels/sms/fanout-runner.js';
import type { FanoutMessage } from '../channels/sms/message-queues.js';
import { asService, logger } from '../core/telemetry/index.js';
import { store } from './function-instance.js';
import { queues } from './queue-instance.js';

/**
 * Triggered by the Fanout queue: lists each job's phones page by page onto the Outgoing queue, from
 * where the job stopped. A job longer than one run puts itself back on the queue; one that fails
 * comes back after its visibility timeout and resumes, and after a few receives goes to the Failures queue.
 */
async function listJobs(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const { job } = JSON.parse(record.body) as FanoutMessage;
    try {
      const outcome = await runFanoutJob({ store, queues }, job);
      if (outcome.outcome === 'more') await queues.startJobs([job]);
      if (outcome.notices > 0) logger.info('fan-out job', { kind: job.kind, ...outcome });
    } catch (error) {
      logger.error('fan-out job failed', { kind: job.kind, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
export const handler = /* @__PURE__ */ asService('fanout', listJobs);
