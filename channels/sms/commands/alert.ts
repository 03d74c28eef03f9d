import { currencyOfPhone } from '../../../core/common/index.js';
import { runOperation } from '../../channel-graphql.js';
import { AddPriceAlert, MyPriceAlerts } from '../../operations/price-operations.js';
import { ALERT_DIRECTION_WORDS, foldWord } from '../sms-keywords.js';
import type { Messages } from '../sms-messages.js';
import { type Cut, money, say, sayList } from '../sms-replies.js';
import type { Caller, CommandOf, SmsCommand } from './command-types.js';
import { AMOUNT, typedAmount } from './command-words.js';
import { noCurrencyReply, refusalReply, usageReply } from './refusal-reply.js';

type NewAlert = NonNullable<CommandOf<'ALERT'>['alert']>;

/** ALERT: the sender's price alerts; ALERT <crop> [above|below] <price> [market]: a new one, per kg. */
export const alertCommand: SmsCommand<'ALERT'> = {
  read({ typed }) {
    if (typed.length === 0) return { kind: 'ALERT', alert: null };
    const [commodity, ...rest] = typed;
    const word = rest[0] ? foldWord(rest[0]) : '';
    const direction = ALERT_DIRECTION_WORDS.FALL.includes(word) ? 'FALL' : 'RISE';
    const named = ALERT_DIRECTION_WORDS.FALL.includes(word) || ALERT_DIRECTION_WORDS.RISE.includes(word);
    const [price, ...market] = named ? rest.slice(1) : rest;
    if (!commodity || !price || !AMOUNT.test(price)) return null;
    return { kind: 'ALERT', alert: { commodity, direction, price, market: market.length > 0 ? market.join(' ') : null } };
  },
  run: (caller, { alert }) => (alert ? addAlert(caller, alert) : alerts(caller)),
};

async function alerts(caller: Caller): Promise<string> {
  const { myPriceAlerts } = await runOperation(caller.ctx, MyPriceAlerts);
  if (myPriceAlerts.__typename !== 'MyPriceAlertsSuccess') return refusalReply(caller, myPriceAlerts, 'ALERT');
  if (myPriceAlerts.data.length === 0) return say(caller.language, (m) => m.noAlerts);
  return sayList(
    caller.language,
    (m) => m.alertsHead,
    myPriceAlerts.data.map(
      (a) => (m: Messages, cut: Cut) =>
        m.alertItem({
          number: a.number,
          commodity: cut(a.commodity),
          market: a.market === null ? null : cut(a.market),
          price: money(a.threshold),
          direction: a.direction,
        }),
    ),
  );
}

/** The price is per kg, in the currency of the sender's country. */
async function addAlert(caller: Caller, alert: NewAlert): Promise<string> {
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return noCurrencyReply(caller);
  const amount = typedAmount(alert.price, currency);
  if (amount === null) return usageReply(caller, 'ALERT');
  const { commodity, market, direction } = alert;
  const input = { commodity, market, threshold: { amount, currency }, direction, idempotencyKey: `sms:${caller.messageSid}` };
  const { addPriceAlert } = await runOperation(caller.ctx, AddPriceAlert, { input });
  if (addPriceAlert.__typename === 'AlertLimitError') {
    const max = addPriceAlert.limit;
    return say(caller.language, (m) => m.alertLimit({ max }));
  }
  if (addPriceAlert.__typename !== 'AddPriceAlertSuccess') return refusalReply(caller, addPriceAlert, 'ALERT');
  const set = addPriceAlert.data;
  return say(caller.language, (m, cut) =>
    m.alertSet({
      number: set.number,
      commodity: cut(set.commodity),
      market: set.market === null ? null : cut(set.market),
      price: money(set.threshold),
      unit: cut(set.unit),
      direction: set.direction,
    }),
  );
}
