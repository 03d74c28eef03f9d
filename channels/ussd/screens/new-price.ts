import { parseMajorAmount } from '../../../core/common/index.js';
import { BACK, onLastInput } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';
import { savePrice } from './listing.js';

export const newPriceScreen: ScreenModule<Screen<'newPrice'>> = {
  render: ({ m }, { product }) => [m.enterPrice({ currency: product.price.currency }), m.back].join('\n'),
  apply(mc, { product }, input, last) {
    if (input === BACK) return { back: true };
    const { currency } = product.price;
    const amount = parseMajorAmount(input, currency);
    return amount !== null && amount >= 1
      ? onLastInput(mc, last, () => savePrice(mc, product, { amount, currency }))
      : { invalid: 'invalid' };
  },
};
