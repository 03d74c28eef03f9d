import { formatMoney } from '../../core/common/index.js';
import type { Notification } from '../../core/outbox/index.js';
import type { Language } from '../text/languages.js';
import { say } from './sms-replies.js';

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
  if (notification.kind === 'PAYMENT_FAILED') {
    const { orderCode } = notification;
    return say(language, (m) => m.notifyPaymentFailed({ code: orderCode }));
  }
  const { orderCode, status } = notification;
  if (notification.reason === 'UNPAID') return say(language, (m) => m.notifyUnpaidCancelled({ code: orderCode }));
  return say(language, (m, cut) => m.notifyStatus({ code: orderCode, status, center: cut(centerName) }));
}
