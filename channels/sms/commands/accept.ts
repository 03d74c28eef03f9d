import { runOperation } from '../../channel-graphql.js';
import { AcceptOrder } from '../../operations/order-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** ACCEPT <order>: the seller takes an order on, and hears where to drop it off on a first mile. */
export const acceptCommand: SmsCommand<'ACCEPT'> = {
  read: (words) => orderCodeOnly('ACCEPT', words),
  async run(caller, { orderCode }) {
    const { acceptOrder } = await runOperation(caller.ctx, AcceptOrder, { code: orderCode });
    if (acceptOrder.__typename !== 'AcceptOrderSuccess') return refusalReply(caller, acceptOrder, 'ACCEPT', orderCode);
    const accepted = acceptOrder.data;
    const dropOff = accepted.collectingCenter?.name ?? null;
    return say(caller.language, (m, cut) => m.accepted({ code: accepted.code, dropOff: dropOff === null ? null : cut(dropOff) }));
  },
};
