import { describe, expect, it } from 'vitest';
import { commandIn } from '../../bench/load/sms-reply-patterns.js';
import { parseScreen, ussdScreens } from '../../bench/load/ussd-screen-shapes.js';
import { MESSAGES } from '../../channels/sms/sms-messages-by-language.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../channels/text/languages.js';
import { USSD_MESSAGES } from '../../channels/ussd/ussd-messages-by-language.js';

// The load test reads replies by the channels' catalogues: what it reads must be what the catalogue wrote.
const screen = (kind: 'CON' | 'END', ...lines: string[]) => parseScreen(`${kind} ${lines.join('\n')}`)!;
const order = { code: '7KQ2MX', total: 'TZS 33,000', center: 'Mwanga, Service Center', payment: 'CASH' } as const;

describe.each(LANGUAGES)('the load test reads the USSD screens in %s', (language) => {
  const m = USSD_MESSAGES[language];
  const shapes = ussdScreens(language);

  it('finds the options it keys by the number shown beside their label', () => {
    const main = screen('CON', `1 ${m.mainMenu.buy}`, `2 ${m.mainMenu.sell}`, `7 ${m.mainMenu.language}`);
    expect(shapes.main(main)).toEqual({ buy: '1', language: '7' });
    const languages = screen('CON', ...LANGUAGES.map((l, i) => `${i + 1} ${LANGUAGE_NAMES[l]}`), m.back);
    expect(shapes.languages(languages)).toEqual(Object.fromEntries(LANGUAGES.map((l, i) => [l, String(i + 1)])));
    expect(shapes.payBy(screen('CON', ...m.payBy, m.back))).toEqual({ cash: '1' });
    expect(shapes.items(screen('CON', m.chooseProduct, '1 Soap 1 TZS 100', '2 Soap 2 TZS 200', m.more, m.back))).toEqual(['1', '2']);
  });

  it('reads the stock and the order code where the templates write them', () => {
    const detail = m.productDetail({ name: 'Soap pack 1, piece', price: 'TZS 100,000', stock: 40 });
    expect(shapes.quantity(screen('CON', detail, m.enterQuantity, m.back))).toMatchObject({ stock: '40' });
    expect(shapes.placed(screen('END', m.ordered(order)))).toMatchObject({ code: '7KQ2MX' });
    expect(shapes['out-of-stock'](screen('END', m.outOfStock({ available: 3 })))).toEqual({ available: '3' });
  });

  it('does not take another screen, or another language, for the one it expects', () => {
    expect(shapes.main(screen('CON', `1 ${m.mainMenu.sell}`))).toBeNull();
    expect(shapes.placed(screen('END', m.outOfStock({ available: 3 })))).toBeNull();
    expect(shapes.placed(screen('CON', m.ordered(order)))).toBeNull();
    for (const other of LANGUAGES.filter((l) => l !== language)) {
      expect(shapes.stranger(screen('CON', ...USSD_MESSAGES[other].strangerMenu))).toBeNull();
    }
  });
});

describe.each(LANGUAGES)('the load test writes and reads SMS in %s', (language) => {
  it('writes the keyword of that language and reads the reply in it', () => {
    const { keyword, replies } = commandIn(language, 'ORDER');
    expect(keyword).toBe(keyword.toUpperCase());
    const m = MESSAGES[language];
    expect(replies.ordered.exec(m.ordered(order))?.groups).toMatchObject({ code: '7KQ2MX' });
    expect(replies.ordered.test(m.outOfStock({ code: 'SOAP1', available: 2 }))).toBe(false);
    expect(replies.outOfStock.test(m.outOfStock({ code: 'SOAP1', available: 2 }))).toBe(true);
  });
});
