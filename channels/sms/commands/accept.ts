import { runOperation } from '../../channel-graphql.js';
import { AcceptOrder } from '../../operations/order-operations.js';
import { orderMoveCommand } from './order-move-command.js';

/** ACCEPT <order>: the seller takes an order on, and hears where to drop it off on a first mile. */
export const acceptCommand = orderMoveCommand(
  'ACCEPT',
  async (caller, code) => (await runOperation(caller.ctx, AcceptOrder, { code })).acceptOrder,
  (m, cut, accepted) => {
    const dropOff = accepted.collectingCenter?.name ?? null;
    return m.accepted({ code: accepted.code, dropOff: dropOff === null ? null : cut(dropOff) });
  },
);
