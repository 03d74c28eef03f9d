import type { Language } from '../text/languages.js';
import { messagesEn } from './messages-en.js';
import { messagesFr } from './messages-fr.js';
import { messagesSw } from './messages-sw.js';
import { messagesZh } from './messages-zh.js';
import type { Messages } from './sms-messages.js';

export const MESSAGES: Record<Language, Messages> = { en: messagesEn, sw: messagesSw, fr: messagesFr, zh: messagesZh };
