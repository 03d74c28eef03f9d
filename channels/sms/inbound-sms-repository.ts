import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt, getItem, isConditionFailure, keys, type Store } from '../../core/db/index.js';

/** Twilio retries a webhook for minutes at most; two days is plenty to recognise a repeat. */
const INBOUND_TTL_SECONDS = 2 * 24 * 60 * 60;

export interface InboundReply {
  /** Null when the answer was silence (a sender over the rate limit). */
  reply: string | null;
}

// Access pattern: the reply given to an inbound message, by its MessageSid.
export async function getInboundReply(store: Store, messageSid: string): Promise<InboundReply | null> {
  return getItem(store, keys.inboundSms(messageSid), {
    consistent: true,
    read: (item) => ({ reply: (item.reply as string | null) ?? null }),
  });
}

// Access pattern: remember the reply to a message; when a concurrent retry was first, answer with its reply.
export async function saveInboundReply(
  store: Store,
  messageSid: string,
  from: string,
  reply: string | null,
  now: Date,
): Promise<InboundReply> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keys.inboundSms(messageSid),
          type: 'InboundSms',
          from,
          reply,
          receivedAt: now.toISOString(),
          expiresAt: expiresAt(now, INBOUND_TTL_SECONDS),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { reply };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const first = await getInboundReply(store, messageSid);
    if (!first) throw new Error(`inbound reply for ${messageSid} vanished`);
    return first;
  }
}

// Access pattern: note a phone's command and count its commands over the last window (a sliding window).
export async function countRecentCommands(store: Store, phone: string, now: Date, windowSeconds: number): Promise<number> {
  const since = now.getTime() - windowSeconds * 1000;
  const { Attributes } = await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.rateLog(phone),
      UpdateExpression: 'SET #times = list_append(if_not_exists(#times, :empty), :now), expiresAt = :expires',
      ExpressionAttributeNames: { '#times': 'times' },
      ExpressionAttributeValues: { ':empty': [], ':now': [now.getTime()], ':expires': expiresAt(now, windowSeconds) },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const times = (Attributes?.times as number[] | undefined) ?? [];
  const recent = times.filter((time) => time > since);
  // Keep the log short: drop what fell out of the window, unless another command was logged meanwhile.
  if (times.length > recent.length + 20) {
    await store.doc
      .send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.rateLog(phone),
          UpdateExpression: 'SET #times = :recent',
          ConditionExpression: 'size(#times) = :length',
          ExpressionAttributeNames: { '#times': 'times' },
          ExpressionAttributeValues: { ':recent': recent, ':length': times.length },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
  return recent.length;
}
