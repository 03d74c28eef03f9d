import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { sendNotifications } from '../channels/sms/notification-sender.js';
import { noticesOfChange, partnerLookup } from '../channels/sms/notices-of-change.js';
import { loggingGateway, unconfiguredGateway } from '../channels/sms/sms-gateway.js';
import { twilioGateway } from '../channels/sms/twilio/twilio-messages-api.js';
import { readSenderConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { settings, store } from './function-instance.js';

const config = readSenderConfig(settings);
const gateway = config.twilio ? twilioGateway(config.twilio) : config.onLambda ? unconfiguredGateway() : loggingGateway();
const deps = { store, gateway, statusCallbackBase: config.publicUrl };

/**
 * Triggered by the table's stream for the changes that tell people something (orders, pickup codes):
 * works out each change's notifications and sends them. A change whose notifications could not all
 * be sent is reported as failed, and from it on the stream delivers the batch again; what was sent is
 * recorded, so a second delivery sends only what was missed.
 */
async function notifyFromStream(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  logger.addContext(context);
  const partnerOf = partnerLookup(store);
  for (const record of event.Records) {
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    try {
      const { unsent, tally } = await sendNotifications(deps, await noticesOfChange(record, partnerOf));
      if (unsent.length === 0) continue;
      logger.warn('notifications not sent yet', { sequence, unsent: unsent.length, tally });
    } catch (error) {
      logger.error('notifications failed', { sequence, error: error as Error });
    }
    // The stream keeps a shard's order: this change and those after it are delivered again.
    return { batchItemFailures: [{ itemIdentifier: sequence }] };
  }
  return { batchItemFailures: [] };
}
export const handler = /* @__PURE__ */ asService('outbox-sender', notifyFromStream);
