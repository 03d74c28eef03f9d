import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { expiresAt, getItem, isConditionFailure, keys, type Store, withoutKeys } from '../../core/db/index.js';
import type { Member } from '../../core/members/index.js';
import { clearedMinutes, inboundSmsItem, minuteOf, RATE_WINDOW_MINUTES, rateEntry, rateSlot, windowMinutes } from './inbound-sms-items.js';

export interface InboundLog {
  member: Member | null;
  /** The phone's messages in the window, this one included: a repeated MessageSid counts once. */
  count: number;
  /** True when this MessageSid was logged before: a retry of a message already received. */
  repeat: boolean;
}

// Access pattern: one UpdateItem adds the message to its phone's rate window and returns the window with it,
// atomically: on the member's own item, so that the same call reads the member; a phone that is no member (the
// condition finds no item) is logged on its rate-log item instead, with a second UpdateItem.
export async function logInbound(
  store: Store,
  message: { messageSid: string; phone: string },
  now: Date,
  cap: number,
): Promise<InboundLog> {
  const minute = minuteOf(now);
  const asMember = await addToWindow(store, keys.member(message.phone), windowUpdate(minute, message.messageSid, cap, null));
  if (asMember) return { ...windowAfter(asMember, minute, message.messageSid), member: memberOf(asMember.item) };
  // A rate log outlives the window by nothing: it ends with the window its last message counts in.
  const logOnly = windowUpdate(minute, message.messageSid, cap, expiresAt(now, RATE_WINDOW_MINUTES * 60));
  const asStranger = await addToWindow(store, keys.rateLog(message.phone), logOnly);
  if (!asStranger) throw new Error(`the rate log of ${message.phone} had no item after a failed condition`);
  return { ...windowAfter(asStranger, minute, message.messageSid), member: null };
}

/** The item after a message was added to its window (`added`), or before, when the condition kept it out. */
interface WindowWrite {
  item: Record<string, unknown>;
  added: boolean;
}

/** Adds the message to the window on the item at `key`; null when the condition found no item (a member's item, for a phone that is none). */
async function addToWindow(
  store: Store,
  key: { pk: string; sk: string },
  update: ReturnType<typeof windowUpdate>,
): Promise<WindowWrite | null> {
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        ...update,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { item: Attributes ?? {}, added: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as ConditionalCheckFailedException).Item;
    return old ? { item: unmarshall(old), added: false } : null;
  }
}

/**
 * Adds the message's entry to its minute's slot and clears the slots outside the window, on the
 * condition that the item exists (for a member's item: `expires` null), that no slot of the window holds
 * the message already, and that its minute's slot is not full (past every limit, a message is not kept).
 */
function windowUpdate(minute: number, messageSid: string, cap: number, expires: number | null) {
  const names: Record<string, string> = {};
  const name = (slotMinute: number) => {
    names[`#${rateSlot(slotMinute)}`] = rateSlot(slotMinute);
    return `#${rateSlot(slotMinute)}`;
  };
  const values: Record<string, unknown> = { ':entry': new Set([rateEntry(minute, messageSid)]), ':cap': cap };
  const unlogged = windowMinutes(minute).map((slotMinute, i) => {
    values[`:logged${i}`] = rateEntry(slotMinute, messageSid);
    return `NOT contains(${name(slotMinute)}, :logged${i})`;
  });
  const current = name(minute);
  const conditions = [...(expires === null ? ['attribute_exists(pk)'] : []), ...unlogged];
  if (expires !== null) values[':expires'] = expires;
  return {
    UpdateExpression: `ADD ${current} :entry REMOVE ${clearedMinutes(minute).map(name).join(', ')}${expires === null ? '' : ' SET expiresAt = :expires'}`,
    ConditionExpression: [...conditions, `(attribute_not_exists(${current}) OR size(${current}) < :cap)`].join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The window's entries: a slot's entries of its minute, not those a lap of the ring before. */
function windowEntries(item: Record<string, unknown>, minute: number): string[] {
  return windowMinutes(minute).flatMap((slotMinute) => {
    const slot = item[rateSlot(slotMinute)] as Set<string> | undefined;
    return [...(slot ?? [])].filter((entry) => entry.startsWith(`${slotMinute}:`));
  });
}

/** How many messages the window holds with this one, and whether this one was there before. */
function windowAfter(write: WindowWrite, minute: number, messageSid: string): Omit<InboundLog, 'member'> {
  const entries = windowEntries(write.item, minute);
  if (write.added) return { count: entries.length, repeat: false };
  const repeat = entries.some((entry) => entry.endsWith(`:${messageSid}`));
  // Not a repeat: the minute's slot was full, and this message, past every limit, is counted but not kept.
  return { count: entries.length + (repeat ? 0 : 1), repeat };
}

/** The member record without the rate window that shares its item. */
function memberOf(item: Record<string, unknown>): Member {
  return withoutKeys<Member>(Object.fromEntries(Object.entries(item).filter(([name]) => !name.startsWith('smsRate'))));
}

// Access pattern: the reply given to an inbound message, by its MessageSid.
export async function getInboundReply(store: Store, messageSid: string): Promise<string | null> {
  return getItem(store, keys.inboundSms(messageSid), { consistent: true, read: (item) => item.reply as string });
}

// Access pattern: remember the reply to a message under its MessageSid, once; when a concurrent retry of the
// message saved first, answer with its reply.
export async function saveInboundReply(
  store: Store,
  message: { messageSid: string; from: string; reply: string },
  now: Date,
): Promise<string> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: inboundSmsItem(message, now),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return message.reply;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const first = await getInboundReply(store, message.messageSid);
    if (first === null) throw new Error(`inbound reply for ${message.messageSid} vanished`);
    return first;
  }
}
