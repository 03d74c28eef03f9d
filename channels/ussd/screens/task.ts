import { runOperation } from '../../channel-graphql.js';
import { MarkArrived } from '../../operations/delivery-operations.js';
import { ReceiveOrder } from '../../operations/order-operations.js';
import { BACK, onLastInput, orderWithStep } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';
import { ship } from './sale.js';

async function receive(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { receiveOrder } = await runOperation(mc.caller.ctx, ReceiveOrder, { code: order.code });
  return { end: receiveOrder.__typename === 'ReceiveOrderSuccess' ? mc.m.received({ code: order.code }) : mc.m.notAllowed };
}

async function arrive(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { markArrived } = await runOperation(mc.caller.ctx, MarkArrived, { code: order.code });
  return { end: markArrived.__typename === 'MarkArrivedSuccess' ? mc.m.arrived({ code: order.code }) : mc.m.notAllowed };
}

/** The partner's next step on an order, by its status: one a seller dropped off, then sent on; one arriving, then handed over. */
const STEPS: Partial<Record<OrderItem['status'], (mc: MenuContext) => string>> = {
  ACCEPTED: (mc) => mc.m.receiveOrder,
  RECEIVED: (mc) => mc.m.sendOn,
  SHIPPED: (mc) => mc.m.markArrived,
  AT_CENTER: (mc) => mc.m.handOver,
};

/** An order of the partner's tasks: collected from a seller of the village and sent on, or arriving at the center and handed over. */
export const taskScreen: ScreenModule<Screen<'task'>> = {
  render: (mc, { order }) => orderWithStep(mc, order, STEPS[order.status]?.(mc) ?? null),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    if (input !== '1') return { invalid: 'invalid' };
    switch (order.status) {
      case 'ACCEPTED':
        return onLastInput(mc, last, () => receive(mc, order));
      case 'RECEIVED':
        return onLastInput(mc, last, () => ship(mc, order));
      case 'SHIPPED':
        return onLastInput(mc, last, () => arrive(mc, order));
      case 'AT_CENTER':
        return { push: { id: 'pickupCode', order } };
      default:
        return { invalid: 'invalid' };
    }
  },
};
