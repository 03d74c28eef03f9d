import { run } from '../../channel-graphql.js';
import { MarkArrived } from '../../operations/delivery-operations.js';
import { BACK, onLastInput, orderWithStep } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';

async function arrive(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { markArrived } = await run(mc.caller.ctx, MarkArrived, { code: order.code });
  return { end: markArrived.__typename === 'MarkArrivedSuccess' ? mc.m.arrived({ code: order.code }) : mc.m.notAllowed };
}

/** An order on its way to the partner's center: they mark it arrived, then hand it over. */
export const taskScreen: ScreenModule<Screen<'task'>> = {
  render: (mc, { order }) =>
    orderWithStep(mc, order, order.status === 'SHIPPED' ? mc.m.markArrived : order.status === 'AT_CENTER' ? mc.m.handOver : null),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1') return { invalid: 'invalid' };
    if (order.status === 'SHIPPED') return onLastInput(mc, last, () => arrive(mc, order));
    if (order.status === 'AT_CENTER') return { push: { id: 'pickupCode', order } };
    return { invalid: 'invalid' };
  },
};
