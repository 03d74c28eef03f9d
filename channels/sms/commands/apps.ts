import { runOperation } from '../../channel-graphql.js';
import { MyApps } from '../../operations/app-operations.js';
import { scopesText } from '../../text/scope-names.js';
import type { Messages } from '../sms-messages.js';
import { type Cut, say, sayList } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { wordless } from './command-words.js';

/** APPS: the apps that may act for the sender and what each may do, numbered as REVOKE takes them. */
export const appsCommand: SmsCommand<'APPS'> = {
  read: (words) => wordless('APPS', words),
  async run(caller) {
    const { myApps } = await runOperation(caller.ctx, MyApps);
    if (myApps.__typename !== 'MyAppsSuccess') return say(caller.language, (m) => m.forbidden);
    if (myApps.data.length === 0) return say(caller.language, (m) => m.noApps);
    return sayList(
      caller.language,
      (m) => m.appsHead,
      myApps.data.map(
        (app, i) => (m: Messages, cut: Cut) =>
          m.appItem({ number: i + 1, app: cut(app.appName), scopes: scopesText(caller.language, app.scopes) }),
      ),
    );
  },
};
