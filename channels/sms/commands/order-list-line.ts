import type { Money, OrderStatus } from '../../../core/common/index.js';
import type { Messages } from '../sms-messages.js';
import { money } from '../sms-replies.js';

/** An order in a list reply (TASKS, ORDERS): its code, status and total. */
export const orderListLine =
  (order: { code: string; status: OrderStatus; total: Money }) =>
  (m: Messages): string =>
    m.orderItem({ code: order.code, status: m.orderStatus[order.status], total: money(order.total) });
