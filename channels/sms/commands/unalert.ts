import { runOperation } from '../../channel-graphql.js';
import { RemovePriceAlert } from '../../operations/price-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { refusalReply } from './refusal-reply.js';

/** UNALERT <number>: removes one of the sender's price alerts, by the number ALERT lists it under. */
export const unalertCommand: SmsCommand<'UNALERT'> = {
  read({ folded: [number, ...rest] }) {
    return number && /^\d{1,2}$/.test(number) && rest.length === 0 ? { kind: 'UNALERT', number: Number(number) } : null;
  },
  async run(caller, { number }) {
    const { removePriceAlert } = await runOperation(caller.ctx, RemovePriceAlert, { number, idempotencyKey: `sms:${caller.messageSid}` });
    if (removePriceAlert.__typename === 'NotFoundError' || removePriceAlert.__typename === 'InvalidInputError') {
      return say(caller.language, (m) => m.noSuchAlert({ number }));
    }
    if (removePriceAlert.__typename !== 'RemovePriceAlertSuccess') return refusalReply(caller, removePriceAlert, 'UNALERT');
    const left = removePriceAlert.data.length;
    return say(caller.language, (m) => m.alertRemoved({ number, left }));
  },
};
