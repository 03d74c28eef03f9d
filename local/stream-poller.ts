import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Store } from '../core/db/index.js';
import { lambdaContext } from './lambda-http.js';

const POLL_MS = 250;

interface StreamPoller {
  stop: () => Promise<void>;
}

/**
 * What Lambda's event source mapping does in the cloud: reads the table's stream and hands
 * batches of records to a handler. From the first record the handler reports as failed, the batch is delivered again.
 */
export async function startStreamPoller(
  store: Store,
  endpoint: string,
  region: string,
  handler: (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
): Promise<StreamPoller> {
  const { Table } = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${store.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string>();
  const retry: _Record[] = [];
  let running = true;

  async function discoverShards(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      if (ShardIterator) iterators.set(shard.ShardId, ShardIterator);
    }
  }

  async function pollOnce(): Promise<void> {
    await discoverShards();
    const batch: _Record[] = retry.splice(0);
    for (const [shardId, iterator] of iterators) {
      const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      batch.push(...(Records ?? []));
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else iterators.delete(shardId);
    }
    if (batch.length === 0) return;
    const { batchItemFailures } = await handler({ Records: batch as DynamoDBRecord[] }, lambdaContext('outbox-sender', randomUUID()));
    // As Lambda does: the batch is delivered again from its first failed record on.
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    const first = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
    if (first >= 0) retry.push(...batch.slice(first));
  }

  const loop = (async () => {
    while (running) {
      try {
        await pollOnce();
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
      streams.destroy();
    },
  };
}
