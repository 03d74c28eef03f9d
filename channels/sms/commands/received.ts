import { runOperation } from '../../channel-graphql.js';
import { ReceiveOrder } from '../../operations/order-operations.js';
import { orderMoveCommand } from './order-move-command.js';

/** RECEIVED <order>: on a first mile, the partner of the seller's village took the goods in. */
export const receivedCommand = orderMoveCommand(
  'RECEIVED',
  async (caller, code) => (await runOperation(caller.ctx, ReceiveOrder, { code })).receiveOrder,
  (m, _cut, received) => m.received({ code: received.code }),
);
