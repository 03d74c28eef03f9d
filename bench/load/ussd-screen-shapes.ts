// The USSD screens a buy journey meets, recognised by what they offer in the language they are in:
// their lines come from the channel's own catalogue (channels/ussd/), the option to key is the number
// the screen shows beside the catalogue's label, and the values a journey needs (a stock, an order's
// code) are read where the catalogue's templates write them.
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../channels/text/languages.js';
import type { UssdMessages } from '../../channels/ussd/ussd-messages.js';
import { USSD_MESSAGES } from '../../channels/ussd/ussd-messages-by-language.js';
import { A_NUMBER, exactLine, offerLine, wholeText } from './message-patterns.js';

/** A screen as the aggregator relays it: CON (the session goes on) or END, then its lines. */
export interface UssdScreen {
  end: boolean;
  text: string;
  lines: string[];
}

export function parseScreen(body: string): UssdScreen | null {
  const kind = /^(CON|END) /.exec(body)?.[1];
  if (!kind) return null;
  const text = body.slice(4);
  return { end: kind === 'END', text, lines: text.split('\n') };
}

/** What a journey reads on a screen it expected (an option's number, a value), or null when the screen is another. */
export type ScreenShape = (screen: UssdScreen) => Record<string, string> | null;

/**
 * A CON screen whose first lines are these (a text, or a pattern whose named groups are read), and
 * that offers each of `offers` (what to read the option's number as -> its label) on a line of its own.
 */
function menu(head: (string | RegExp)[], offers: Record<string, string> = {}): ScreenShape {
  const headLines = head.map((line) => (typeof line === 'string' ? exactLine(line) : line));
  const offerLines = Object.entries(offers).map(([name, label]) => [name, offerLine(label)] as const);
  return (screen) => {
    if (screen.end) return null;
    const read: Record<string, string> = {};
    for (const [i, pattern] of headLines.entries()) {
      const match = pattern.exec(screen.lines[i] ?? '');
      if (!match) return null;
      Object.assign(read, match.groups);
    }
    for (const [name, pattern] of offerLines) {
      const choice = screen.lines.map((line) => pattern.exec(line)?.groups?.choice).find(Boolean);
      if (!choice) return null;
      read[name] = choice;
    }
    return read;
  };
}

/** An END screen whose whole text is this pattern, its named groups read. */
function ending(pattern: RegExp): ScreenShape {
  return (screen) => {
    const match = screen.end ? pattern.exec(screen.text) : null;
    return match ? { ...match.groups } : null;
  };
}

function shapesOf(m: UssdMessages) {
  const cash = { fixed: { payment: 'CASH' } } as const;
  return {
    stranger: menu([m.strangerMenu[0]!], { join: m.strangerMenu[1]! }),
    enterCenter: menu([m.enterCenterCode]),
    joined: ending(wholeText(m.joined)),
    main: menu([], { buy: m.mainMenu.buy, language: m.mainMenu.language }),
    /** The language menu, each language under its own name. */
    languages: menu([], Object.fromEntries(LANGUAGES.map((language) => [language, LANGUAGE_NAMES[language]]))),
    /** What a caller who just chose this screen's language is told. */
    languageSet: ending(exactLine(m.languageSet)),
    buy: menu([m.buyMenu[0]!], { search: m.buyMenu[1]! }),
    enterWord: menu([m.enterWord]),
    nothingFound: menu([m.nothingFound]),
    products: menu([m.chooseProduct]),
    quantity: menu([wholeText(m.productDetail, { patterns: { stock: A_NUMBER } }), m.enterQuantity]),
    payBy: menu([m.payBy[0]!], { cash: m.payBy[1]! }),
    confirm: menu([wholeText(m.confirmOrder, { ...cash, patterns: { quantity: A_NUMBER } })], { confirm: m.confirm }),
    placed: ending(wholeText(m.ordered, cash)),
    'out-of-stock': ending(wholeText(m.outOfStock, { patterns: { available: A_NUMBER } })),
  };
}

export type UssdScreens = ReturnType<typeof shapesOf> & {
  /** The numbers of a list's items: its numbered lines other than back and more. */
  items: (screen: UssdScreen) => string[];
};

const SHAPES = Object.fromEntries(
  LANGUAGES.map((language) => {
    const m = USSD_MESSAGES[language];
    const items = (screen: UssdScreen) =>
      screen.lines.filter((line) => line !== m.back && line !== m.more).flatMap((line) => /^(\d+) /.exec(line)?.[1] ?? []);
    return [language, { ...shapesOf(m), items }];
  }),
) as Record<Language, UssdScreens>;

/** The screens of a buy journey as they read in this language. */
export const ussdScreens = (language: Language): UssdScreens => SHAPES[language];

/** The screen that says a fault (a bug, not an outcome), in any language. */
export const isFaultScreen = (body: string) => LANGUAGES.some((language) => body.includes(USSD_MESSAGES[language].failed));
