import { runOperation } from '../../channel-graphql.js';
import { MarkArrived } from '../../operations/delivery-operations.js';
import { orderMoveCommand } from './order-move-command.js';

/** ARRIVED <order>: the order reached the buyer's center, whose partner says so. */
export const arrivedCommand = orderMoveCommand(
  'ARRIVED',
  async (caller, code) => (await runOperation(caller.ctx, MarkArrived, { code })).markArrived,
  (m, _cut, at) => m.arrived({ code: at.code }),
);
