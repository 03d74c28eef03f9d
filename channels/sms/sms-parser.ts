import { isLanguage, LANGUAGES, type Language } from '../text/languages.js';
import { ALERT_DIRECTION_WORDS, COMMANDS, type CommandName, foldWord, KEYWORDS, PAYMENT_WORDS, WEEKLY_WORDS } from './sms-keywords.js';

type PaymentChoice = 'CASH' | 'MOBILE_MONEY';

export type Command =
  | { kind: 'HELP'; topic: CommandName | null }
  | { kind: 'JOIN'; centerCode: string }
  | { kind: 'FIND'; words: string[] }
  | { kind: 'ORDER'; lines: { quantity: number; productCode: string }[]; payment: PaymentChoice }
  | { kind: 'STATUS'; orderCode: string | null }
  | { kind: 'CANCEL' | 'ACCEPT' | 'SHIP' | 'RECEIVED' | 'ARRIVED'; orderCode: string }
  | { kind: 'DELIVERED'; orderCode: string; pickupCode: string }
  | { kind: 'TASKS' | 'ORDERS' | 'EARNINGS' }
  | { kind: 'PRICE'; commodity: string; market: string | null }
  | { kind: 'REPORT'; commodity: string; price: string; unit: string | null; market: string | null }
  | { kind: 'SELL'; productCode: string; price: string; stock: number; name: string | null }
  | { kind: 'STOCK'; productCode: string; quantity: number }
  | { kind: 'LANG'; language: Language }
  | { kind: 'STOP' | 'START' }
  | { kind: 'PAYOUT'; sellerPhone: string; amount: string }
  | { kind: 'REFUND'; orderCode: string; reference: string }
  /** Without an alert: list the sender's alerts. */
  | { kind: 'ALERT'; alert: { commodity: string; direction: 'RISE' | 'FALL'; price: string; market: string | null } | null }
  | { kind: 'UNALERT'; number: number }
  /** PRICES WEEKLY <crop>; PRICES OFF (commodity null). */
  | { kind: 'WEEKLY'; commodity: string | null };

type Parsed =
  | { ok: true; command: Command; language: Language }
  /** The keyword was known but the rest was not: answer with that command's usage. */
  | { ok: false; usage: CommandName; language: Language }
  /** Nothing known: suggest the closest keyword. */
  | { ok: false; usage: null; suggestion: string | null; language: Language | null };

const MAX_WORDS = 40;
const CODE = /^[A-Z0-9]{2,12}$/;
/** A product's code, bare or with its village (RICE5.VK3M9QA). */
const PRODUCT = /^[A-Z0-9]{2,12}(\.[A-Z0-9]{2,20})?$/;
const WHOLE = /^\d{1,7}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,3})?$/;
/** A phone number as people type it: international, or national in the sender's country. */
const PHONE = /^\+?\d{6,15}$/;
/** A cash receipt's number or a mobile-money reversal's reference. */
const REFERENCE = /^[A-Z0-9-]{1,64}$/;

const keywordIndex = new Map<string, { command: CommandName; language: Language }>();
for (const language of LANGUAGES) {
  for (const command of COMMANDS) {
    for (const keyword of KEYWORDS[language][command]) {
      if (!keywordIndex.has(keyword)) keywordIndex.set(keyword, { command, language });
    }
  }
}
const cjkKeywords = [...keywordIndex.keys()].filter((keyword) => /\p{Script=Han}/u.test(keyword));

