import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type Store, withoutKeys } from '../db/index.js';
import type { App, WebhookSecret } from './app.js';

// Access pattern: replace an app's webhook secrets, only if the app is as it was read.
export async function replaceWebhookSecrets(store: Store, app: App, secrets: WebhookSecret[], now: string): Promise<App | null> {
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.app(app.clientId),
        UpdateExpression: 'SET webhookSecrets = :secrets, updatedAt = :now',
        ConditionExpression: 'updatedAt = :seen',
        ExpressionAttributeValues: { ':secrets': secrets, ':now': now, ':seen': app.updatedAt },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<App>(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

// Access pattern: mark an app's webhook endpoint gone (it answered 410), only while it is still the URL that answered.
export async function markWebhookGone(store: Store, clientId: string, url: string, now: string): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.app(clientId),
        UpdateExpression: 'SET webhookDisabledAt = :now',
        ConditionExpression: 'webhook.#url = :url',
        ExpressionAttributeNames: { '#url': 'url' },
        ExpressionAttributeValues: { ':now': now, ':url': url },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
