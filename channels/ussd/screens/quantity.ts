import { BACK, money, value } from '../screen-helpers.js';
import type { Screen, ScreenModule } from '../screen-types.js';
import { fitScreen } from '../ussd-screen.js';

export const quantityScreen: ScreenModule<Screen<'quantity'>> = {
  render: ({ caller, m, limit }, { product }) =>
    fitScreen(
      (max) => [
        m.productDetail({ name: value(caller, `${product.name} ${product.unit}`, max), price: money(product.price), stock: product.stock }),
        m.enterQuantity,
        m.back,
      ],
      limit,
    ),
  apply(_mc, { product }, input) {
    if (input === BACK) return { back: true };
    const quantity = /^\d{1,5}$/.test(input) ? Number(input) : 0;
    return quantity >= 1 && quantity <= Math.min(product.stock, 10_000)
      ? { push: { id: 'payment', product, quantity } }
      : { invalid: 'invalid' };
  },
};
