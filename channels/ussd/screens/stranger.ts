import type { Screen, ScreenModule } from '../screen-types.js';

/** The short menu of a caller who has joined no center and neither sells nor runs one. */
export const strangerScreen: ScreenModule<Screen<'stranger'>> = {
  render: ({ m }) => m.strangerMenu.join('\n'),
  apply(_mc, _screen, input) {
    if (input === '1') return { push: { id: 'joinCode' } };
    if (input === '2') return { push: { id: 'list', list: 'commodities', page: 0 } };
    if (input === '3') return { push: { id: 'list', list: 'apps', page: 0 } };
    return { invalid: 'invalid' };
  },
};
