import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamBatchInfo } from '../channels/sms/failure-replay.js';
import type { Store } from '../core/db/index.js';

export interface StreamReader {
  /** The stream's ARN, as a failed batch names it. */
  streamArn: string;
  /** The records written since the last read, shard by shard, in each shard's order. */
  read(): Promise<{ shardId: string; records: DynamoDBRecord[] }[]>;
  close(): void;
}

/** Reads a DynamoDB Local table's stream from its start, shard by shard, as Lambda's event source mapping does. */
export async function openStreamReader(store: Store, endpoint: string, region: string): Promise<StreamReader> {
  const { Table } = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${store.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string | null>();

  async function discoverShards(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      iterators.set(shard.ShardId, ShardIterator ?? null);
    }
  }

  return {
    streamArn,
    async read() {
      await discoverShards();
      const batches: { shardId: string; records: DynamoDBRecord[] }[] = [];
      for (const [shardId, iterator] of iterators) {
        if (!iterator) continue;
        const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        if (Records?.length) batches.push({ shardId, records: Records as DynamoDBRecord[] });
        iterators.set(shardId, NextShardIterator ?? null);
      }
      return batches;
    },
    close: () => streams.destroy(),
  };
}

/** The records of a failed batch, read again from the stream (which keeps them 24 hours). */
export async function readStreamRange(streams: DynamoDBStreamsClient, batch: StreamBatchInfo): Promise<DynamoDBRecord[]> {
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const last = BigInt(batch.endSequenceNumber);
  const records: _Record[] = [];
  let iterator = ShardIterator;
  while (iterator) {
    const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    if (!Records?.length) break;
    const upTo = Records.filter((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0') <= last);
    records.push(...upTo);
    if (upTo.length < Records.length) break;
    iterator = NextShardIterator;
  }
  return records as DynamoDBRecord[];
}
