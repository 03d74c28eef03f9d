import { runOperation } from '../../channel-graphql.js';
import { DecideConsent } from '../../operations/app-operations.js';
import { scopesText } from '../../text/scope-names.js';
import { BACK, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { ConsentItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

async function decide(mc: MenuContext, request: ConsentItem, allow: boolean): Promise<Step> {
  const { decideConsent } = await runOperation(mc.caller.ctx, DecideConsent, { requestId: request.id, allow });
  const { m } = mc;
  const end =
    decideConsent.__typename === 'DecideConsentSuccess'
      ? m.consentAnswered({ app: value(mc.caller, decideConsent.data.appName, 40), allowed: decideConsent.data.allowed })
      : decideConsent.__typename === 'NotFoundError'
        ? m.consentGone
        : m.notAllowed;
  // The request is answered now: a hop sent again gets this answer, not "answered already".
  mc.lists.remember(mc.caller.actionKey, end);
  return { end };
}

/** An app's request to act for the caller: what it asks in plain words, to allow or deny. */
export const consentScreen: ScreenModule<Screen<'consent'>> = {
  render: ({ caller, m, limit }, { request }) =>
    fitScreen(
      (max) => [
        m.consentAsk({
          app: value(caller, request.appName, max),
          scopes: scopesText(caller.language, request.scopes),
          ref: request.bindingMessage === null ? null : value(caller, request.bindingMessage, max),
        }),
        ...m.consentChoices,
        m.back,
      ],
      limit,
    ),
  apply(mc, { request }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1' && input !== '2') return { invalid: 'invalid' };
    const earlier = mc.lists.recall(mc.caller.actionKey);
    if (earlier !== undefined) return { end: earlier };
    return last ? decide(mc, request, input === '1') : { end: mc.m.failed };
  },
};
