import type { Notification } from '../../core/outbox/index.js';
import { fitValue } from '../text/fit-text.js';
import { GSM_LANGUAGES, type Language } from '../text/languages.js';
import { trendText } from '../text/price-trend.js';
import { scopesText } from '../text/scope-names.js';
import type { Messages } from './sms-messages.js';
import { bareMoney, money, say, sayList } from './sms-replies.js';

type Kind = Notification['kind'];
/** Renders one kind of notification in a language; `centerName` is the center the notification names, if any. */
type Render<K extends Kind> = (notification: Extract<Notification, { kind: K }>, language: Language, centerName: string) => string;

/** The weekly prices: as many markets as fit, the currency named once. */
const weeklyPrices: Render<'WEEKLY_PRICES'> = ({ commodity, markets }, language) => {
  // Names shorter than in other lists: a week's message should show several markets, even in 70 characters.
  const short = (value: string, gsm: number) => fitValue(language, value, GSM_LANGUAGES.includes(language) ? gsm : Math.ceil(gsm / 2));
  return sayList(
    language,
    (m) => m.weeklyHead({ commodity: short(commodity, 20), currency: markets[0]?.median.currency ?? '' }),
    markets.map(
      (s) => (m: Messages) =>
        m.weeklyItem({
          market: short(s.market, 16),
          unit: short(s.unit, 10),
          median: bareMoney(s.median),
          change: trendText(language, s.changePercent),
        }),
    ),
  );
};

/** Every kind of notification: a kind added to `Notification` without its text here does not compile. */
const TEXTS: { [K in Kind]: Render<K> } = {
  NEW_ORDER: ({ orderCode, lines, total }, language) => {
    const items = lines.map((line) => `${line.quantity} x ${line.productCode}`).join(', ');
    return say(language, (m, cut) => m.notifyNewOrder({ code: orderCode, lines: cut(items), total: money(total) }));
  },
  ORDER_STATUS: ({ orderCode, status, reason }, language, centerName) =>
    reason === 'UNPAID'
      ? say(language, (m) => m.notifyUnpaidCancelled({ code: orderCode }))
      : say(language, (m, cut) => m.notifyStatus({ code: orderCode, status, center: cut(centerName) })),
  PICKUP_CODE: ({ orderCode, pickupCode, expiresAt }, language, centerName) =>
    say(language, (m, cut) =>
      m.notifyPickupCode({ code: orderCode, pickupCode: pickupCode ?? '', center: cut(centerName), until: expiresAt.slice(0, 10) }),
    ),
  // The scopes are never cut: the phone is told all that the app would be let do.
  CONSENT_REQUEST: ({ appName, scopes, bindingMessage, code }, language) =>
    say(language, (m, cut) =>
      m.notifyConsent({
        app: cut(appName),
        scopes: scopesText(language, scopes),
        ref: bindingMessage === null ? null : cut(bindingMessage),
        code: code ?? '',
      }),
    ),
  PICKUP_LOCKED: ({ orderCode, until }, language) =>
    say(language, (m) => m.notifyLocked({ code: orderCode, until: `${until.slice(11, 16)} UTC` })),
  PAYMENT_FAILED: ({ orderCode }, language) => say(language, (m) => m.notifyPaymentFailed({ code: orderCode })),
  REFUNDED: ({ orderCode, amount }, language) => say(language, (m) => m.notifyRefunded({ code: orderCode, amount: money(amount) })),
  PRICE_ALERT: ({ number, commodity, market, unit, median, direction }, language) =>
    say(language, (m, cut) =>
      m.notifyPriceAlert({ number, commodity: cut(commodity), market: cut(market), price: money(median), unit: cut(unit), direction }),
    ),
  WEEKLY_PRICES: weeklyPrices,
};

function textOf<K extends Kind>(kind: K): Render<K> {
  return TEXTS[kind];
}

/** The text of a notification in the recipient's language, in one SMS. */
export function notificationText(notification: Notification, language: Language, centerName: string): string {
  return textOf(notification.kind)(notification, language, centerName);
}
