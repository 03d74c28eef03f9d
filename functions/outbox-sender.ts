import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { deliverOutboxMessage, SendLaterError, sweepOutbox } from '../channels/sms/outbox-sender.js';
import { loggingGateway, unconfiguredGateway } from '../channels/sms/sms-gateway.js';
import { twilioGateway } from '../channels/sms/twilio/twilio-messages-api.js';
import { readSenderConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { settings, store } from './function-instance.js';

const config = readSenderConfig(settings);
const gateway = config.twilio ? twilioGateway(config.twilio) : config.onLambda ? unconfiguredGateway() : loggingGateway();
const deps = { store, gateway, statusCallbackBase: config.publicUrl };

/**
 * Triggered by the table's stream for new outbox items. A record whose message could not be sent
 * yet is reported as failed, so that the stream delivers it again; sending is at most once per message.
 */
async function sendFromStream(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  logger.addContext(context);
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.type?.S !== 'Outbox' || !image.id?.S) continue;
    try {
      await deliverOutboxMessage(deps, image.id.S);
    } catch (error) {
      // Sending later is expected now and then; anything else is a fault.
      if (error instanceof SendLaterError) logger.warn('notification not sent yet', { outboxId: image.id.S, reason: error.message });
      else logger.error('notification failed', { outboxId: image.id.S, error: error as Error });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
}
export const handler = /* @__PURE__ */ asService('outbox-sender', sendFromStream);

/** Run on a schedule: sends what the stream could not. */
async function sweepUnsent(_event: unknown, context: Context): Promise<Record<string, number>> {
  logger.addContext(context);
  const tally = await sweepOutbox(deps);
  if (Object.keys(tally).length > 0) logger.info('outbox sweep', { tally });
  return tally;
}
export const sweep = /* @__PURE__ */ asService('outbox-sender', sweepUnsent);
