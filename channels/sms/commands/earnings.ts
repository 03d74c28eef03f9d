import { runOperation } from '../../channel-graphql.js';
import { PartnerStatement } from '../../operations/delivery-operations.js';
import { money, say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { wordless } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** EARNINGS: the partner's month so far: orders handed over, commission, cash collected. */
export const earningsCommand: SmsCommand<'EARNINGS'> = {
  read: (words) => wordless('EARNINGS', words),
  async run(caller) {
    const now = caller.ctx.now();
    const month = now.toISOString().slice(0, 7);
    const { partnerStatement } = await runOperation(caller.ctx, PartnerStatement, {
      from: `${month}-01T00:00:00.000Z`,
      to: now.toISOString(),
    });
    if (partnerStatement.__typename !== 'PartnerStatementSuccess') return refusalReply(caller, partnerStatement, 'EARNINGS');
    const s = partnerStatement.data;
    return say(caller.language, (m) =>
      m.earnings({
        month,
        orders: s.ordersHandled,
        commission: s.commission ? money(s.commission) : '0',
        cash: s.cashCollected ? money(s.cashCollected) : '0',
      }),
    );
  },
};
