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
import { getInboundReply, type InboundLog, logInbound, saveInboundReply } from './inbound-sms-repository.js';
import { type ParsedSms, parseSms } from './sms-parser.js';
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

async function replyTo(ctx: RequestContext, phone: string, message: InboundSms, parsed: ParsedSms, member: Member | null): Promise<string> {
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

/** The most messages a minute's slot keeps: past the highest limit and its refusal, a message is only counted. */
const slotCap = (limits: SmsRateLimits): number => Math.max(limits.buyer, limits.seller, limits.partner) + 2;

/**
 * The reply to an inbound SMS, or null for silence. Every message is logged in its phone's rate window
 * first (a repeated MessageSid once); within the limit it is answered, the one just past it is told to
 * wait, the rest are silent. A repeat is answered again while its phone is within its limit: an ORDER by
 * its order (the MessageSid is the order's idempotency key, so a repeat finds the order it placed), any
 * other command by the reply stored under its MessageSid (its effects are keyed by the MessageSid too).
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
  const log = await logInbound(store, { messageSid: message.messageSid, phone }, now, slotCap(limits));
  const ctx: RequestContext = { principal: { kind: 'PHONE', phone }, store, requestId, now: () => new Date(), mpesa };
  const limit = await rateLimitOf(ctx, log.count, limits);
  if (log.count > limit) {
    if (log.repeat || log.count > limit + 1) return null;
    return say(savedLanguage(log.member) ?? parseSms(message.body).language ?? firstLanguage(phone), (m) => m.rateLimited);
  }
  try {
    return await answer(ctx, phone, message, log, now);
  } catch (error) {
    // A fault: logged whole, the villager gets a short apology and may simply try again.
    logger.error('SMS command failed', { messageSid: message.messageSid, error: error as Error });
    return say('en', (m) => m.failed);
  }
}

/** The answer to a message within its limit: an ORDER's from its order, any other's stored under its MessageSid. */
async function answer(ctx: RequestContext, phone: string, message: InboundSms, log: InboundLog, now: Date): Promise<string> {
  const parsed = parseSms(message.body);
  if (parsed.ok && parsed.command.kind === 'ORDER') return replyTo(ctx, phone, message, parsed, log.member);
  const earlier = log.repeat ? await getInboundReply(ctx.store, message.messageSid) : null;
  if (earlier !== null) return earlier;
  const reply = await replyTo(ctx, phone, message, parsed, log.member);
  try {
    return await saveInboundReply(ctx.store, { messageSid: message.messageSid, from: phone, reply }, now);
  } catch (error) {
    // The command has run (its effects are keyed by the MessageSid, so a retry repeats none of them):
    // the villager still gets its reply, though a retry of this message will compute it again.
    logger.error('SMS reply not saved', { messageSid: message.messageSid, error: error as Error });
    return reply;
  }
}
