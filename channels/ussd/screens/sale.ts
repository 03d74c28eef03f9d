import { run } from '../../channel-graphql.js';
import { AcceptOrder, ShipOrder } from '../../operations/order-operations.js';
import { BACK, onLastInput, orderWithStep, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';

async function accept(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { acceptOrder } = await run(mc.caller.ctx, AcceptOrder, { code: order.code });
  return { end: acceptOrder.__typename === 'AcceptOrderSuccess' ? mc.m.accepted({ code: order.code }) : mc.m.notAllowed };
}

async function ship(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { shipOrder } = await run(mc.caller.ctx, ShipOrder, { code: order.code });
  if (shipOrder.__typename !== 'ShipOrderSuccess') return { end: mc.m.notAllowed };
  return { end: mc.m.shipped({ code: order.code, center: value(mc.caller, shipOrder.data.serviceCenter?.name ?? '', 40) }) };
}

/** One of the seller's orders: they accept a new one, and ship an accepted one when it leaves. */
export const saleScreen: ScreenModule<Screen<'sale'>> = {
  render: (mc, { order }) =>
    orderWithStep(mc, order, order.status === 'PLACED' ? mc.m.acceptOrder : order.status === 'ACCEPTED' ? mc.m.shipOrder : null),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1') return { invalid: 'invalid' };
    if (order.status === 'PLACED') return onLastInput(mc, last, () => accept(mc, order));
    if (order.status === 'ACCEPTED') return onLastInput(mc, last, () => ship(mc, order));
    return { invalid: 'invalid' };
  },
};
