import { runOperation } from '../../channel-graphql.js';
import { AnswerConsent } from '../../operations/app-operations.js';
import { say } from '../sms-replies.js';
import type { Caller, SmsCommand, Words } from './command-types.js';

/** The code of a consent SMS: four digits. */
const CONSENT_CODE = /^\d{4}$/;

async function answer(caller: Caller, code: string, allow: boolean): Promise<string> {
  const { answerConsent: result } = await runOperation(caller.ctx, AnswerConsent, { code, allow });
  const { language } = caller;
  switch (result.__typename) {
    case 'AnswerConsentSuccess': {
      const { appName, allowed } = result.data;
      return say(language, (m, cut) => m.consentAnswered({ app: cut(appName), allowed }));
    }
    case 'WrongConsentCodeError':
      return say(language, (m) => m.wrongConsentCode({ triesLeft: result.triesLeft }));
    case 'NotFoundError':
      return say(language, (m) => m.noConsentWaiting);
    default:
      return say(language, (m) => m.forbidden);
  }
}

/** YES <code> or NO <code>: the phone's answer to an app that asked to act for it, by the code of its SMS. */
function consentAnswerCommand<Name extends 'YES' | 'NO'>(name: Name): SmsCommand<Name> {
  const command = {
    read({ folded: [code, ...rest] }: Words) {
      return code && CONSENT_CODE.test(code) && rest.length === 0 ? { kind: name, code } : null;
    },
    run: (caller: Caller, { code }: { code: string }) => answer(caller, code, name === 'YES'),
  };
  // Each of these commands is { kind: Name; code: string }; TypeScript cannot see that through the generic Name.
  return command as unknown as SmsCommand<Name>;
}

export const yesCommand = consentAnswerCommand('YES');
export const noCommand = consentAnswerCommand('NO');
