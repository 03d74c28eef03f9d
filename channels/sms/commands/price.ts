import { runOperation } from '../../channel-graphql.js';
import { MarketPrices, StartWeeklyPrices, StopWeeklyPrices } from '../../operations/price-operations.js';
import { trendText } from '../../text/price-trend.js';
import { WEEKLY_WORDS } from '../sms-keywords.js';
import type { Messages } from '../sms-messages.js';
import { bareMoney, type Cut, say, sayList } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';
import { refusalReply } from './refusal-reply.js';

/** PRICE <crop> [market]: the markets' prices; PRICES WEEKLY <crop> or PRICES OFF: the weekly SMS of them. */
export const priceCommand: SmsCommand<'PRICE'> = {
  read({ typed, folded: [first] }) {
    if (first && WEEKLY_WORDS.ON.includes(first)) return typed.length === 2 ? { kind: 'WEEKLY', commodity: typed[1]! } : null;
    if (first && WEEKLY_WORDS.OFF.includes(first) && typed.length === 1) return { kind: 'WEEKLY', commodity: null };
    return typed[0] ? { kind: 'PRICE', commodity: typed[0], market: typed.length > 1 ? typed.slice(1).join(' ') : null } : null;
  },
  run: (caller, command) =>
    command.kind === 'WEEKLY' ? weekly(caller, command.commodity) : prices(caller, command.commodity, command.market),
};

async function prices(caller: Caller, commodity: string, market: string | null): Promise<string> {
  const { marketPrices } = await runOperation(caller.ctx, MarketPrices, { commodity, market });
  if (marketPrices.length === 0) return say(caller.language, (m, cut) => m.noPrices({ commodity: cut(commodity) }));
  const currency = marketPrices[0]!.min.currency;
  return sayList(
    caller.language,
    (m, cut) => m.pricesHead({ commodity: `${cut(commodity)} ${currency}` }),
    marketPrices.map(
      (s) => (m: Messages, cut: Cut) =>
        m.priceItem({
          market: cut(s.market),
          unit: cut(s.unit),
          min: bareMoney(s.min),
          median: bareMoney(s.median),
          max: bareMoney(s.max),
          count: s.reportCount,
          date: s.latestDate.slice(5),
          change: trendText(caller.language, s.changePercent),
        }),
    ),
  );
}

/** Starts the weekly prices of a commodity, or (null) stops them. */
async function weekly(caller: Caller, commodity: string | null): Promise<string> {
  if (commodity === null) {
    const { stopWeeklyPrices } = await runOperation(caller.ctx, StopWeeklyPrices);
    if (stopWeeklyPrices.__typename !== 'StopWeeklyPricesSuccess') return refusalReply(caller, stopWeeklyPrices, 'PRICE');
    return say(caller.language, (m) => m.weeklyOff);
  }
  const { startWeeklyPrices } = await runOperation(caller.ctx, StartWeeklyPrices, {
    commodity,
    idempotencyKey: `sms:${caller.messageSid}`,
  });
  if (startWeeklyPrices.__typename !== 'StartWeeklyPricesSuccess') return refusalReply(caller, startWeeklyPrices, 'PRICE');
  const on = startWeeklyPrices.data;
  return say(caller.language, (m, cut) => m.weeklyOn({ commodity: cut(on.commodity) }));
}
