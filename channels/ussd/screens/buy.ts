import { BACK } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';

export const buyScreen: ScreenModule<Screen<'buy'>> = {
  render: ({ m }) => [...m.buyMenu, m.back].join('\n'),
  apply(_mc, _screen, input) {
    if (input === BACK) return { back: true };
    if (input === '1') return { push: { id: 'searchWord' } };
    if (input === '2') return { push: { id: 'list', list: 'categories', page: 0 } };
    return { invalid: 'invalid' };
  },
};
