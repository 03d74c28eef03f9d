import { BACK } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';

export const searchWordScreen: ScreenModule<Screen<'searchWord'>> = {
  render: ({ m }) => [m.enterWord, m.back].join('\n'),
  apply(_mc, _screen, input) {
    if (input === BACK) return { back: true };
    const word = input.trim().toLowerCase();
    return word.length >= 2 && word.length <= 30
      ? { push: { id: 'list', list: 'products', page: 0, source: `search:${word}` } }
      : { invalid: 'invalid' };
  },
};
