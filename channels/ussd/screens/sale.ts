import { runOperation } from '../../channel-graphql.js';
import { AcceptOrder, ShipOrder } from '../../operations/order-operations.js';
import { BACK, onLastInput, orderWithStep, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';

async function accept(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { acceptOrder } = await runOperation(mc.caller.ctx, AcceptOrder, { code: order.code });
  if (acceptOrder.__typename !== 'AcceptOrderSuccess') return { end: mc.m.notAllowed };
  const dropOff = acceptOrder.data.collectingCenter?.name ?? null;
  return { end: mc.m.accepted({ code: order.code, dropOff: dropOff === null ? null : value(mc.caller, dropOff, 40) }) };
}

/** The order leaves for the buyer's center: the seller's step, or on a first mile the collecting partner's. */
export async function ship(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { shipOrder } = await runOperation(mc.caller.ctx, ShipOrder, { code: order.code });
  if (shipOrder.__typename !== 'ShipOrderSuccess') return { end: mc.m.notAllowed };
  return { end: mc.m.shipped({ code: order.code, center: value(mc.caller, shipOrder.data.serviceCenter?.name ?? '', 40) }) };
}

/** The seller's next step on an order: accept a new one, ship an accepted one (or, on a first mile, take it to its center). */
function nextStep(mc: MenuContext, order: OrderItem): string | null {
  if (order.status === 'PLACED') return mc.m.acceptOrder;
  if (order.status !== 'ACCEPTED') return null;
  return order.dropOff === null ? mc.m.shipOrder : mc.m.dropOffAt({ center: value(mc.caller, order.dropOff, 40) });
}

/** One of the seller's orders: they accept a new one, and ship an accepted one when it leaves. */
export const saleScreen: ScreenModule<Screen<'sale'>> = {
  render: (mc, { order }) => orderWithStep(mc, order, nextStep(mc, order)),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1') return { invalid: 'invalid' };
    if (order.status === 'PLACED') return onLastInput(mc, last, () => accept(mc, order));
    if (order.status === 'ACCEPTED' && order.dropOff === null) return onLastInput(mc, last, () => ship(mc, order));
    return { invalid: 'invalid' };
  },
};
