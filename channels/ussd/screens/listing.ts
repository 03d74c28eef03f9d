import type { Money } from '../../../core/common/index.js';
import { BELOW_MARKET_SHARE } from '../../../core/prices/index.js';
import { runOperation } from '../../channel-graphql.js';
import { ListProduct, UpsertProduct } from '../../operations/catalogue-operations.js';
import { BACK, money, value } from '../screen-helpers.js';
import type { MenuContext, Screen, ScreenModule, Step } from '../screen-types.js';
import type { ProductItem } from '../shown-lists.js';
import { fitScreen } from '../ussd-screen.js';

/** A new stock for one of the caller's products: what the new-stock screen confirms. */
export async function saveStock(mc: MenuContext, product: ProductItem, stock: number): Promise<Step> {
  const { upsertProduct } = await runOperation(mc.caller.ctx, UpsertProduct, {
    input: { code: product.code, shopId: product.shopId, stock, idempotencyKey: mc.caller.actionKey },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return { end: mc.m.notAllowed };
  return { end: mc.m.stockSet({ code: upsertProduct.data.code, stock: upsertProduct.data.stock }) };
}

/** A new price for one of the caller's products, with its commodity's market median near them: what the new-price screen confirms. */
export async function savePrice(mc: MenuContext, product: ProductItem, price: Money): Promise<Step> {
  const { upsertProduct } = await runOperation(mc.caller.ctx, ListProduct, {
    input: { code: product.code, shopId: product.shopId, price, idempotencyKey: mc.caller.actionKey },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return { end: mc.m.notAllowed };
  const saved = upsertProduct.data;
  const reference = saved.marketReference;
  return {
    end: fitScreen((max) => [
      `${mc.m.priceSet({ code: saved.code, price: money(saved.price) })}${
        reference
          ? mc.m.marketNear({
              market: value(mc.caller, reference.market, max),
              unit: value(mc.caller, reference.unit, max),
              median: money(reference.median),
              days: reference.daysSinceLatest,
              below: reference.belowMarket ? Math.round(BELOW_MARKET_SHARE * 100) : null,
            })
          : ''
      }`,
    ]),
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
