import { runOperation } from '../../channel-graphql.js';
import { RevokeApp } from '../../operations/app-operations.js';
import { scopesText } from '../../text/scope-names.js';
import { BACK, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { AppItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

// Taking access back again changes nothing and answers the same: a hop sent again needs no memory.
async function revoke(mc: MenuContext, app: AppItem): Promise<Step> {
  const { revokeApp } = await runOperation(mc.caller.ctx, RevokeApp, { clientId: app.clientId });
  return {
    end:
      revokeApp.__typename === 'RevokeAppSuccess'
        ? mc.m.appRevoked({ app: value(mc.caller, revokeApp.data.appName, 40) })
        : mc.m.notAllowed,
  };
}

/** An app the caller let act for them: what it may do, and taking that back at once. */
export const appScreen: ScreenModule<Screen<'app'>> = {
  render: ({ caller, m, limit }, { app }) =>
    fitScreen(
      (max) => [m.appMay({ app: value(caller, app.appName, max), scopes: scopesText(caller.language, app.scopes) }), m.revokeApp, m.back],
      limit,
    ),
  apply(mc, { app }, input, last) {
    if (input === BACK) return { back: true };
    return input === '1' ? onLastInput(mc, last, () => revoke(mc, app)) : { invalid: 'invalid' };
  },
};
