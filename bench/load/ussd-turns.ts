// A client's turns by USSD, as the aggregator relays a villager's key presses: joining the center in
// the language of the phone's country, choosing a language of its own from the language menu, then
// buy journeys (search, choose, quantity, pay by cash, confirm), some confirmed again. Every screen is
// read in the language it is in, by what it offers (ussd-screen-shapes.ts), never by English words.
import { randomUUID } from 'node:crypto';
import { firstLanguage, LANGUAGES, type Language } from '../../channels/text/languages.js';
import type { Client } from './load-buyers.js';
import { ussd } from './load-clients.js';
import { category, type LoadContext, type Meter } from './load-context.js';
import { between, newPhone, pick } from './load-random.js';
import { CHANCE, FAULT_RETRIES } from './load-settings.js';
import { isFaultScreen, parseScreen, type ScreenShape, type UssdScreens, ussdScreens } from './ussd-screen-shapes.js';

interface Session {
  phone: string;
  id: string;
  /** The inputs so far, as the aggregator joins them with '*'. */
  path: string[];
  /** The screens as they read in the language the menu speaks to this phone. */
  screens: UssdScreens;
}

/** The screens a journey expects next, by the outcome each is counted as. */
type Expected = Record<string, ScreenShape>;

/** A screen the journey expected: which one (its outcome), what was read on it, its text. */
interface Seen {
  outcome: string;
  read: Record<string, string>;
  body: string;
}

/** One hop; the screen when it is one of those the journey expects there (by name), null when it failed. */
async function hop(load: LoadContext, session: Session, kind: string, expected: Expected, meter: Meter = load.load): Promise<Seen | null> {
  const { stats, timeoutMs } = meter;
  const result = await ussd(load.url, load.secrets.ussdKey, session.id, session.phone, session.path.join('*'), timeoutMs);
  if (result.failure) {
    stats.error(kind, result.ms, category(result.failure), result.failure);
    return null;
  }
  const screen = parseScreen(result.body);
  for (const [outcome, shape] of Object.entries(expected)) {
    const read = screen && shape?.(screen);
    if (read) {
      stats.ok(kind, result.ms, outcome);
      return { outcome, read, body: result.body };
    }
  }
  const what = isFaultScreen(result.body) ? 'fault screen' : 'unexpected screen';
  stats.error(kind, result.ms, what, `${session.path.join('*') || '(first hop)'} -> ${result.body}`);
  return null;
}

const newSession = (phone: string, language: Language): Session => ({
  phone,
  id: `ATUid_${randomUUID()}`,
  path: [],
  screens: ussdScreens(language),
});

/** The hops of a session, each with one more input (none on the first), counted as `kind`. */
function hops(load: LoadContext, session: Session, kind: string) {
  return async (input: string | null, expected: Expected) => {
    if (input !== null) session.path.push(input);
    return hop(load, session, kind, expected);
  };
}

/**
 * A new phone dials and joins the center, greeted in its country's language; then dials again and
 * chooses a language from the language menu, as a villager who reads it would: the phone and the
 * language the client's buy journeys use from then on.
 */
async function join(load: LoadContext, client: Client): Promise<void> {
  const phone = newPhone('757');
  const greeting = firstLanguage(phone);
  const first = ussdScreens(greeting);
  const joining = hops(load, newSession(phone, greeting), 'ussd join hop');
  const stranger = await joining(null, { stranger: first.stranger });
  const code = stranger && (await joining(stranger.read.join!, { enterCenter: first.enterCenter }));
  if (!code || !(await joining(load.centerCode, { joined: first.joined }))) return;
  const language = pick(LANGUAGES);
  const choosing = hops(load, newSession(phone, greeting), 'ussd join hop');
  const main = await choosing(null, { main: first.main });
  const languages = main && (await choosing(main.read.language!, { languages: first.languages }));
  const chosen = languages && (await choosing(languages.read[language]!, { [`chose ${language}`]: ussdScreens(language).languageSet }));
  if (chosen) client.ussd = { phone, language };
}

/** Main menu to the confirm screen: true when the journey got there. */
async function chooseAndConfirm(load: LoadContext, session: Session): Promise<boolean> {
  const { screens } = session;
  const next = hops(load, session, 'ussd menu hop');
  const main = await next(null, { main: screens.main });
  const buy = main && (await next(main.read.buy!, { buy: screens.buy }));
  const word = buy && (await next(buy.read.search!, { enterWord: screens.enterWord }));
  const list = word && (await next(load.catalogue.popular().word, { products: screens.products, nothingFound: screens.nothingFound }));
  if (!list || list.outcome === 'nothingFound') return false;
  const choices = screens.items(parseScreen(list.body)!);
  if (!choices.length) {
    load.load.stats.error('ussd menu hop', 0, 'unexpected screen', `no product to choose: ${list.body}`);
    return false;
  }
  const quantity = await next(pick(choices), { quantity: screens.quantity });
  if (!quantity) return false;
  const payBy = await next(String(Math.min(between(1, 3), Number(quantity.read.stock))), { payBy: screens.payBy });
  const confirm = payBy && (await next(payBy.read.cash!, { confirm: screens.confirm }));
  if (confirm) session.path.push(confirm.read.confirm!);
  return Boolean(confirm);
}

/**
 * A buy journey by the client's phone (a new one joins first): confirmed, repeated after a failure,
 * sometimes confirmed again.
 */
export async function ussdTurn(load: LoadContext, client: Client): Promise<void> {
  if (!client.ussd) await join(load, client);
  if (!client.ussd) return;
  const session = newSession(client.ussd.phone, client.ussd.language);
  if (!(await chooseAndConfirm(load, session))) return;
  const identity = `ussd ${session.id} ${session.path.join('*')}`;
  const endings = { placed: session.screens.placed, 'out-of-stock': session.screens['out-of-stock'] };
  const claim = (end: Seen | null) => {
    if (end?.read.code) load.ledger.claim(end.read.code, identity);
  };
  const ends: (Seen | null)[] = [await hop(load, session, 'ussd confirm hop', endings)];
  for (let retry = 0; retry < FAULT_RETRIES && !ends.some((e) => e !== null); retry++) {
    ends.push(await hop(load, session, 'ussd repeat', endings));
  }
  const end = ends.find((e) => e !== null);
  if (!end) {
    load.ledger.unanswered.push(async () => claim(await hop(load, session, 'ussd confirm hop', endings, load.recovery)));
    return;
  }
  if (Math.random() < CHANCE.ussdRetry) {
    const again = await hop(load, session, 'ussd repeat', endings);
    if (again && again.body !== end.body)
      load.ledger.repeatMismatches.sequential.push(`USSD ${identity}: "${end.body}", again "${again.body}"`);
    ends.push(again);
  }
  for (const e of ends) claim(e);
}
