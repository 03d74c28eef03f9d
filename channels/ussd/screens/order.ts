import { runOperation } from '../../channel-graphql.js';
import { CancelOrder } from '../../operations/order-operations.js';
import { ORDER_STATUS_NAMES, orderStatusName, PAYMENT_STATUS_NAMES } from '../../text/status-names.js';
import { BACK, money, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

const isCancellable = (order: OrderItem) => order.status === 'PLACED' || order.status === 'ACCEPTED';

async function cancel(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { cancelOrder } = await runOperation(mc.caller.ctx, CancelOrder, { code: order.code });
  switch (cancelOrder.__typename) {
    case 'CancelOrderSuccess':
      return { end: mc.m.cancelled({ code: order.code }) };
    case 'IllegalTransitionError':
      return { end: mc.m.notCancellable({ status: orderStatusName(mc.caller.language, cancelOrder.from) }) };
    default:
      return { end: mc.m.notAllowed };
  }
}

/** One of the caller's orders as a buyer, which they may cancel until it ships. */
export const orderScreen: ScreenModule<Screen<'order'>> = {
  render: ({ caller, m, limit }, { order }) =>
    fitScreen(
      (max) => [
        m.orderDetail({
          code: order.code,
          status: ORDER_STATUS_NAMES[caller.language][order.status],
          total: money(order.total),
          payment: PAYMENT_STATUS_NAMES[caller.language][order.paymentStatus],
          center: value(caller, order.center, max),
        }),
        ...(isCancellable(order) ? [m.cancelOrder] : []),
        m.back,
      ],
      limit,
    ),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    return input === '1' && isCancellable(order) ? onLastInput(mc, last, () => cancel(mc, order)) : { invalid: 'invalid' };
  },
};
