import { currencyOfPhone, normalizePhoneNear } from '../../../core/common/index.js';
import { runOperation } from '../../channel-graphql.js';
import { PayOutSeller } from '../../operations/payment-operations.js';
import { money, say } from '../sms-replies.js';
import type { Caller, CommandOf, SmsCommand } from './command-types.js';
import { AMOUNT, typedAmount } from './command-words.js';
import { noCurrencyReply, refusalReply, usageReply } from './refusal-reply.js';

/** A phone number as people type it: international, or national in the sender's country. */
const PHONE = /^\+?\d{6,15}$/;

/** PAYOUT <seller phone> <amount>: the partner handed a seller cash, in the currency of the partner's country. */
export const payoutCommand: SmsCommand<'PAYOUT'> = {
  read({ folded: [phone, amount, ...rest] }) {
    return phone && PHONE.test(phone) && amount && AMOUNT.test(amount) && rest.length === 0
      ? { kind: 'PAYOUT', sellerPhone: phone, amount }
      : null;
  },
  run: payOut,
};

async function payOut(caller: Caller, command: CommandOf<'PAYOUT'>): Promise<string> {
  const sellerPhone = normalizePhoneNear(command.sellerPhone, caller.phone);
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return noCurrencyReply(caller);
  const amount = typedAmount(command.amount, currency);
  if (!sellerPhone || amount === null) return usageReply(caller, 'PAYOUT');
  const { payOutSeller: result } = await runOperation(caller.ctx, PayOutSeller, {
    input: { sellerPhone, amount: { amount, currency }, idempotencyKey: caller.messageSid },
  });
  if (result.__typename === 'OverpaymentError')
    return say(caller.language, (m) => m.overpaid({ owed: money(result.owed), seller: sellerPhone }));
  if (result.__typename !== 'PayOutSellerSuccess') return refusalReply(caller, result, 'PAYOUT');
  const paid = result.data;
  return say(caller.language, (m) => m.paidOut({ amount: money(paid.amount), seller: paid.sellerPhone, owed: money(paid.owedAfter) }));
}
