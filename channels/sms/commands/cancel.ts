import { runOperation } from '../../channel-graphql.js';
import { CancelOrder } from '../../operations/order-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** CANCEL <order>: the buyer calls off an order. */
export const cancelCommand: SmsCommand<'CANCEL'> = {
  read: (words) => orderCodeOnly('CANCEL', words),
  async run(caller, { orderCode }) {
    const { cancelOrder } = await runOperation(caller.ctx, CancelOrder, { code: orderCode });
    if (cancelOrder.__typename !== 'CancelOrderSuccess') return refusalReply(caller, cancelOrder, 'CANCEL', orderCode);
    const cancelled = cancelOrder.data;
    return say(caller.language, (m) => m.cancelled({ code: cancelled.code }));
  },
};
