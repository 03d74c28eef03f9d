import { BACK } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';

/** The seller's menu: their products (price and stock), or their orders to accept and ship. */
export const sellScreen: ScreenModule<Screen<'sell'>> = {
  render: ({ m }) => [...m.sellMenu, m.back].join('\n'),
  apply(_mc, _screen, input) {
    if (input === BACK) return { back: true };
    if (input === '1') return { push: { id: 'list', list: 'mine', page: 0 } };
    if (input === '2') return { push: { id: 'list', list: 'sales', page: 0 } };
    return { invalid: 'invalid' };
  },
};
