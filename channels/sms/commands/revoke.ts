import { runOperation } from '../../channel-graphql.js';
import { MyApps, RevokeApp } from '../../operations/app-operations.js';
import { say } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';

/** REVOKE <number>: takes back at once the access of the app APPS lists under that number. */
export const revokeCommand: SmsCommand<'REVOKE'> = {
  read({ folded: [number, ...rest] }) {
    return number && /^\d{1,2}$/.test(number) && rest.length === 0 ? { kind: 'REVOKE', number: Number(number) } : null;
  },
  run: (caller, { number }) => revoke(caller, number),
};

async function revoke(caller: Caller, number: number): Promise<string> {
  const { language } = caller;
  const { myApps } = await runOperation(caller.ctx, MyApps);
  if (myApps.__typename !== 'MyAppsSuccess') return say(language, (m) => m.forbidden);
  const app = myApps.data[number - 1];
  if (!app) return say(language, (m) => m.noSuchApp({ number }));
  const { revokeApp } = await runOperation(caller.ctx, RevokeApp, { clientId: app.clientId });
  if (revokeApp.__typename !== 'RevokeAppSuccess') return say(language, (m) => m.forbidden);
  return say(language, (m, cut) => m.appRevoked({ app: cut(revokeApp.data.appName) }));
}
