import { runOperation } from '../../channel-graphql.js';
import { SetLanguage } from '../../operations/member-operations.js';
import { isLanguage } from '../../text/languages.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';

/** LANG <en|sw|fr|zh>: the language of every reply and notification from now on, this one included. */
export const langCommand: SmsCommand<'LANG'> = {
  read({ folded: [word] }) {
    const language = word?.toLowerCase();
    return language && isLanguage(language) ? { kind: 'LANG', language } : null;
  },
  async run(caller, { language }) {
    await runOperation(caller.ctx, SetLanguage, { language });
    return say(language, (m) => m.languageSet);
  },
};
