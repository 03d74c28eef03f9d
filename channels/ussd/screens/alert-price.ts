import { currencyOfPhone, parseMajorAmount } from '../../../core/common/index.js';
import { runOperation } from '../../channel-graphql.js';
import { AddPriceAlert } from '../../operations/price-operations.js';
import { BACK, money, onLastInput, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';

/** The price a new alert waits for, per kg in the currency of the caller's country, as SMS ALERT takes it. */
async function addAlert(mc: MenuContext, { commodity, direction }: Screen<'alertPrice'>, amount: number, currency: string): Promise<Step> {
  const { addPriceAlert } = await runOperation(mc.caller.ctx, AddPriceAlert, {
    input: { commodity, threshold: { amount, currency }, direction, idempotencyKey: mc.caller.actionKey },
  });
  if (addPriceAlert.__typename === 'AlertLimitError') return { end: mc.m.alertLimit({ max: addPriceAlert.limit }) };
  if (addPriceAlert.__typename !== 'AddPriceAlertSuccess') return { end: mc.m.notAllowed };
  const set = addPriceAlert.data;
  return {
    end: mc.m.alertSet({ number: set.number, commodity: value(mc.caller, set.commodity, 40), price: money(set.threshold), direction }),
  };
}

export const alertPriceScreen: ScreenModule<Screen<'alertPrice'>> = {
  render: ({ caller, m }) => [m.enterAlertPrice({ currency: currencyOfPhone(caller.phone) ?? '' }), m.back].join('\n'),
  apply(mc, screen, input, last) {
    if (input === BACK) return { back: true };
    const currency = currencyOfPhone(mc.caller.phone);
    const amount = currency ? parseMajorAmount(input, currency) : null;
    return currency && amount !== null && amount >= 1
      ? onLastInput(mc, last, () => addAlert(mc, screen, amount, currency))
      : { invalid: 'invalid' };
  },
};
