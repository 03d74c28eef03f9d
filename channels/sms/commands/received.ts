import { runOperation } from '../../channel-graphql.js';
import { ReceiveOrder } from '../../operations/order-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** RECEIVED <order>: on a first mile, the partner of the seller's village took the goods in. */
export const receivedCommand: SmsCommand<'RECEIVED'> = {
  read: (words) => orderCodeOnly('RECEIVED', words),
  async run(caller, { orderCode }) {
    const { receiveOrder } = await runOperation(caller.ctx, ReceiveOrder, { code: orderCode });
    if (receiveOrder.__typename !== 'ReceiveOrderSuccess') return refusalReply(caller, receiveOrder, 'RECEIVED', orderCode);
    const received = receiveOrder.data;
    return say(caller.language, (m) => m.received({ code: received.code }));
  },
};
