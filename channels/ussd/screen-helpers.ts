import { formatMoney, type Money } from '../../core/common/index.js';
import { fitValue } from '../text/fit-text.js';
import { ORDER_STATUS_NAMES } from '../text/status-names.js';
import type { MenuCaller, MenuContext, Step } from './screen-types.js';
import type { OrderItem } from './shown-lists.js';
import { fitScreen } from './ussd-screen.js';

/** The input that goes back a screen, on every screen that shows "0 Back". */
export const BACK = '0';

export const money = (amount: Money) => formatMoney(amount, { compact: true });

/** Text from the data, safe for the caller's alphabet and no longer than `max`. */
export function value(caller: MenuCaller, text: string, max: number): string {
  return fitValue(caller.language, text, max);
}

/** The number of a menu line the caller chose, or null when the input is no such number. */
export function choiceOf(input: string): number | null {
  return /^\d{1,2}$/.test(input) ? Number(input) : null;
}

/** Only the path's last input may change anything: an earlier one would have ended the session. */
export function onLastInput(mc: MenuContext, last: boolean, action: () => Promise<Step>): Promise<Step> | Step {
  return last ? action() : { end: mc.m.failed };
}

/** An order as a partner or seller sees it (buyer, status, total), with the one step they may take next, if any. */
export function orderWithStep({ caller, m, limit }: MenuContext, order: OrderItem, step: string | null): string {
  return fitScreen(
    () => [
      m.taskDetail({
        code: order.code,
        buyer: order.buyerPhone,
        status: ORDER_STATUS_NAMES[caller.language][order.status],
        total: money(order.total),
      }),
      ...(step ? [step] : []),
      m.back,
    ],
    limit,
  );
}
