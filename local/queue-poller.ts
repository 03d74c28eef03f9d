import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-http.js';

/** Lambda's event source mapping long-polls for as long as SQS allows. */
const WAIT_SECONDS = 20;
const RETRY_MS = 250;
/** SQS's most messages in one receive, and Lambda's largest batch without a batching window. */
const MAX_BATCH_SIZE = 10;

export interface QueuePollerSettings {
  endpoint: string;
  region: string;
  queueUrl: string;
  /** The function the handler stands for, as its context names it. */
  functionName: string;
  /** Messages handed to one invocation, at most. */
  batchSize: number;
  /** Invocations at once, as the function's reserved concurrency (or the mapping's maximum concurrency) allows. */
  concurrency: number;
  /** The function's timeout, as its context tells it (30 s unless given). */
  timeoutMs?: number;
}

interface QueuePoller {
  stop: () => Promise<void>;
}

function toRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
      ...(attributes.DeadLetterQueueSourceArn ? { DeadLetterQueueSourceArn: attributes.DeadLetterQueueSourceArn } : {}),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/**
 * The records an invocation did not handle, as Lambda reads its answer: a thrown error, or a failure that
 * names no record of the batch, fails the whole batch.
 */
async function failedRecords(
  handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
  records: SQSRecord[],
  functionName: string,
  timeoutMs: number | undefined,
): Promise<Set<string>> {
  const all = new Set(records.map((record) => record.messageId));
  try {
    const { batchItemFailures } = await handler({ Records: records }, lambdaContext(functionName, randomUUID(), timeoutMs));
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    return [...failed].every((id) => all.has(id)) ? failed : all;
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', message: 'queue handler failed', functionName, error: String(error) }));
    return all;
  }
}

/**
 * What Lambda's SQS event source mapping does in the cloud: `concurrency` pollers, each receiving a batch
 * of up to `batchSize` messages, invoking the handler with it as an `SQSEvent`, and deleting the records
 * the handler did not report in `batchItemFailures`. Failed records stay in the queue, to be received again
 * once their visibility timeout runs out (and moved to the dead-letter queue by the queue's redrive policy).
 */
export async function startQueuePoller(
  settings: QueuePollerSettings,
  handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
): Promise<QueuePoller> {
  const { endpoint, region, queueUrl, functionName, batchSize, concurrency } = settings;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
    throw new RangeError(`batchSize must be 1 to ${MAX_BATCH_SIZE}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');
  const sqs = new SQSClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn ?? '';
  // Stopping ends the long polls at once instead of waiting out their 20 seconds.
  const stopping = new AbortController();

  async function pollOnce(): Promise<void> {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: WAIT_SECONDS,
        MessageSystemAttributeNames: ['All'],
      }),
      { abortSignal: stopping.signal },
    );
    if (!Messages?.length) return;
    const records = Messages.map((message) => toRecord(message, queueArn, region));
    const failed = await failedRecords(handler, records, functionName, settings.timeoutMs);
    const handled = records.filter((record) => !failed.has(record.messageId));
    if (handled.length === 0) return;
    const { Failed } = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: handled.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
      }),
    );
    if (Failed?.length) console.error(JSON.stringify({ level: 'error', message: 'queue delete failed', functionName, failed: Failed }));
  }

  async function poll(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        await pollOnce();
      } catch (error) {
        if (stopping.signal.aborted) return;
        console.error(JSON.stringify({ level: 'error', message: 'queue poll failed', functionName, error: String(error) }));
        await new Promise((wait) => setTimeout(wait, RETRY_MS));
      }
    }
  }

  const pollers = Array.from({ length: concurrency }, () => poll());

  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(pollers);
      sqs.destroy();
    },
  };
}
