import { runOperation } from '../../channel-graphql.js';
import { ConfirmDelivery } from '../../operations/delivery-operations.js';
import { BACK, money } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';

async function handOver(mc: MenuContext, screen: Screen<'pickupCode'>, pickupCode: string, attemptKey: string): Promise<Step> {
  const { order } = screen;
  const { confirmDelivery: result } = await runOperation(mc.caller.ctx, ConfirmDelivery, { code: order.code, pickupCode });
  const { m } = mc;
  switch (result.__typename) {
    case 'ConfirmDeliverySuccess': {
      const cash = result.data.cashTakenAtHandover;
      return { end: m.delivered({ code: order.code, cash: cash ? money(cash) : null }) };
    }
    case 'WrongPickupCodeError':
      // The partner may type the code again in this session: later hops pass over this try.
      mc.lists.remember(attemptKey, String(result.attemptsLeft));
      return { replace: { ...screen, attemptsLeft: result.attemptsLeft } };
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

/** The buyer's pickup code, which hands the order over; after a wrong one, the partner may try again. */
export const pickupCodeScreen: ScreenModule<Screen<'pickupCode'>> = {
  render: ({ m }, { attemptsLeft }) =>
    [...(attemptsLeft === undefined ? [] : [m.wrongPickupCode({ attemptsLeft })]), m.enterPickupCode, m.back].join('\n'),
  apply(mc, screen, input, last) {
    if (input === BACK) return { back: true };
    if (!/^\d{6}$/.test(input)) return { invalid: 'invalid' };
    // A try made at this very place of the path (an earlier hop, or the aggregator sending a hop
    // again): what it answered, without trying again.
    const attemptKey = mc.caller.actionKey;
    const attemptsLeft = mc.lists.recall(attemptKey);
    if (attemptsLeft !== undefined) return { replace: { ...screen, attemptsLeft: Number(attemptsLeft) } };
    if (last) return handOver(mc, screen, input, attemptKey);
    return { end: mc.m.failed };
  },
};
