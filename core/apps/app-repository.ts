import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  getItem,
  indexKeys,
  isConditionFailure,
  keys,
  listKeys,
  type Page,
  type PageOptions,
  readPage,
  type Store,
  withoutKeys,
} from '../db/index.js';
import type { App } from './app.js';

export const appItem = (app: App) => ({
  ...keys.app(app.clientId),
  ...indexKeys.appListing(app.createdAt, app.clientId),
  type: 'App',
  ...app,
});

// Access pattern: store a new app under its client_id.
export async function putNewApp(store: Store, app: App): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: appItem(app), ConditionExpression: 'attribute_not_exists(pk)' }));
}

// Access pattern: get an app by its client_id.
export async function getApp(store: Store, clientId: string): Promise<App | null> {
  return getItem<App>(store, keys.app(clientId), { consistent: true });
}

type AppChanges = Partial<
  Pick<App, 'name' | 'scopes' | 'status' | 'secretHash' | 'requestsPerMinute' | 'webhook' | 'webhookSecrets' | 'webhookDisabledAt'>
>;

// Access pattern: change some fields of an existing app; null when there is none.
export async function updateApp(store: Store, clientId: string, changes: AppChanges, now: string): Promise<App | null> {
  const fields = Object.entries({ ...changes, updatedAt: now });
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.app(clientId),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<App>(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

// Access pattern: list every app, oldest first, a page at a time.
export async function listApps(store: Store, options: PageOptions): Promise<Page<App> | null> {
  return readPage<App>(store, [listKeys.apps()], options);
}
