import { runOperation } from '../../channel-graphql.js';
import { RemovePriceAlert } from '../../operations/price-operations.js';
import { BACK, money, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { AlertItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

async function remove(mc: MenuContext, alert: AlertItem): Promise<Step> {
  const { removePriceAlert } = await runOperation(mc.caller.ctx, RemovePriceAlert, {
    number: alert.number,
    idempotencyKey: mc.caller.actionKey,
  });
  return { end: removePriceAlert.__typename === 'RemovePriceAlertSuccess' ? mc.m.alertRemoved({ number: alert.number }) : mc.m.notAllowed };
}

/** One of the caller's price alerts, which they may remove. */
export const alertScreen: ScreenModule<Screen<'alert'>> = {
  render: ({ caller, m, limit }, { alert }) =>
    fitScreen(
      (max) => [
        m.alertDetail({
          number: alert.number,
          commodity: value(caller, alert.commodity, max),
          market: alert.market === null ? null : value(caller, alert.market, max),
          price: money(alert.threshold),
          direction: alert.direction,
        }),
        m.removeAlert,
        m.back,
      ],
      limit,
    ),
  apply(mc, { alert }, input, last) {
    if (input === BACK) return { back: true };
    return input === '1' ? onLastInput(mc, last, () => remove(mc, alert)) : { invalid: 'invalid' };
  },
};
