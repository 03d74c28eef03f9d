import { randomUUID } from 'node:crypto';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamBatchInfo } from '../channels/sms/failure-replay.js';
import type { Store } from '../core/db/index.js';
import { lambdaContext } from './lambda-http.js';
import { openStreamReader } from './stream-reader.js';

const POLL_MS = 250;
/** Tries of a failing batch before it goes to the Failures queue, as the stack's event source mapping allows. */
export const STREAM_TRIES = 3;

/** What Lambda sends the on-failure destination of a stream's event source mapping: where the failed batch lies in the stream. */
export interface StreamBatchFailure {
  DDBStreamBatchInfo: StreamBatchInfo & { batchSize: number };
}

interface StreamPoller {
  stop: () => Promise<void>;
}

/**
 * What Lambda's event source mapping does in the cloud: reads the table's stream and hands each
 * shard's new records to the handler as a batch. A batch whose handler throws is tried again, then
 * described to `onFailure` (the Failures queue) and passed over.
 */
export async function startStreamPoller(
  store: Store,
  endpoint: string,
  region: string,
  handler: (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>,
  onFailure: (failure: StreamBatchFailure) => Promise<void>,
): Promise<StreamPoller> {
  const reader = await openStreamReader(store, endpoint, region);
  let running = true;

  async function deliver(shardId: string, records: DynamoDBRecord[]): Promise<void> {
    for (let attempt = 1; attempt <= STREAM_TRIES; attempt++) {
      try {
        await handler({ Records: records }, lambdaContext('notifier', randomUUID()));
        return;
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', message: 'stream batch failed', attempt, error: String(error) }));
      }
    }
    const sequence = (record: DynamoDBRecord | undefined) => record?.dynamodb?.SequenceNumber ?? '';
    await onFailure({
      DDBStreamBatchInfo: {
        streamArn: reader.streamArn,
        shardId,
        startSequenceNumber: sequence(records[0]),
        endSequenceNumber: sequence(records.at(-1)),
        batchSize: records.length,
      },
    });
  }

  const loop = (async () => {
    while (running) {
      try {
        for (const { shardId, records } of await reader.read()) await deliver(shardId, records);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', message: 'stream poll failed', error: String(error) }));
      }
      await new Promise((wait) => setTimeout(wait, POLL_MS));
    }
  })();

  return {
    stop: async () => {
      running = false;
      await loop;
      reader.close();
    },
  };
}
