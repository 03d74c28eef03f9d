import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput, tableSchema } from './table-schema.js';

/** The table and the one document client every repository uses. */
export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

interface StoreOptions {
  tableName: string;
  region: string;
  endpoint?: string | undefined;
}

export function createStore(options: StoreOptions): Store {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, tableName: options.tableName };
}

/**
 * Creates the table (for DynamoDB Local) when it does not exist yet, or adds the indexes a
 * table made by an older version lacks; returns whether it created the table.
 */
export async function ensureTable(store: Store): Promise<boolean> {
  const definition = createTableInput(store.tableName);
  let existing: TableDescription | undefined;
  try {
    existing = (await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }))).Table;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  if (existing) {
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if (present.has(index.IndexName)) continue;
      await store.doc.send(
        new UpdateTableCommand({
          TableName: store.tableName,
          AttributeDefinitions: definition.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [
            { Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } },
          ],
        }),
      );
    }
    return false;
  }
  try {
    await store.doc.send(new CreateTableCommand(definition));
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
