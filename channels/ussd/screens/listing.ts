import type { Money } from '../../../core/common/index.js';
import { run } from '../../channel-graphql.js';
import { UpsertProduct } from '../../operations/catalogue-operations.js';
import { BACK, money, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { ProductItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

/** A new price or stock for one of the caller's products: what the new-price and new-stock screens confirm. */
export async function saveListing(mc: MenuContext, product: ProductItem, change: { price?: Money; stock?: number }): Promise<Step> {
  const { upsertProduct } = await run(mc.caller.ctx, UpsertProduct, {
    input: { code: product.code, shopId: product.shopId, ...change, idempotencyKey: mc.caller.actionKey },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return { end: mc.m.notAllowed };
  const saved = upsertProduct.data;
  return {
    end: change.price
      ? mc.m.priceSet({ code: saved.code, price: money(saved.price) })
      : mc.m.stockSet({ code: saved.code, stock: saved.stock }),
  };
}

export const listingScreen: ScreenModule<Screen<'listing'>> = {
  render: ({ caller, m, limit }, { product }) =>
    fitScreen(
      (max) => [
        m.listingMenu({ code: product.code, name: value(caller, product.name, max), price: money(product.price), stock: product.stock }),
        ...m.listingActions,
        m.back,
      ],
      limit,
    ),
  apply(_mc, { product }, input) {
    if (input === BACK) return { back: true };
    if (input === '1') return { push: { id: 'newPrice', product } };
    if (input === '2') return { push: { id: 'newStock', product } };
    return { invalid: 'invalid' };
  },
};
