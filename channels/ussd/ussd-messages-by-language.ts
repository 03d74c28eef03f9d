import type { Language } from '../text/languages.js';
import type { UssdMessages } from './ussd-messages.js';
import { ussdEn } from './ussd-messages-en.js';
import { ussdFr } from './ussd-messages-fr.js';
import { ussdSw } from './ussd-messages-sw.js';
import { ussdZh } from './ussd-messages-zh.js';

export const USSD_MESSAGES: Record<Language, UssdMessages> = { en: ussdEn, sw: ussdSw, fr: ussdFr, zh: ussdZh };
