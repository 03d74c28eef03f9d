import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt, getItem, keys, type Store } from '../../core/db/index.js';

/** A USSD session lasts a few minutes at most; its item outlives it a little. */
const SESSION_TTL_SECONDS = 10 * 60;

/** What a session's path alone cannot hold: the lists its screens showed, by list name. */
export interface UssdSession {
  phone: string;
  lists: Record<string, unknown[]>;
}

// Access pattern: get a USSD session by the aggregator's session id.
export async function getUssdSession(store: Store, sessionId: string): Promise<UssdSession | null> {
  return getItem(store, keys.ussdSession(sessionId), {
    consistent: true,
    read: (item) => ({ phone: String(item.phone), lists: (item.lists as Record<string, unknown[]>) ?? {} }),
  });
}

// Access pattern: save a session's lists after a hop.
export async function putUssdSession(store: Store, sessionId: string, session: UssdSession, now: Date): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.ussdSession(sessionId),
        type: 'UssdSession',
        ...session,
        updatedAt: now.toISOString(),
        expiresAt: expiresAt(now, SESSION_TTL_SECONDS),
      },
    }),
  );
}

// Access pattern: record how the aggregator says a session ended.
export async function recordUssdSessionEnd(
  store: Store,
  sessionId: string,
  end: { status: string; phone: string | null; errorMessage: string | null; hops: number | null; durationMs: number | null },
  now: Date,
): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.ussdSession(sessionId),
      // The lists are of no use once the session is over, and some hold other people's phone numbers.
      UpdateExpression:
        'SET endStatus = :status, endedAt = :now, endError = :error, hops = :hops, durationMs = :duration, endPhone = :phone, #type = :type, expiresAt = :expires REMOVE lists',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':status': end.status,
        ':now': now.toISOString(),
        ':error': end.errorMessage,
        ':hops': end.hops,
        ':duration': end.durationMs,
        ':phone': end.phone,
        ':type': 'UssdSession',
        // Ended sessions are kept a month, for the record of how sessions end.
        ':expires': expiresAt(now, 30 * 24 * 60 * 60),
      },
    }),
  );
}
