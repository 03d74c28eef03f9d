import { runOperation } from '../../channel-graphql.js';
import { CenterOrders } from '../../operations/order-operations.js';
import { say, sayList } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { wordless } from './command-words.js';
import { orderListLine } from './order-list-line.js';
import { refusalReply } from './refusal-reply.js';

/** TASKS: the orders a partner's center has to act on. */
export const tasksCommand: SmsCommand<'TASKS'> = {
  read: (words) => wordless('TASKS', words),
  async run(caller) {
    const { firstMileOrders, centerOrders } = await runOperation(caller.ctx, CenterOrders);
    if (centerOrders.__typename !== 'CenterOrdersSuccess') return refusalReply(caller, centerOrders, 'TASKS');
    // Orders to collect from the village's sellers come first: they are what the partner acts on next.
    const orders = [
      ...(firstMileOrders.__typename === 'FirstMileOrdersSuccess' ? firstMileOrders.data.nodes : []),
      ...centerOrders.data.nodes,
    ];
    if (orders.length === 0) return say(caller.language, (m) => m.noTasks);
    return sayList(caller.language, (m) => m.tasksHead, orders.map(orderListLine));
  },
};
