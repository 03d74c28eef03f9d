import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getItem, keys, type Store } from '../../core/db/index.js';
import { endedUssdSessionItem, type UssdSession, type UssdSessionEnd, ussdSessionItem } from './ussd-session-items.js';

// Access pattern: get a USSD session by the aggregator's session id.
export async function getUssdSession(store: Store, sessionId: string): Promise<UssdSession | null> {
  return getItem(store, keys.ussdSession(sessionId), {
    consistent: true,
    read: (item) => ({ phone: String(item.phone), lists: (item.lists as Record<string, unknown[]>) ?? {} }),
  });
}

// Access pattern: save a session's lists after a hop.
export async function putUssdSession(store: Store, sessionId: string, session: UssdSession, now: Date): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: ussdSessionItem(sessionId, session, now) }));
}

// Access pattern: record how the aggregator says a session ended, on the session's item, removing its lists.
export async function recordUssdSessionEnd(store: Store, sessionId: string, end: UssdSessionEnd, now: Date): Promise<void> {
  const { pk, sk, ...attributes } = endedUssdSessionItem(sessionId, end, now);
  const names = Object.keys(attributes);
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} REMOVE lists`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value])),
    }),
  );
}
