import { qualifyCode } from '../../../core/catalogue/index.js';
import { runOperation } from '../../channel-graphql.js';
import { PlaceOrder } from '../../operations/order-operations.js';
import { requestPayment } from '../../payment-request.js';
import { foldWord, PAYMENT_WORDS } from '../sms-keywords.js';
import { money, say } from '../sms-replies.js';
import type { Caller, CommandOf, SmsCommand } from './command-types.js';
import { PRODUCT, WHOLE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

function paymentOf(word: string): 'CASH' | 'MOBILE_MONEY' | null {
  const folded = foldWord(word);
  if (PAYMENT_WORDS.CASH.includes(folded)) return 'CASH';
  if (PAYMENT_WORDS.MOBILE_MONEY.includes(folded)) return 'MOBILE_MONEY';
  return null;
}

/** ORDER <qty> <code> [<qty> <code>...] [CASH or MOMO]: one order at the sender's center. */
export const orderCommand: SmsCommand<'ORDER'> = {
  read({ folded }) {
    const rest = [...folded];
    const payment = rest.length % 2 === 1 ? paymentOf(rest.pop()!) : 'CASH';
    if (!payment || rest.length === 0) return null;
    const lines: { quantity: number; productCode: string }[] = [];
    for (let i = 0; i < rest.length; i += 2) {
      const [quantity, productCode] = [rest[i]!, rest[i + 1]!];
      if (!WHOLE.test(quantity) || !PRODUCT.test(productCode)) return null;
      lines.push({ quantity: Number(quantity), productCode });
    }
    return { kind: 'ORDER', lines, payment };
  },
  run: order,
};

async function order(caller: Caller, command: CommandOf<'ORDER'>): Promise<string> {
  const center = caller.center;
  if (!center) return say(caller.language, (m) => m.notJoined);
  // Without mobile money here, an order to pay by it could only wait unpaid until it expires.
  if (command.payment === 'MOBILE_MONEY' && !caller.ctx.mpesa) return say(caller.language, (m) => m.momoUnavailable);
  const { placeOrder } = await runOperation(caller.ctx, PlaceOrder, {
    input: {
      serviceCenterId: center.id,
      // A bare code names a product of the caller's own market: said here, the order reads no center first.
      lines: command.lines.map((line) => ({ ...line, productCode: qualifyCode(line.productCode, center.villageId) })),
      paymentMethod: command.payment,
      idempotencyKey: `sms:${caller.messageSid}`,
    },
  });
  if (placeOrder.__typename !== 'PlaceOrderSuccess') return refusalReply(caller, placeOrder, 'ORDER');
  const placed = placeOrder.data;
  if (placed.paymentMethod === 'MOBILE_MONEY' && (await requestPayment(caller, placed.code))) {
    return say(caller.language, (m, cut) =>
      m.paymentRequested({ code: placed.code, total: money(placed.total), center: cut(center.name) }),
    );
  }
  return say(caller.language, (m, cut) =>
    m.ordered({ code: placed.code, total: money(placed.total), center: cut(center.name), payment: placed.paymentMethod }),
  );
}
