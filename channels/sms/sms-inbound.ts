import type { RequestContext } from '../../core/access/index.js';
import { normalizePhone } from '../../core/common/index.js';
import { DEFAULT_SMS_RATE_LIMITS, type MpesaConfig, type SmsRateLimits } from '../../core/config/index.js';
import type { Store } from '../../core/db/index.js';
import type { Member } from '../../core/members/index.js';
import { logger } from '../../core/telemetry/index.js';
import { runOperation } from '../channel-graphql.js';
import { Me, MeWithRoles } from '../operations/member-operations.js';
import { firstLanguage, isLanguage, type Language } from '../text/languages.js';
import type { Caller } from './commands/command-types.js';
import { runCommand } from './commands/index.js';
import { RATE_WINDOW_SECONDS } from './inbound-sms-items.js';
import { readInbound, saveInboundReply } from './inbound-sms-repository.js';
import { parseSms } from './sms-parser.js';
import { say } from './sms-replies.js';

/**
 * A phone's limit: a buyer's, unless it has passed that and runs a shop or a center (asked only
 * then, so that most messages read nothing more).
 */
async function rateLimitOf(ctx: RequestContext, count: number, limits: SmsRateLimits): Promise<number> {
  if (count <= limits.buyer) return limits.buyer;
  const { me } = await runOperation(ctx, MeWithRoles);
  if (me.__typename !== 'MeSuccess') return limits.buyer;
  return Math.max(limits.buyer, me.data.shops.length > 0 ? limits.seller : 0, me.data.partnerOf.length > 0 ? limits.partner : 0);
}

export interface InboundSms {
  from: string;
  body: string;
  messageSid: string;
}

/** The center the member joined; a record older than the center's name and village on it is completed through the API. */
async function centerOf(ctx: RequestContext, member: Member | null): Promise<Caller['center']> {
  if (!member?.centerId) return null;
  if (member.centerName && member.centerVillageId) {
    return { id: member.centerId, name: member.centerName, villageId: member.centerVillageId };
  }
  const { me } = await runOperation(ctx, Me);
  return me.__typename === 'MeSuccess' ? me.data.serviceCenter : null;
}

const savedLanguage = (member: Member | null): Language | null =>
  member?.language && isLanguage(member.language) ? member.language : null;

async function replyTo(ctx: RequestContext, phone: string, message: InboundSms, member: Member | null): Promise<string> {
  const parsed = parseSms(message.body);
  const language: Language = savedLanguage(member) ?? parsed.language ?? firstLanguage(phone);
  const caller: Caller = { ctx, phone, language, center: await centerOf(ctx, member), messageSid: message.messageSid };
  if (!parsed.ok) {
    if (parsed.usage) return say(language, (m) => m.badInput({ usage: m.usage[parsed.usage!] }));
    // A stranger's first words are most likely a greeting: tell them how to start.
    if (!caller.center) return say(language, (m) => m.welcome);
    return say(language, (m) => m.unknown({ suggestion: parsed.suggestion }));
  }
  return runCommand(caller, parsed.command);
}

/**
 * The reply to an inbound SMS, or null for silence. A repeated MessageSid gets the first reply and
 * changes nothing: every effect is keyed by the MessageSid, and the reply is stored under it.
 */
export async function handleInboundSms(
  store: Store,
  message: InboundSms,
  requestId: string,
  now: Date,
  mpesa: MpesaConfig | null = null,
  limits: SmsRateLimits = DEFAULT_SMS_RATE_LIMITS,
): Promise<string | null> {
  const phone = normalizePhone(message.from);
  if (!phone) return null;
  const reads = await readInbound(store, message.messageSid, phone);
  if (reads.earlier) return reads.earlier.reply;

  // This command and those of the window before it. Two commands racing from one phone may both see
  // the count without the other: the limit can be passed by the few that arrive at the same moment.
  const since = now.getTime() - RATE_WINDOW_SECONDS * 1000;
  const count = reads.commandTimes.filter((time) => time > since).length + 1;
  const ctx: RequestContext = { principal: { kind: 'PHONE', phone }, store, requestId, now: () => new Date(), mpesa };
  const limit = await rateLimitOf(ctx, count, limits);
  const saved = { messageSid: message.messageSid, from: phone, commandTimes: reads.commandTimes };
  if (count > limit + 1) return saveReply(store, { ...saved, reply: null }, now);
  let reply: string;
  try {
    reply =
      count === limit + 1
        ? say(savedLanguage(reads.member) ?? parseSms(message.body).language ?? firstLanguage(phone), (m) => m.rateLimited)
        : await replyTo(ctx, phone, message, reads.member);
  } catch (error) {
    // A fault: logged whole, the villager gets a short apology and may simply try again.
    logger.error('SMS command failed', { messageSid: message.messageSid, error: error as Error });
    return say('en', (m) => m.failed);
  }
  return saveReply(store, { ...saved, reply }, now);
}

/** Stores the reply under the MessageSid, with the command's time in the rate log; returns the reply stored. */
async function saveReply(store: Store, message: Parameters<typeof saveInboundReply>[1], now: Date): Promise<string | null> {
  try {
    return (await saveInboundReply(store, message, now)).reply;
  } catch (error) {
    // The command has run (its effects are keyed by the MessageSid, so a retry repeats none of them):
    // the villager still gets its reply, though a retry of this message will compute it again.
    logger.error('SMS reply not saved', { messageSid: message.messageSid, error: error as Error });
    return message.reply;
  }
}
