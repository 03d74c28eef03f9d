import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput, tableSchema } from './table-schema.js';

/** The table and the one document client every repository uses. */
export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export interface StoreOptions {
  tableName: string;
  region: string;
  endpoint?: string | undefined;
}

export function createStore(options: StoreOptions): Store {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, tableName: options.tableName };
}

/** Creates the table (for DynamoDB Local) when it does not exist yet; returns whether it did. */
export async function ensureTable(store: Store): Promise<boolean> {
  try {
    await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
    return false;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await store.doc.send(new CreateTableCommand(createTableInput(store.tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  await store.doc.send(
    new UpdateTimeToLiveCommand({
      TableName: store.tableName,
      TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
}