/** Words of a message: spaces and commas separate, a final full stop is dropped, "16,500" stays one number. */
export function tokenize(body: string): string[] {
  let text = body
    .normalize('NFKC')
    .trim()
    .replace(/[.!。]+$/u, '');
  // Only a word that is all digits and thousands commas is one number: "RICE5,100 BEANS2" is two words.
  text = text.replace(/(^|\s)(\d{1,3}(?:,\d{3})+)(?=\s|$)/g, (_, space: string, number: string) => space + number.replace(/,/g, ''));
  // Chinese keywords are often typed without a space before what follows.
  const cjk = cjkKeywords.find((keyword) => text.startsWith(keyword));
  if (cjk) text = `${cjk} ${text.slice(cjk.length)}`;
  return text
    .split(/[\s,，、]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
}

function paymentOf(word: string): PaymentChoice | null {
  const folded = foldWord(word);
  if (PAYMENT_WORDS.CASH.includes(folded)) return 'CASH';
  if (PAYMENT_WORDS.MOBILE_MONEY.includes(folded)) return 'MOBILE_MONEY';
  return null;
}

function parseArguments(command: CommandName, args: string[]): Command | null {
  const codes = args.map(foldWord);
  const [first, second, third] = codes;
  switch (command) {
    case 'HELP': {
      if (!first) return { kind: 'HELP', topic: null };
      const topic = keywordIndex.get(first);
      return { kind: 'HELP', topic: topic ? topic.command : null };
    }
    case 'JOIN':
      return first && CODE.test(first) && args.length === 1 ? { kind: 'JOIN', centerCode: first } : null;
    case 'FIND':
      return args.length > 0 ? { kind: 'FIND', words: args.map((word) => word.toLowerCase()).slice(0, 5) } : null;
    case 'ORDER': {
      const rest = [...codes];
      const payment = rest.length % 2 === 1 ? paymentOf(rest.pop()!) : 'CASH';
      if (!payment || rest.length === 0) return null;
      const lines: { quantity: number; productCode: string }[] = [];
      for (let i = 0; i < rest.length; i += 2) {
        const [quantity, productCode] = [rest[i]!, rest[i + 1]!];
        if (!WHOLE.test(quantity) || !PRODUCT.test(productCode)) return null;
        lines.push({ quantity: Number(quantity), productCode });
      }
      return { kind: 'ORDER', lines, payment };
    }
    case 'STATUS':
      if (!first) return { kind: 'STATUS', orderCode: null };
      return CODE.test(first) && args.length === 1 ? { kind: 'STATUS', orderCode: first } : null;
    case 'CANCEL':
    case 'ACCEPT':
    case 'SHIP':
    case 'RECEIVED':
    case 'ARRIVED':
      return first && CODE.test(first) && args.length === 1 ? { kind: command, orderCode: first } : null;
    case 'DELIVERED':
      return first && CODE.test(first) && second && /^\d{6}$/.test(second) && args.length === 2
        ? { kind: 'DELIVERED', orderCode: first, pickupCode: second }
        : null;
    case 'TASKS':
    case 'ORDERS':
    case 'EARNINGS':
      return args.length === 0 ? { kind: command } : null;
    case 'PRICE':
      if (first && WEEKLY_WORDS.ON.includes(first)) return args.length === 2 ? { kind: 'WEEKLY', commodity: args[1]! } : null;
      if (first && WEEKLY_WORDS.OFF.includes(first) && args.length === 1) return { kind: 'WEEKLY', commodity: null };
      return args[0] ? { kind: 'PRICE', commodity: args[0], market: args.length > 1 ? args.slice(1).join(' ') : null } : null;
    case 'REPORT':
      if (!args[0] || !second || !AMOUNT.test(second)) return null;
      return {
        kind: 'REPORT',
        commodity: args[0],
        price: second,
        unit: args[2] ?? null,
        market: args.length > 3 ? args.slice(3).join(' ') : null,
      };
    case 'SELL':
      if (!first || !CODE.test(first) || !second || !AMOUNT.test(second) || !third || !WHOLE.test(third)) return null;
      return {
        kind: 'SELL',
        productCode: first,
        price: second,
        stock: Number(third),
        name: args.length > 3 ? args.slice(3).join(' ') : null,
      };
    case 'STOCK':
      return first && CODE.test(first) && second && WHOLE.test(second) && args.length === 2
        ? { kind: 'STOCK', productCode: first, quantity: Number(second) }
        : null;
    case 'LANG': {
      const language = first?.toLowerCase();
      return language && isLanguage(language) ? { kind: 'LANG', language } : null;
    }
    case 'STOP':
    case 'START':
      return { kind: command };
    case 'PAYOUT':
      return first && PHONE.test(first) && second && AMOUNT.test(second) && args.length === 2
        ? { kind: 'PAYOUT', sellerPhone: first, amount: second }
        : null;
    case 'REFUND':
      return first && CODE.test(first) && second && REFERENCE.test(second) && args.length === 2
        ? { kind: 'REFUND', orderCode: first, reference: second }
        : null;
    case 'ALERT':
      return args.length === 0 ? { kind: 'ALERT', alert: null } : parseAlert(args);
    case 'UNALERT':
      return first && /^\d{1,2}$/.test(first) && args.length === 1 ? { kind: 'UNALERT', number: Number(first) } : null;
  }
}

/** `<crop> [above|below] <price> [market...]`. */
function parseAlert(args: string[]): Command | null {
  const [commodity, ...rest] = args;
  const word = rest[0] ? foldWord(rest[0]) : '';
  const direction = ALERT_DIRECTION_WORDS.FALL.includes(word) ? 'FALL' : 'RISE';
  const [price, ...market] = ALERT_DIRECTION_WORDS.FALL.includes(word) || ALERT_DIRECTION_WORDS.RISE.includes(word) ? rest.slice(1) : rest;
  if (!commodity || !price || !AMOUNT.test(price)) return null;
  return { kind: 'ALERT', alert: { commodity, direction, price, market: market.length > 0 ? market.join(' ') : null } };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The keyword closest to a mistyped one, when it is close enough to be a typo. */
function closestKeyword(word: string): { keyword: string; language: Language } | null {
  let best: { keyword: string; language: Language; distance: number } | null = null;
  for (const [keyword, { language }] of keywordIndex) {
    if (keyword.length < 3) continue;
    const distance = editDistance(word, keyword);
    if (!best || distance < best.distance) best = { keyword, language, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.keyword.length / 3)) ? best : null;
}

export function parseSms(body: string): Parsed {
  const [head, ...args] = tokenize(body);
  if (!head) return { ok: false, usage: null, suggestion: null, language: null };
  const keyword = foldWord(head);
  const known = keywordIndex.get(keyword);
  if (!known) {
    const closest = closestKeyword(keyword);
    return { ok: false, usage: null, suggestion: closest?.keyword ?? null, language: closest?.language ?? null };
  }
  const command = parseArguments(known.command, args);
  return command ? { ok: true, command, language: known.language } : { ok: false, usage: known.command, language: known.language };
}
