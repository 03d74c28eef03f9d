import { runOperation } from '../../channel-graphql.js';
import { UpsertProduct } from '../../operations/catalogue-operations.js';
import { say } from '../sms-replies.js';
import type { SmsCommand } from './command-types.js';
import { CODE, WHOLE } from './command-words.js';
import { refusalReply } from './refusal-reply.js';

/** STOCK <code> <quantity>: how many of a listed product the seller has now. */
export const stockCommand: SmsCommand<'STOCK'> = {
  read({ folded: [code, quantity, ...rest] }) {
    return code && CODE.test(code) && quantity && WHOLE.test(quantity) && rest.length === 0
      ? { kind: 'STOCK', productCode: code, quantity: Number(quantity) }
      : null;
  },
  async run(caller, { productCode, quantity }) {
    const { upsertProduct } = await runOperation(caller.ctx, UpsertProduct, {
      input: { code: productCode, stock: quantity, idempotencyKey: `sms:${caller.messageSid}` },
    });
    if (upsertProduct.__typename !== 'UpsertProductSuccess') return refusalReply(caller, upsertProduct, 'STOCK');
    const listing = upsertProduct.data;
    return say(caller.language, (m) => m.stockSet({ code: listing.code, stock: listing.stock }));
  },
};
