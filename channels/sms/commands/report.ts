import { currencyOfPhone } from '../../../core/common/index.js';
import { runOperation } from '../../channel-graphql.js';
import { CenterVillage, ReportPrice } from '../../operations/price-operations.js';
import { money, say } from '../sms-replies.js';
import type { Caller, CommandOf, SmsCommand } from './command-types.js';
import { AMOUNT, typedAmount } from './command-words.js';
import { noCurrencyReply, refusalReply, usageReply } from './refusal-reply.js';

/** REPORT <crop> <price> [unit] [market]: a price seen at a market, per kg unless a unit is named. */
export const reportCommand: SmsCommand<'REPORT'> = {
  read({ typed }) {
    const [commodity, price] = typed;
    if (!commodity || !price || !AMOUNT.test(price)) return null;
    return { kind: 'REPORT', commodity, price, unit: typed[2] ?? null, market: typed.length > 3 ? typed.slice(3).join(' ') : null };
  },
  run: report,
};

/** Without a market named, a report is for the market of the caller's own village. */
async function homeMarket(caller: Caller): Promise<string | null> {
  if (!caller.center) return null;
  const { serviceCenter } = await runOperation(caller.ctx, CenterVillage, { id: caller.center.id });
  return serviceCenter?.village?.name ?? null;
}

async function report(caller: Caller, command: CommandOf<'REPORT'>): Promise<string> {
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return noCurrencyReply(caller);
  const amount = typedAmount(command.price, currency);
  const market = amount === null ? null : (command.market ?? (await homeMarket(caller)));
  if (amount === null || !market) return usageReply(caller, 'REPORT');
  const { reportPrice } = await runOperation(caller.ctx, ReportPrice, {
    commodity: command.commodity,
    market,
    unit: command.unit ?? 'kg',
    price: { amount, currency },
    idempotencyKey: `sms:${caller.messageSid}`,
  });
  if (reportPrice.__typename !== 'ReportPriceSuccess') return refusalReply(caller, reportPrice, 'REPORT');
  const saved = reportPrice.data;
  if (saved.standing === 'ALREADY_COUNTED_TODAY') {
    return say(caller.language, (m, cut) => m.reportRepeat({ commodity: cut(saved.commodity), market: cut(saved.market) }));
  }
  const told = { commodity: saved.commodity, price: money({ amount, currency }), unit: saved.unit, market: saved.market };
  return say(caller.language, (m, cut) => {
    const values = { ...told, commodity: cut(told.commodity), unit: cut(told.unit), market: cut(told.market) };
    return saved.standing === 'AWAITING_CONFIRMATION' ? m.reportWaiting(values) : m.reported(values);
  });
}
