// A client's turns by USSD, as the aggregator relays a villager's key presses: joining the center and
// choosing English, then buy journeys (search, choose, quantity, pay by cash, confirm), some confirmed again.
import { randomUUID } from 'node:crypto';
import type { Client } from './load-buyers.js';
import { ussd } from './load-clients.js';
import { category, type LoadContext, type Meter } from './load-context.js';
import { between, newPhone, pick } from './load-random.js';
import { CHANCE, FAULT_RETRIES } from './load-settings.js';

/**
 * What the menu shows a new phone of Tanzania, in Swahili (its first language), until it chooses
 * English: the main menu's option of the language menu, and that menu's of English, are captured.
 */
const SWAHILI_SCREEN = {
  stranger: /^CON Karibu Village Trade/,
  enterCenter: /^CON Weka msimbo wa kituo chako/,
  joined: /^END Umejiunga na /,
  main: /^CON 1 Nunua\n(?:.*\n)*?(\d+) Lugha$/m,
  languages: /^CON (?:.*\n)*?(\d+) English$/m,
};

/** What the menu shows (English), by what it means. */
const USSD_SCREEN = {
  languageSet: /^END Language set to English\./,
  main: /^CON 1 Buy\n/,
  buy: /^CON Buy\n1 Search by word/,
  enterWord: /^CON Enter a word/,
  nothingFound: /^CON Nothing found\./,
  list: /^CON Choose a product:\n/,
  choice: /^(\d+) /gm,
  quantity: /, (\d+) in stock\.\nEnter quantity:/,
  payBy: /^CON Pay by:/,
  confirm: /^CON Buy \d+ x .*pay cash\?/s,
  ordered: /^END Order (\S+) placed: /,
  outOfStock: /^END Sorry, only \d+ left\./,
  fault: /something went wrong/i,
};

interface Session {
  phone: string;
  id: string;
  /** The inputs so far, as the aggregator joins them with '*'. */
  path: string[];
}

/** One hop; the screen when it matches what the journey expects there, null when it failed. */
async function hop(
  load: LoadContext,
  session: Session,
  kind: string,
  expected: RegExp | RegExp[],
  outcome: string | ((screen: string) => string),
  meter: Meter = load.load,
) {
  const { stats, timeoutMs } = meter;
  const result = await ussd(load.url, load.secrets.ussdKey, session.id, session.phone, session.path.join('*'), timeoutMs);
  if (result.failure) {
    stats.error(kind, result.ms, category(result.failure), result.failure);
    return null;
  }
  const matched = [expected].flat().find((pattern) => pattern.test(result.body));
  if (!matched) {
    const what = USSD_SCREEN.fault.test(result.body) ? 'fault screen' : 'unexpected screen';
    stats.error(kind, result.ms, what, `${session.path.join('*') || '(first hop)'} -> ${result.body}`);
    return null;
  }
  stats.ok(kind, result.ms, typeof outcome === 'string' ? outcome : outcome(result.body));
  return result.body;
}

const newSession = (phone: string): Session => ({ phone, id: `ATUid_${randomUUID()}`, path: [] });

/** A session the phone dials while it joins: each call a hop of one more input (none on the first), counted as a join hop. */
function dial(load: LoadContext, phone: string) {
  const session = newSession(phone);
  return async (input: string | null, expected: RegExp, outcome: string) => {
    if (input !== null) session.path.push(input);
    return hop(load, session, 'ussd join hop', expected, outcome);
  };
}

/**
 * A new phone dials and joins the center, then dials again and chooses English from the language
 * menu, as a villager who reads English would: the phone the client's buy journeys use from then on.
 */
async function join(load: LoadContext, client: Client): Promise<void> {
  const phone = newPhone('757');
  const joining = dial(load, phone);
  const joined =
    (await joining(null, SWAHILI_SCREEN.stranger, 'menu')) &&
    (await joining('1', SWAHILI_SCREEN.enterCenter, 'menu')) &&
    (await joining(load.centerCode, SWAHILI_SCREEN.joined, 'joined'));
  if (!joined) return;
  const choosing = dial(load, phone);
  const main = await choosing(null, SWAHILI_SCREEN.main, 'menu');
  const languages = main && (await choosing(SWAHILI_SCREEN.main.exec(main)![1]!, SWAHILI_SCREEN.languages, 'menu'));
  const english = languages && (await choosing(SWAHILI_SCREEN.languages.exec(languages)![1]!, USSD_SCREEN.languageSet, 'english'));
  if (english) client.ussd = phone;
}

/** Main menu to the confirm screen: true when the journey got there. */
async function chooseAndConfirm(load: LoadContext, session: Session): Promise<boolean> {
  const menu = (expected: RegExp | RegExp[]) => hop(load, session, 'ussd menu hop', expected, 'screen');
  const next = async (input: string, expected: RegExp | RegExp[]) => {
    session.path.push(input);
    return menu(expected);
  };
  if (!(await menu(USSD_SCREEN.main)) || !(await next('1', USSD_SCREEN.buy)) || !(await next('1', USSD_SCREEN.enterWord))) return false;
  const list = await next(load.catalogue.popular().word, [USSD_SCREEN.nothingFound, USSD_SCREEN.list]);
  if (!list || USSD_SCREEN.nothingFound.test(list)) return false;
  const choices = [...list.matchAll(USSD_SCREEN.choice)].map((m) => m[1]!).filter((c) => c !== '0' && c !== '00');
  if (!choices.length) {
    load.load.stats.error('ussd menu hop', 0, 'unexpected screen', `no product to choose: ${list}`);
    return false;
  }
  const quantity = await next(pick(choices), USSD_SCREEN.quantity);
  if (!quantity) return false;
  const inStock = Number(USSD_SCREEN.quantity.exec(quantity)![1]);
  return Boolean((await next(String(Math.min(between(1, 3), inStock)), USSD_SCREEN.payBy)) && (await next('1', USSD_SCREEN.confirm)));
}

/** A buy journey by the client's phone (after it has joined): confirmed, repeated after a failure, sometimes confirmed again. */
export async function ussdTurn(load: LoadContext, client: Client): Promise<void> {
  if (!client.ussd) return join(load, client);
  const session = newSession(client.ussd);
  if (!(await chooseAndConfirm(load, session))) return;
  session.path.push('1');
  const identity = `ussd ${session.id} ${session.path.join('*')}`;
  const endings = [USSD_SCREEN.ordered, USSD_SCREEN.outOfStock];
  const ending = (screen: string) => (USSD_SCREEN.ordered.test(screen) ? 'placed' : 'out-of-stock');
  const claim = (screen: string | null) => {
    const code = screen && USSD_SCREEN.ordered.exec(screen)?.[1];
    if (code) load.ledger.claim(code, identity);
  };
  const ends: (string | null)[] = [await hop(load, session, 'ussd confirm hop', endings, ending)];
  for (let retry = 0; retry < FAULT_RETRIES && !ends.some((e) => e !== null); retry++) {
    ends.push(await hop(load, session, 'ussd repeat', endings, ending));
  }
  const end = ends.find((e) => e !== null);
  if (!end) {
    load.ledger.unanswered.push(async () => claim(await hop(load, session, 'ussd confirm hop', endings, ending, load.recovery)));
    return;
  }
  if (Math.random() < CHANCE.ussdRetry) {
    const again = await hop(load, session, 'ussd repeat', endings, ending);
    if (again && again !== end) load.ledger.repeatMismatches.sequential.push(`USSD ${identity}: "${end}", again "${again}"`);
    ends.push(again);
  }
  for (const e of ends) claim(e);
}
