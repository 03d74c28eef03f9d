import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { deliverOutboxMessage, SendLaterError, sweepOutbox } from '../channels/sms/outbox-sender.js';
import { loggingGateway, twilioGateway } from '../channels/sms/sms-gateway.js';
import { readSenderConfig } from '../core/config/index.js';
import { store } from './function-instance.js';

const config = readSenderConfig();
const gateway = config.twilio ? twilioGateway(config.twilio) : loggingGateway();
const deps = { store, gateway, statusCallbackBase: config.publicUrl };

/**
 * Triggered by the table's stream for new outbox items. A record whose message could not be sent
 * yet is reported as failed, so that the stream delivers it again; sending is at most once per message.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.type?.S !== 'Outbox' || !image.id?.S) continue;
    try {
      await deliverOutboxMessage(deps, image.id.S);
    } catch (error) {
      // Sending later is expected now and then; anything else is a fault.
      if (error instanceof SendLaterError) console.warn(JSON.stringify({ level: 'warn', outboxId: image.id.S, message: error.message }));
      else console.error(JSON.stringify({ level: 'error', outboxId: image.id.S, error: (error as Error).stack ?? String(error) }));
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
}

/** Run on a schedule: sends what the stream could not. */
export async function sweep(): Promise<Record<string, number>> {
  const tally = await sweepOutbox(deps);
  if (Object.keys(tally).length > 0) console.log(JSON.stringify({ level: 'info', message: 'outbox sweep', ...tally }));
  return tally;
}
