import { countryOfPhone } from '../../core/common/index.js';

export const LANGUAGES = ['en', 'sw', 'fr', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Languages written in GSM-7, so an SMS holds 160 characters; Chinese needs UCS-2 (70). */
export const GSM_LANGUAGES: readonly Language[] = ['en', 'sw', 'fr'];

// Each name in its own language; only Chinese needs characters outside GSM-7.
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sw: 'Kiswahili', fr: 'Francais', zh: '中文' };

/** Where French is an official language (of the countries we reach by SMS and USSD). */
const FRENCH = new Set([
  'FR',
  'BE',
  'CH',
  'LU',
  'MC',
  'SN',
  'CI',
  'ML',
  'BF',
  'BJ',
  'TG',
  'NE',
  'GN',
  'CM',
  'CD',
  'CG',
  'GA',
  'TD',
  'CF',
  'RW',
  'BI',
  'MG',
  'KM',
  'DJ',
  'SC',
  'HT',
  'GQ',
  'VU',
]);

/** A caller's language until they choose one: Swahili in Tanzania and Kenya, French where it is official, English elsewhere. */
export function firstLanguage(phone: string): Language {
  const country = countryOfPhone(phone);
  if (country === 'TZ' || country === 'KE') return 'sw';
  return country && FRENCH.has(country) ? 'fr' : 'en';
}
