import { runOperation } from '../../channel-graphql.js';
import { MarkArrived } from '../../operations/delivery-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** ARRIVED <order>: the order reached the buyer's center, whose partner says so. */
export const arrivedCommand: SmsCommand<'ARRIVED'> = {
  read: (words) => orderCodeOnly('ARRIVED', words),
  async run(caller, { orderCode }) {
    const { markArrived } = await runOperation(caller.ctx, MarkArrived, { code: orderCode });
    if (markArrived.__typename !== 'MarkArrivedSuccess') return refusalReply(caller, markArrived, 'ARRIVED', orderCode);
    const at = markArrived.data;
    return say(caller.language, (m) => m.arrived({ code: at.code }));
  },
};
