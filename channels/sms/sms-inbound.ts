import type { RequestContext } from '../../core/access/index.js';
import { normalizePhone } from '../../core/common/index.js';
import type { MpesaConfig } from '../../core/config/index.js';
import type { Store } from '../../core/db/index.js';
import { run } from '../channel-graphql.js';
import { Me } from '../operations/member-operations.js';
import { isLanguage, type Language } from '../text/languages.js';
import { countRecentCommands, getInboundReply, saveInboundReply } from './inbound-sms-repository.js';
import { type Caller, runCommand } from './sms-commands.js';
import { parseSms } from './sms-parser.js';
import { say } from './sms-replies.js';

/** At most this many commands per phone in any window of this length; one polite reply past it, then silence. */
export const RATE_LIMIT = { commands: 30, windowSeconds: 10 * 60 };

export interface InboundSms {
  from: string;
  body: string;
  messageSid: string;
}

/** The texting phone's member record (a stranger's has no center and no language yet). */
async function member(ctx: RequestContext) {
  const { me } = await run(ctx, Me);
  return me.__typename === 'MeSuccess' ? me.data : null;
}

async function rateLimitedReply(ctx: RequestContext): Promise<string> {
  const saved = (await member(ctx))?.language;
  return say(saved && isLanguage(saved) ? saved : 'en', (m) => m.rateLimited);
}

async function replyTo(ctx: RequestContext, phone: string, message: InboundSms): Promise<string> {
  const me = await member(ctx);
  const parsed = parseSms(message.body);
  const saved = me?.language;
  const language: Language = saved && isLanguage(saved) ? saved : (parsed.language ?? 'en');
  const center = me?.serviceCenter;
  const caller: Caller = {
    ctx,
    phone,
    language,
    center: center ? { id: center.id, name: center.name } : null,
    messageSid: message.messageSid,
  };
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
): Promise<string | null> {
  const earlier = await getInboundReply(store, message.messageSid);
  if (earlier) return earlier.reply;
  const phone = normalizePhone(message.from);
  if (!phone) return null;

  const count = await countRecentCommands(store, phone, now, RATE_LIMIT.windowSeconds);
  const ctx: RequestContext = { principal: { kind: 'PHONE', phone }, store, requestId, now: () => new Date(), mpesa };
  let reply: string | null;
  if (count > RATE_LIMIT.commands + 1) reply = null;
  else {
    try {
      reply = count === RATE_LIMIT.commands + 1 ? await rateLimitedReply(ctx) : await replyTo(ctx, phone, message);
    } catch (error) {
      // A fault: logged whole, the villager gets a short apology and may simply try again.
      console.error(
        JSON.stringify({ level: 'error', requestId, messageSid: message.messageSid, error: (error as Error).stack ?? String(error) }),
      );
      return say('en', (m) => m.failed);
    }
  }
  return (await saveInboundReply(store, message.messageSid, phone, reply, now)).reply;
}
