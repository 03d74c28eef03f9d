import { runOperation } from '../../channel-graphql.js';
import { MyOrders, OrderByCode } from '../../operations/order-operations.js';
import type { Messages } from '../sms-messages.js';
import { money, say, sayList } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';
import { CODE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/**
 * STATUS: the sender's latest orders; STATUS <order>: that order, paid or not and where to pick it up.
 * A refunded order is said as refunded, whatever its status: nothing is left to pay or to pick up.
 */
export const statusCommand: SmsCommand<'STATUS'> = {
  read({ folded }) {
    const [code] = folded;
    if (!code) return { kind: 'STATUS', orderCode: null };
    return CODE.test(code) && folded.length === 1 ? { kind: 'STATUS', orderCode: code } : null;
  },
  run: (caller, { orderCode }) => (orderCode ? oneOrder(caller, orderCode) : latestOrders(caller)),
};

async function oneOrder(caller: Caller, orderCode: string): Promise<string> {
  const { order } = await runOperation(caller.ctx, OrderByCode, { code: orderCode });
  if (order.__typename !== 'OrderSuccess') return refusalReply(caller, order, 'STATUS');
  const one = order.data;
  return say(caller.language, (m, cut) => {
    const said = { code: one.code, status: m.orderStatus[one.status], total: money(one.total) };
    if (one.paymentStatus === 'REFUNDED') return m.orderRefunded(said);
    return m.orderOne({ ...said, payment: m.paymentStatus[one.paymentStatus], center: cut(one.serviceCenter?.name ?? '') });
  });
}

async function latestOrders(caller: Caller): Promise<string> {
  const { myOrders } = await runOperation(caller.ctx, MyOrders, { first: 5 });
  if (myOrders.__typename !== 'MyOrdersSuccess') return refusalReply(caller, myOrders, 'STATUS');
  if (myOrders.data.nodes.length === 0) return say(caller.language, (m) => m.noOrders);
  return sayList(
    caller.language,
    (m) => m.ordersHead,
    myOrders.data.nodes.map((o) => (m: Messages) => {
      const said = { code: o.code, status: m.orderStatus[o.status], total: money(o.total) };
      return o.paymentStatus === 'REFUNDED' ? m.orderItemRefunded(said) : m.orderItem(said);
    }),
  );
}
