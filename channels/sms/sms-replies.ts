import { formatMoney, type Money } from '../../core/common/index.js';
import { clip, fitValue } from '../text/fit-text.js';
import { GSM_LANGUAGES, type Language } from '../text/languages.js';
import type { Messages } from './sms-messages.js';
import { MESSAGES } from './sms-messages-by-language.js';
import { fitList, fitOneSegment } from './sms-segment.js';

/** Longest a single list item (a product, a market) may be before the list is fitted. */
const LIST_ITEM_MAX = { gsm: 48, ucs2: 24 };

/** An amount as replies write it: TZS 16,500 (no minor digits when they are zero). */
export const money = (value: Money) => formatMoney(value, { compact: true });

/** An amount without its currency, in a list whose head names the currency once. */
export const bareMoney = (value: Money) => money(value).replace(/^[A-Z]{3} /, '');

/** Makes a value from the data fit the reply's alphabet and length. */
export type Cut = (value: string) => string;

/** A reply in one segment: data values are cut shorter until it fits. */
export function say(language: Language, render: (m: Messages, cut: Cut) => string): string {
  return fitOneSegment((max) => render(MESSAGES[language], (value) => fitValue(language, value, max)));
}

/** A list reply: as many items as fit one segment, the rest counted. */
export function sayList(language: Language, head: (m: Messages, cut: Cut) => string, items: ((m: Messages, cut: Cut) => string)[]): string {
  const m = MESSAGES[language];
  const itemMax = GSM_LANGUAGES.includes(language) ? LIST_ITEM_MAX.gsm : LIST_ITEM_MAX.ucs2;
  const cut: Cut = (value) => fitValue(language, value, itemMax);
  return fitList(
    head(m, (value) => fitValue(language, value, 30)),
    items.map((item) => clip(item(m, cut), itemMax * 2)),
    language === 'zh' ? ';' : '; ',
    m.more,
  );
}
