import { formatMoney, type Money } from '../../core/common/index.js';
import type { Notification } from '../../core/outbox/index.js';
import { fitValue } from '../text/fit-text.js';
import { GSM_LANGUAGES, type Language } from '../text/languages.js';
import { trendText } from '../text/price-trend.js';
import type { Messages } from './sms-messages.js';
import { say, sayList } from './sms-replies.js';

/** The text of a notification in the recipient's language, in one SMS. */
export function notificationText(notification: Notification, language: Language, centerName: string): string {
  if (notification.kind === 'NEW_ORDER') {
    const lines = notification.lines.map((line) => `${line.quantity} x ${line.productCode}`).join(', ');
    return say(language, (m, cut) =>
      m.notifyNewOrder({ code: notification.orderCode, lines: cut(lines), total: formatMoney(notification.total, { compact: true }) }),
    );
  }
  if (notification.kind === 'PICKUP_CODE') {
    const { orderCode, pickupCode, expiresAt } = notification;
    return say(language, (m, cut) =>
      m.notifyPickupCode({ code: orderCode, pickupCode: pickupCode ?? '', center: cut(centerName), until: expiresAt.slice(0, 10) }),
    );
  }
  if (notification.kind === 'PICKUP_LOCKED') {
    const { orderCode, until } = notification;
    return say(language, (m) => m.notifyLocked({ code: orderCode, until: `${until.slice(11, 16)} UTC` }));
  }
  if (notification.kind === 'REFUNDED') {
    const { orderCode, amount } = notification;
    return say(language, (m) => m.notifyRefunded({ code: orderCode, amount: formatMoney(amount, { compact: true }) }));
  }
  if (notification.kind === 'PRICE_ALERT') {
    const { number, commodity, market, unit, median, direction } = notification;
    const price = formatMoney(median, { compact: true });
    return say(language, (m, cut) =>
      m.notifyPriceAlert({ number, commodity: cut(commodity), market: cut(market), price, unit: cut(unit), direction }),
    );
  }
  if (notification.kind === 'WEEKLY_PRICES') {
    const { commodity, markets } = notification;
    const bare = (median: Money) => formatMoney(median, { compact: true }).replace(/^[A-Z]{3} /, '');
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
            median: bare(s.median),
            change: trendText(language, s.changePercent),
          }),
      ),
    );
  }
  if (notification.kind === 'PAYMENT_FAILED') {
    const { orderCode } = notification;
    return say(language, (m) => m.notifyPaymentFailed({ code: orderCode }));
  }
  const { orderCode, status } = notification;
  if (notification.reason === 'UNPAID') return say(language, (m) => m.notifyUnpaidCancelled({ code: orderCode }));
  return say(language, (m, cut) => m.notifyStatus({ code: orderCode, status, center: cut(centerName) }));
}
