import { createHash } from 'node:crypto';
import type { RequestContext } from '../../core/access/index.js';
import { normalizePhone } from '../../core/common/index.js';
import type { MpesaConfig } from '../../core/config/index.js';
import type { Store } from '../../core/db/index.js';
import { countMetric, METRICS } from '../../core/telemetry/index.js';
import { firstLanguage, isLanguage } from '../text/languages.js';
import type { MenuCaller, MenuContext, Screen } from './screen-types.js';
import { apply, render } from './screens/index.js';
import { ShownLists } from './shown-lists.js';
import { USSD_MESSAGES } from './ussd-messages-by-language.js';
import { SCREEN_LIMIT } from './ussd-screen.js';
import { getUssdSession, putUssdSession, recordUssdSessionEnd } from './ussd-session-repository.js';

interface UssdRequest {
  sessionId: string;
  phoneNumber: string;
  /** Every input of the session so far, joined by '*'; empty on the first hop. */
  text: string;
}

type SessionEnd = Parameters<typeof recordUssdSessionEnd>[2];

interface UssdReply {
  /** CON: the session goes on; END: it is over. */
  kind: 'CON' | 'END';
  text: string;
}

const MAX_INPUTS = 40;

/** The session and the path to an input: hashed, since a long path would pass the key's length limit. */
function actionKey(sessionId: string, path: string[]): string {
  return `ussd:${createHash('sha256')
    .update(`${sessionId}\n${path.join('*')}`)
    .digest('base64url')}`;
}

/**
 * One hop of a USSD session. The whole input path is replayed from the first screen on every
 * hop, so that the screen follows from the path alone; the session item only keeps the lists
 * the path's screens showed. An action is confirmed only on the last input of a path, with
 * the session id and that path as its idempotency key: a repeated hop changes nothing.
 */
export async function handleUssd(
  store: Store,
  request: UssdRequest,
  requestId: string,
  now: Date,
  mpesa: MpesaConfig | null = null,
): Promise<UssdReply> {
  const phone = normalizePhone(request.phoneNumber);
  if (!phone) return { kind: 'END', text: USSD_MESSAGES.en.notAllowed };
  const ctx: RequestContext = { principal: { kind: 'PHONE', phone }, store, requestId, now: () => new Date(), mpesa };
  const session = await getUssdSession(store, request.sessionId);
  // A session id seen with another phone keeps nothing from it.
  const lists = new ShownLists(ctx, session && session.phone === phone ? session.lists : {});

  const me = await lists.caller();
  const saved = me.language;
  const language = saved && isLanguage(saved) ? saved : firstLanguage(phone);
  const inputs = request.text === '' ? [] : request.text.split('*');
  if (inputs.length === 0) countMetric(METRICS.ussdSessions);
  if (inputs.length > MAX_INPUTS) return { kind: 'END', text: USSD_MESSAGES[language].failed };
  const caller: MenuCaller = {
    ctx,
    phone,
    language,
    center: me.center,
    isPartner: me.isPartner,
    hasShop: me.hasShop,
    actionKey: actionKey(request.sessionId, inputs),
  };
  const m = USSD_MESSAGES[language];
  const hintRoom = Math.max([...m.invalid].length, [...m.unknownCenter].length) + 1;
  const mc: MenuContext = { caller, lists, m, limit: SCREEN_LIMIT - hintRoom };

  // Villagers who joined a center, sellers and partners get the main menu; anyone else the short one.
  const stack: Screen[] = [caller.center || caller.isPartner || caller.hasShop ? { id: 'main' } : { id: 'stranger' }];
  let hint: string | null = null;
  let reply: UssdReply | null = null;
  for (const [i, input] of inputs.entries()) {
    const last = i === inputs.length - 1;
    // Each input acts under the key of the path up to it: the last one's is the whole path's.
    caller.actionKey = actionKey(request.sessionId, inputs.slice(0, i + 1));
    const step = await apply(mc, stack.at(-1)!, input.trim(), last);
    if ('end' in step) {
      reply = { kind: 'END', text: step.end };
      break;
    }
    if ('push' in step) stack.push(step.push);
    else if ('replace' in step) stack[stack.length - 1] = step.replace;
    else if ('back' in step) {
      if (stack.length > 1) stack.pop();
    } else hint = last ? mc.m[step.invalid] : null;
    if (!('invalid' in step)) hint = null;
  }
  reply ??= { kind: 'CON', text: await screenWithHint(mc, stack.at(-1)!, hint) };
  if (lists.isChanged) await putUssdSession(store, request.sessionId, { phone, lists: lists.lists }, now);
  return reply;
}

/** The screen again, with a short hint above it when the last input was not a valid choice. */
async function screenWithHint(mc: MenuContext, screen: Screen, hint: string | null): Promise<string> {
  // Screens leave room for the hint (mc.limit), so it always fits above them.
  const text = await render(mc, screen);
  if (!hint) return text;
  return `${hint}\n${text}`;
}

/** How the aggregator says a session ended, for the record of how sessions end. */
export async function recordSessionEnd(store: Store, sessionId: string, end: SessionEnd, now: Date): Promise<void> {
  await recordUssdSessionEnd(store, sessionId, end, now);
}
