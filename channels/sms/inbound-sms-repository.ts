import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  failedCondition,
  getItem,
  getItems,
  isConditionFailure,
  keys,
  type Store,
  transactRetrying,
  withoutKeys,
} from '../../core/db/index.js';
import type { Member } from '../../core/members/index.js';
import { logger } from '../../core/telemetry/index.js';
import { inboundSmsItem, RATE_WINDOW_SECONDS, rateLogItem } from './inbound-sms-items.js';

/** Past this many entries the rate log is trimmed to its window (a write of its own, so not on every message). */
const RATE_LOG_TRIM_AT = 50;

export interface InboundReply {
  /** Null when the answer was silence (a sender over the rate limit). */
  reply: string | null;
}

export interface InboundReads {
  /** The reply already given to this very message, when it is a repeat. */
  earlier: InboundReply | null;
  /** When the phone's commands of the rate log arrived (epoch ms), oldest first. */
  commandTimes: number[];
  member: Member | null;
}

// Access pattern: one BatchGetItem for what an inbound message needs first: the reply to it if it is a repeat,
// the sender's rate log and member record.
export async function readInbound(store: Store, messageSid: string, phone: string): Promise<InboundReads> {
  const keyList = [keys.inboundSms(messageSid), keys.rateLog(phone), keys.member(phone)];
  const [inbound, rateLog, member] = await getItems<Record<string, unknown>>(store, keyList, { consistent: true, read: (item) => item });
  return {
    earlier: inbound ? { reply: (inbound.reply as string | null) ?? null } : null,
    commandTimes: (rateLog?.times as number[] | undefined) ?? [],
    member: member ? withoutKeys<Member>(member) : null,
  };
}

// Access pattern: the reply given to an inbound message, by its MessageSid.
async function getInboundReply(store: Store, messageSid: string): Promise<InboundReply | null> {
  return getItem(store, keys.inboundSms(messageSid), {
    consistent: true,
    read: (item) => ({ reply: (item.reply as string | null) ?? null }),
  });
}

// Access pattern: remember the reply to a message and log the command in the sender's rate log, in one
// transaction (tried again when another message of the phone, logged at the same moment, cancelled it);
// when a concurrent retry of the message was first, answer with its reply and log nothing.
export async function saveInboundReply(
  store: Store,
  message: { messageSid: string; from: string; reply: string | null; commandTimes: number[] },
  now: Date,
): Promise<InboundReply> {
  const result = await transactRetrying(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: inboundSmsItem(message, now),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      rateLogAppend(store, message.from, now),
    ],
    null,
  );
  if (result.outcome === 'failed' && failedCondition(result.failures, 0)) return firstReply(store, message.messageSid);
  if (result.outcome !== 'done') throw new Error(`the reply to ${message.messageSid} failed an unconditional write`);
  await trimRateLog(store, message.from, message.commandTimes, now);
  return { reply: message.reply };
}

/** The command's moment added to its phone's rate log, whose life starts again. */
function rateLogAppend(store: Store, phone: string, now: Date) {
  const { pk, sk, times, expiresAt } = rateLogItem(phone, [now.getTime()], now);
  return {
    Update: {
      TableName: store.tableName,
      Key: { pk, sk },
      UpdateExpression: 'SET #times = list_append(if_not_exists(#times, :empty), :now), expiresAt = :expires',
      ExpressionAttributeNames: { '#times': 'times' },
      ExpressionAttributeValues: { ':empty': [], ':now': times, ':expires': expiresAt },
    },
  };
}

/** The reply a concurrent retry of the message saved first. */
async function firstReply(store: Store, messageSid: string): Promise<InboundReply> {
  const first = await getInboundReply(store, messageSid);
  if (!first) throw new Error(`inbound reply for ${messageSid} vanished`);
  return first;
}

// Access pattern: once the log is long, drop what fell out of its window, unless another command was logged meanwhile.
async function trimRateLog(store: Store, phone: string, seen: number[], now: Date): Promise<void> {
  const since = now.getTime() - RATE_WINDOW_SECONDS * 1000;
  if (seen.length + 1 <= RATE_LOG_TRIM_AT || !seen.some((time) => time <= since)) return;
  const kept = [...seen, now.getTime()].filter((time) => time > since);
  await store.doc
    .send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.rateLog(phone),
        UpdateExpression: 'SET #times = :kept',
        ConditionExpression: 'size(#times) = :length',
        ExpressionAttributeNames: { '#times': 'times' },
        ExpressionAttributeValues: { ':kept': kept, ':length': seen.length + 1 },
      }),
    )
    .catch((error: unknown) => {
      // Only a saving: another command logged meanwhile, or a busy moment; a later message trims.
      if (!isConditionFailure(error)) logger.warn('rate log not trimmed', { error: String(error) });
    });
}
