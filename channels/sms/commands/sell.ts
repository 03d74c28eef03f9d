import { currencyOfPhone } from '../../../core/common/index.js';
import { BELOW_MARKET_SHARE } from '../../../core/prices/index.js';
import { runOperation } from '../../channel-graphql.js';
import { ListProduct, ProductCurrency } from '../../operations/catalogue-operations.js';
import type { VariablesOf } from '../../operations/graphql.js';
import { money, say } from '../sms-replies.js';
import type { Caller, CommandOf, SmsCommand } from './command-types.js';
import { AMOUNT, CODE, typedAmount, WHOLE } from './command-words.js';
import { noCurrencyReply, refusalReply, usageReply } from './refusal-reply.js';

/** SELL <code> <price> <stock> [name]: a new listing, or a new price and stock for one. */
export const sellCommand: SmsCommand<'SELL'> = {
  read({ typed, folded: [code, price, stock] }) {
    if (!code || !CODE.test(code) || !price || !AMOUNT.test(price) || !stock || !WHOLE.test(stock)) return null;
    return { kind: 'SELL', productCode: code, price, stock: Number(stock), name: typed.length > 3 ? typed.slice(3).join(' ') : null };
  },
  run: sell,
};

async function sell(caller: Caller, command: CommandOf<'SELL'>): Promise<string> {
  // A bare number is in the currency the product already has, or else the seller's country's.
  const { product: found } = await runOperation(caller.ctx, ProductCurrency, { code: command.productCode });
  const product = found?.__typename === 'ProductSuccess' ? found.data : null;
  const currency = product?.price.currency ?? currencyOfPhone(caller.phone);
  if (!currency) return noCurrencyReply(caller);
  const amount = typedAmount(command.price, currency);
  if (amount === null) return usageReply(caller, 'SELL');
  return saveListing(caller, {
    code: command.productCode,
    price: { amount, currency },
    stock: command.stock,
    ...(command.name ? { name: command.name } : product ? {} : { name: command.productCode }),
  });
}

/** The reply to a new listing or price: the listing, and its commodity's market median near the seller. */
async function saveListing(caller: Caller, change: Omit<VariablesOf<typeof ListProduct>['input'], 'idempotencyKey'>): Promise<string> {
  const { upsertProduct } = await runOperation(caller.ctx, ListProduct, {
    input: { ...change, idempotencyKey: `sms:${caller.messageSid}` },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return refusalReply(caller, upsertProduct, 'SELL');
  const listing = upsertProduct.data;
  const reference = listing.marketReference;
  return say(caller.language, (m, cut) =>
    reference
      ? m.listedNear({
          code: listing.code,
          price: money(listing.price),
          stock: listing.stock,
          market: cut(reference.market),
          unit: cut(reference.unit),
          median: money(reference.median),
          days: reference.daysSinceLatest,
          below: reference.belowMarket ? Math.round(BELOW_MARKET_SHARE * 100) : null,
        })
      : m.listed({ code: listing.code, name: cut(listing.name), price: money(listing.price), stock: listing.stock }),
  );
}
