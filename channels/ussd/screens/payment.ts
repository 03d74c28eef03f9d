import { BACK } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule } from '../screen-types.js';

/** Mobile money is offered only where it is set up; without it the menu says cash alone. */
const choices = (mc: MenuContext) => (mc.caller.ctx.mpesa ? mc.m.payBy : mc.m.payBy.slice(0, 2));

export const paymentScreen: ScreenModule<Screen<'payment'>> = {
  render: (mc) => [...choices(mc), mc.m.back].join('\n'),
  apply(mc, { product, quantity }, input) {
    if (input === BACK) return { back: true };
    if (input === '1') return { push: { id: 'confirm', product, quantity, payment: 'CASH' } };
    if (input === '2' && mc.caller.ctx.mpesa) return { push: { id: 'confirm', product, quantity, payment: 'MOBILE_MONEY' } };
    return { invalid: 'invalid' };
  },
};
