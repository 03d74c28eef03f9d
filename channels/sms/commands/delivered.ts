import { runOperation } from '../../channel-graphql.js';
import { ConfirmDelivery } from '../../operations/delivery-operations.js';
import { money, say } from '../sms-replies.js';
import type { Caller, SmsCommand } from './command-types.js';
import { CODE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** DELIVERED <order> <pickup code>: the partner handed the order over to a buyer who showed its code. */
export const deliveredCommand: SmsCommand<'DELIVERED'> = {
  read({ folded: [code, pickupCode, ...rest] }) {
    return code && CODE.test(code) && pickupCode && /^\d{6}$/.test(pickupCode) && rest.length === 0
      ? { kind: 'DELIVERED', orderCode: code, pickupCode }
      : null;
  },
  run: (caller, { orderCode, pickupCode }) => delivered(caller, orderCode, pickupCode),
};

async function delivered(caller: Caller, orderCode: string, pickupCode: string): Promise<string> {
  const { confirmDelivery: result } = await runOperation(caller.ctx, ConfirmDelivery, { code: orderCode, pickupCode });
  const { language } = caller;
  switch (result.__typename) {
    case 'ConfirmDeliverySuccess': {
      const done = result.data;
      return say(language, (m) =>
        m.delivered({ code: done.code, cash: done.cashTakenAtHandover ? money(done.cashTakenAtHandover) : null }),
      );
    }
    case 'WrongPickupCodeError':
      return say(language, (m) => m.wrongPickupCode({ attemptsLeft: result.attemptsLeft }));
    case 'PickupLockedError':
      return say(language, (m) => m.pickupLocked({ until: `${result.until.slice(11, 16)} UTC` }));
    case 'PickupCodeExpiredError':
      return say(language, (m) => m.pickupExpired({ code: orderCode }));
    case 'PaymentRequiredError':
      return say(language, (m) => m.paymentRequired({ code: orderCode }));
    default:
      return refusalReply(caller, result, 'DELIVERED', orderCode);
  }
}
