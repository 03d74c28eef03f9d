import { runOperation } from '../../channel-graphql.js';
import { CancelOrder } from '../../operations/order-operations.js';
import { orderMoveCommand } from './order-move-command.js';

/** CANCEL <order>: the buyer calls off an order. */
export const cancelCommand = orderMoveCommand(
  'CANCEL',
  async (caller, code) => (await runOperation(caller.ctx, CancelOrder, { code })).cancelOrder,
  (m, _cut, cancelled) => m.cancelled({ code: cancelled.code }),
);
