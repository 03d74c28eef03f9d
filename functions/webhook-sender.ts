import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ATTEMPT_TIME_MS, webhookSender } from '../channels/webhooks/webhook-sending.js';
import { readFunctionConfig, readWebhookConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { settings, store } from './function-instance.js';

const send = webhookSender(store, readWebhookConfig(settings), readFunctionConfig(settings).region);

/**
 * Triggered by the Webhooks queue: one attempt of each app webhook, the batch's at once. A retry is
 * a new message put back with its delay, so a message is done once its attempt is recorded; one that
 * could not be handled (the table or the queue out of reach) comes back after its visibility timeout,
 * and after a few receives goes to the Failures queue.
 */
async function sendWebhooks(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      // One not started while a whole attempt still fits comes back, rather than be cut off.
      if (context.getRemainingTimeInMillis() < ATTEMPT_TIME_MS) {
        failures.push({ itemIdentifier: record.messageId });
        return;
      }
      try {
        await send(JSON.parse(record.body));
      } catch (error) {
        logger.error('webhook not handled', { messageId: record.messageId, error: error as Error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}
export const handler = /* @__PURE__ */ asService('webhook-sender', sendWebhooks);
