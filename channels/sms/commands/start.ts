import { runOperation } from '../../channel-graphql.js';
import { SetNotifications } from '../../operations/member-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';

/** START: notifications again, after a STOP. */
export const startCommand: SmsCommand<'START'> = {
  read: () => ({ kind: 'START' }),
  async run(caller) {
    await runOperation(caller.ctx, SetNotifications, { enabled: true });
    return say(caller.language, (m) => m.started);
  },
};
