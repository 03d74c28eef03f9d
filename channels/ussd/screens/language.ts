import { runOperation } from '../../channel-graphql.js';
import { SetLanguage } from '../../operations/member-operations.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../text/languages.js';
import { BACK, choiceOf, onLastInput } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import { USSD_MESSAGES } from '../ussd-messages-by-language.js';

async function setLanguage(mc: MenuContext, language: Language): Promise<Step> {
  await runOperation(mc.caller.ctx, SetLanguage, { language });
  return { end: USSD_MESSAGES[language].languageSet };
}

export const languageScreen: ScreenModule<Screen<'language'>> = {
  render: ({ m }) => [...LANGUAGES.map((language, i) => `${i + 1} ${LANGUAGE_NAMES[language]}`), m.back].join('\n'),
  apply(mc, _screen, input, last) {
    if (input === BACK) return { back: true };
    const choice = choiceOf(input);
    const language = choice === null ? undefined : LANGUAGES[choice - 1];
    return language ? onLastInput(mc, last, () => setLanguage(mc, language)) : { invalid: 'invalid' };
  },
};
