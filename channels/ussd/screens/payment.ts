import { BACK } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';

export const paymentScreen: ScreenModule<Screen<'payment'>> = {
  render: ({ m }) => [...m.payBy, m.back].join('\n'),
  apply(_mc, { product, quantity }, input) {
    if (input === BACK) return { back: true };
    if (input === '1' || input === '2')
      return { push: { id: 'confirm', product, quantity, payment: input === '1' ? 'CASH' : 'MOBILE_MONEY' } };
    return { invalid: 'invalid' };
  },
};
