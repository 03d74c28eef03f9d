import { runOperation } from '../../channel-graphql.js';
import { SetNotifications } from '../../operations/member-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';

/** STOP: no more notifications (a pickup code still comes: it is what the buyer needs to collect). */
export const stopCommand: SmsCommand<'STOP'> = {
  read: () => ({ kind: 'STOP' }),
  async run(caller) {
    await runOperation(caller.ctx, SetNotifications, { enabled: false });
    return say(caller.language, (m) => m.stopped);
  },
};
