import { runOperation } from '../../channel-graphql.js';
import { PlaceOrder } from '../../operations/order-operations.js';
import { requestPayment } from '../../payment-request.js';
import { BACK, money, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import { fitScreen } from '../ussd-screen.js';

async function placeOrder(mc: MenuContext, screen: Screen<'confirm'>): Promise<Step> {
  const { caller, m } = mc;
  const { placeOrder } = await runOperation(caller.ctx, PlaceOrder, {
    input: {
      serviceCenterId: caller.center!.id,
      lines: [{ productCode: screen.product.id, quantity: screen.quantity }],
      paymentMethod: screen.payment,
      idempotencyKey: caller.actionKey,
    },
  });
  switch (placeOrder.__typename) {
    case 'PlaceOrderSuccess': {
      const { code, total } = placeOrder.data;
      if (screen.payment === 'MOBILE_MONEY') await requestPayment(caller, code);
      // The total charged, which is the price at the moment of the order, not the one shown before.
      return {
        end: fitScreen((max) => [
          m.ordered({ code, total: money(total), center: value(caller, caller.center!.name, max), payment: screen.payment }),
        ]),
      };
    }
    case 'OutOfStockError':
      return { end: m.outOfStock({ available: placeOrder.available }) };
    default:
      return { end: m.notAllowed };
  }
}

export const confirmScreen: ScreenModule<Screen<'confirm'>> = {
  render: ({ caller, m, limit }, { product, quantity, payment }) =>
    fitScreen(
      (max) => [
        m.confirmOrder({
          quantity,
          name: value(caller, product.name, max),
          total: money({ amount: product.price.amount * quantity, currency: product.price.currency }),
          center: value(caller, caller.center?.name ?? '', max),
          payment,
        }),
        m.confirm,
        m.back,
      ],
      limit,
    ),
  apply(mc, screen, input, last) {
    if (input === BACK) return { back: true };
    return input === '1' ? onLastInput(mc, last, () => placeOrder(mc, screen)) : { invalid: 'invalid' };
  },
};
