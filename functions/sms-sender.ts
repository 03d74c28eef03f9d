import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type OutgoingPage, PAGE_SIZE } from '../channels/sms/message-queues.js';
import { sendNotifications } from '../channels/sms/notification-sender.js';
import { sendPace } from '../channels/sms/send-pace.js';
import { loggingGateway, unconfiguredGateway } from '../channels/sms/sms-gateway.js';
import { twilioGateway } from '../channels/sms/twilio/twilio-messages-api.js';
import { readSenderConfig, readSendingRate } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { settings, store } from './function-instance.js';

const config = readSenderConfig(settings);
const gateway = config.twilio ? twilioGateway(config.twilio) : config.onLambda ? unconfiguredGateway() : loggingGateway();
// This instance's share of the provider's rate: the senders that may run at once share it evenly.
const { perSender } = readSendingRate(settings);
const pace = sendPace(perSender);
const deps = { store, gateway, pace, statusCallbackBase: config.publicUrl };

/** The most a page of PAGE_SIZE notifications should take at this instance's pace, with room for retries. */
const PAGE_TIME_MS = (PAGE_SIZE / perSender) * 1000 + 15_000;

/**
 * Triggered by the Outgoing queue: sends each page of notifications at this instance's pace. A page
 * with notifications the provider did not take is reported as failed and comes back after its
 * visibility timeout (what was sent is recorded and not sent again); after a few receives it goes
 * to the Failures queue.
 */
async function sendPages(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    // A page not started before the function's time runs short comes back whole, rather than be cut off halfway.
    if (context.getRemainingTimeInMillis() < PAGE_TIME_MS) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const { notices } = JSON.parse(record.body) as OutgoingPage;
    try {
      const { unsent, tally } = await sendNotifications(deps, notices);
      if (unsent.length === 0) continue;
      logger.warn('notifications not sent yet', { messageId: record.messageId, unsent: unsent.length, tally });
    } catch (error) {
      logger.error('notifications failed', { messageId: record.messageId, error: error as Error });
    }
    failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
}
export const handler = /* @__PURE__ */ asService('sms-sender', sendPages);
