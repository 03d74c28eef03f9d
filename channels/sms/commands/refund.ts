import { runOperation } from '../../channel-graphql.js';
import { RefundOrder } from '../../operations/payment-operations.js';
import { money, say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { CODE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** A cash receipt's number or a mobile-money reversal's reference. */
const REFERENCE = /^[A-Z0-9-]{1,64}$/;

/** REFUND <order> <reference>: the partner gave a paid order's money back, with the receipt's number. */
export const refundCommand: SmsCommand<'REFUND'> = {
  read({ folded: [orderCode, reference, ...rest] }) {
    return orderCode && CODE.test(orderCode) && reference && REFERENCE.test(reference) && rest.length === 0
      ? { kind: 'REFUND', orderCode, reference }
      : null;
  },
  async run(caller, { orderCode, reference }) {
    const { refundOrder: result } = await runOperation(caller.ctx, RefundOrder, { input: { orderCode, reference } });
    if (result.__typename === 'IllegalTransitionError') return say(caller.language, (m) => m.notRefundable({ code: orderCode }));
    if (result.__typename !== 'RefundOrderSuccess') return refusalReply(caller, result, 'REFUND', orderCode);
    const refunded = result.data.payment;
    return say(caller.language, (m) => m.refunded({ code: orderCode, amount: money(refunded.amount) }));
  },
};
