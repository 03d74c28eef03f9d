import type { Money } from '../../core/common/index.js';
import { runOperation } from '../channel-graphql.js';
import { MarketPrices } from '../operations/price-operations.js';
import { clip } from '../text/fit-text.js';
import { trendText } from '../text/price-trend.js';
import { money, value } from './screen-helpers.js';
import type { MenuContext, Step } from './screen-types.js';
import { fitScreen, SCREEN_LIMIT } from './ussd-screen.js';

/** The prices of a commodity in one market or all of them: the end of the prices menu. */
export async function marketPrices(mc: MenuContext, commodity: string, market: string | null): Promise<Step> {
  const { marketPrices } = await runOperation(mc.caller.ctx, MarketPrices, { commodity, market });
  if (marketPrices.length === 0) return { end: mc.m.noPrices };
  const bare = (amount: Money) => money(amount).replace(/^[A-Z]{3} /, '');
  const lines = marketPrices.map((s) =>
    mc.m.priceLine({
      market: value(mc.caller, s.market, 20),
      unit: value(mc.caller, s.unit, 10),
      min: bare(s.min),
      median: bare(s.median),
      max: bare(s.max),
      count: s.reportCount,
      date: s.latestDate.slice(5),
      change: trendText(mc.caller.language, s.changePercent),
    }),
  );
  const head = mc.m.pricesHead({ commodity: value(mc.caller, commodity, 20), currency: marketPrices[0]!.min.currency });
  // As many markets as fit the screen.
  let shown = lines.length;
  while (shown > 1 && [...[head, ...lines.slice(0, shown)].join('\n')].length > SCREEN_LIMIT) shown--;
  return { end: fitScreen((max) => [head, ...lines.slice(0, shown).map((line) => clip(line, Math.max(max * 2, 40)))]) };
}
