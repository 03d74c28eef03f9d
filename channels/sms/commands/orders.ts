import { runOperation } from '../../channel-graphql.js';
import { ShopOrders } from '../../operations/order-operations.js';
import { say, sayList } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { wordless } from './command-words.js';
import { orderListLine } from './order-list-line.js';
import { refusalReply } from './refusal-reply.js';

/** ORDERS (or SALES): the latest orders of the seller's shop. */
export const ordersCommand: SmsCommand<'ORDERS'> = {
  read: (words) => wordless('ORDERS', words),
  async run(caller) {
    const { shopOrders } = await runOperation(caller.ctx, ShopOrders);
    if (shopOrders.__typename !== 'ShopOrdersSuccess') return refusalReply(caller, shopOrders, 'ORDERS');
    if (shopOrders.data.nodes.length === 0) return say(caller.language, (m) => m.noSales);
    return sayList(caller.language, (m) => m.salesHead, shopOrders.data.nodes.map(orderListLine));
  },
};
