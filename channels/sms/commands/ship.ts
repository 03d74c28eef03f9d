import { runOperation } from '../../channel-graphql.js';
import { OrderRoute, ShipOrder } from '../../operations/order-operations.js';
import { say } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';
import { orderCodeOnly } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** SHIP <order>: the order leaves for the buyer's center. */
export const shipCommand: SmsCommand<'SHIP'> = {
  read: (words) => orderCodeOnly('SHIP', words),
  async run(caller, { orderCode }) {
    const { shipOrder } = await runOperation(caller.ctx, ShipOrder, { code: orderCode });
    if (shipOrder.__typename === 'IllegalTransitionError' && shipOrder.from === 'ACCEPTED') {
      const center = await dropOffCenter(caller, orderCode);
      if (center) return say(caller.language, (m, cut) => m.dropOffFirst({ code: orderCode, center: cut(center) }));
    }
    if (shipOrder.__typename !== 'ShipOrderSuccess') return refusalReply(caller, shipOrder, 'SHIP', orderCode);
    const shipped = shipOrder.data;
    return say(caller.language, (m, cut) => m.shipped({ code: shipped.code, center: cut(shipped.serviceCenter?.name ?? '') }));
  },
};

/** A first-mile order is sent on by the center its seller drops it off at: the seller is told where. */
async function dropOffCenter(caller: Caller, orderCode: string): Promise<string | undefined> {
  const { order } = await runOperation(caller.ctx, OrderRoute, { code: orderCode });
  const route = order.__typename === 'OrderSuccess' ? order.data : null;
  return route?.sellerPhone === caller.phone ? route.collectingCenter?.name : undefined;
}
