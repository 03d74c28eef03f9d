import { run } from '../../channel-graphql.js';
import { MarkArrived } from '../../operations/delivery-operations.js';
import { ORDER_STATUS_NAMES } from '../../text/status-names.js';
import { BACK, money, onLastInput } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

async function arrive(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { markArrived } = await run(mc.caller.ctx, MarkArrived, { code: order.code });
  return { end: markArrived.__typename === 'MarkArrivedSuccess' ? mc.m.arrived({ code: order.code }) : mc.m.notAllowed };
}

/** An order on its way to the partner's center: they mark it arrived, then hand it over. */
export const taskScreen: ScreenModule<Screen<'task'>> = {
  render({ caller, m, limit }, { order }) {
    const action = order.status === 'SHIPPED' ? [m.markArrived] : order.status === 'AT_CENTER' ? [m.handOver] : [];
    return fitScreen(
      () => [
        m.taskDetail({
          code: order.code,
          buyer: order.buyerPhone,
          status: ORDER_STATUS_NAMES[caller.language][order.status],
          total: money(order.total),
        }),
        ...action,
        m.back,
      ],
      limit,
    );
  },
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1') return { invalid: 'invalid' };
    if (order.status === 'SHIPPED') return onLastInput(mc, last, () => arrive(mc, order));
    if (order.status === 'AT_CENTER') return { push: { id: 'pickupCode', order } };
    return { invalid: 'invalid' };
  },
};
