import { onLastInput } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';
import { saveStock } from './listing.js';

/** No Back here: 0 is a stock. */
export const newStockScreen: ScreenModule<Screen<'newStock'>> = {
  render: ({ m }) => m.enterStock,
  apply(mc, { product }, input, last) {
    const stock = /^\d{1,7}$/.test(input) ? Number(input) : -1;
    return stock >= 0 && stock <= 1_000_000 ? onLastInput(mc, last, () => saveStock(mc, product, stock)) : { invalid: 'invalid' };
  },
};
