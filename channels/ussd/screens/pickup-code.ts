import { run } from '../../channel-graphql.js';
import { ConfirmDelivery } from '../../operations/delivery-operations.js';
import { BACK, money, onLastInput } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { OrderItem } from '../shown-lists.js';

async function handOver(mc: MenuContext, order: OrderItem, pickupCode: string): Promise<Step> {
  const { confirmDelivery: result } = await run(mc.caller.ctx, ConfirmDelivery, { code: order.code, pickupCode });
  const { m } = mc;
  switch (result.__typename) {
    case 'ConfirmDeliverySuccess': {
      const cash = result.data.cashTakenAtHandover;
      return { end: m.delivered({ code: order.code, cash: cash ? money(cash) : null }) };
    }
    case 'WrongPickupCodeError':
      return { end: m.wrongPickupCode({ attemptsLeft: result.attemptsLeft }) };
    case 'PickupLockedError':
      return { end: m.pickupLocked({ until: `${result.until.slice(11, 16)} UTC` }) };
    case 'PickupCodeExpiredError':
      return { end: m.pickupExpired };
    case 'PaymentRequiredError':
      return { end: m.paymentRequired };
    default:
      return { end: m.notAllowed };
  }
}

/** The buyer's pickup code, which hands the order over. */
export const pickupCodeScreen: ScreenModule<Screen<'pickupCode'>> = {
  render: ({ m }) => [m.enterPickupCode, m.back].join('\n'),
  apply(mc, { order }, input, last) {
    if (input === BACK) return { back: true };
    return /^\d{6}$/.test(input) ? onLastInput(mc, last, () => handOver(mc, order, input)) : { invalid: 'invalid' };
  },
};
