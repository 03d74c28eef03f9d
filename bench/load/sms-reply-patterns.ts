// What the text channel answers, recognised by its own catalogue (channels/sms/) in the language it
// answers in: the language of the command's keyword, since the load's phones choose none of their own.

import { type CommandName, foldWord, KEYWORDS, KNOWN_KEYWORDS } from '../../channels/sms/sms-keywords.js';
import { MESSAGES } from '../../channels/sms/sms-messages-by-language.js';
import { LANGUAGES, type Language } from '../../channels/text/languages.js';
import { A_NUMBER, exactLine, textStart, wholeText } from './message-patterns.js';

function repliesOf(language: Language) {
  const m = MESSAGES[language];
  return {
    joined: wholeText(m.joined),
    /** The reply to an ORDER without a payment word, which pays cash. */
    ordered: wholeText(m.ordered, { fixed: { payment: 'CASH' } }),
    outOfStock: wholeText(m.outOfStock, { patterns: { available: A_NUMBER } }),
    foundNone: wholeText(m.foundNone),
    /** A list of products found: it starts with one. */
    found: textStart(m.foundItem),
    orders: textStart(() => m.ordersHead),
    noOrders: exactLine(m.noOrders),
  };
}

export type SmsReplies = ReturnType<typeof repliesOf>;

const REPLIES = Object.fromEntries(LANGUAGES.map((language) => [language, repliesOf(language)])) as Record<Language, SmsReplies>;

/** A command's keyword in a language (its first), and the replies to it as they read in the language the channel answers it in. */
export function commandIn(language: Language, command: CommandName): { keyword: string; replies: SmsReplies } {
  const keyword = KEYWORDS[language][command][0]!;
  const answeredIn = KNOWN_KEYWORDS.get(foldWord(keyword))?.language;
  if (!answeredIn) throw new Error(`the channel does not know its own keyword ${keyword}`);
  return { keyword, replies: REPLIES[answeredIn] };
}

/** Why a reply that is none of those expected is one: a fault or the rate limit, in any language. */
export function refusalOf(reply: string): 'fault reply' | 'rate limited' | null {
  if (LANGUAGES.some((language) => reply.includes(MESSAGES[language].failed))) return 'fault reply';
  return LANGUAGES.some((language) => reply === MESSAGES[language].rateLimited) ? 'rate limited' : null;
}
