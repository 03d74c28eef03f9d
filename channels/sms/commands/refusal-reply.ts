import type { OrderRule } from '../../../core/common/index.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../../core/orders/index.js';
import { orderStatusName } from '../../text/status-names.js';
import type { CommandName } from '../sms-keywords.js';
import type { Entity } from '../sms-messages.js';
import { say } from '../sms-replies.js';
import type { Caller } from './command-types.js';

/**
 * How a reply names what was not found, by the schema's name for it. A villager never types a
 * village: they reach one through the code of its service center (JOIN, a product's code), so a
 * missing village is said as a missing service center. A price alert is answered by UNALERT itself.
 */
const ENTITY_SAID_AS: Record<string, Entity> = {
  product: 'product',
  order: 'order',
  'service center': 'center',
  shop: 'shop',
  village: 'center',
};

/**
 * The business outcomes that stop a command, as the operations select them. An operation whose
 * result can hold an outcome not listed here does not compile where its refusal is replied to.
 */
export type Refusal =
  | { __typename: 'NotFoundError'; entity: string; key: string }
  | { __typename: 'OutOfStockError'; productCode: string; available: number }
  | { __typename: 'IllegalTransitionError'; from: string }
  | { __typename: 'InvalidInputError'; rule?: OrderRule | null }
  | { __typename: 'ForbiddenError' | 'OrderPaidError' | 'PaymentPendingError' | 'IdempotencyKeyReusedError' };

/** The short reply for a business outcome that stopped a command about `orderCode`, if any. */
export function refusalReply(caller: Caller, refusal: Refusal, command: CommandName, orderCode = ''): string {
  const { language } = caller;
  switch (refusal.__typename) {
    case 'NotFoundError':
      if (refusal.entity === 'shop') return say(language, (m) => m.noShop);
      return say(language, (m, cut) =>
        m.notFound({ entity: m.entity[ENTITY_SAID_AS[refusal.entity] ?? 'product'], key: cut(refusal.key) }),
      );
    case 'OutOfStockError':
      return say(language, (m) => m.outOfStock({ code: refusal.productCode, available: refusal.available }));
    case 'ForbiddenError':
      return say(language, (m) => m.forbidden);
    case 'IllegalTransitionError':
      return say(language, (m) => m.illegal({ code: orderCode, status: orderStatusName(language, refusal.from) }));
    case 'OrderPaidError':
      return say(language, (m) => m.orderPaid({ code: orderCode }));
    case 'PaymentPendingError':
      return say(language, (m) => m.paymentPending({ code: orderCode }));
    case 'InvalidInputError':
      // An order limit is said as such; any other bad input gets the command's usage.
      if ('rule' in refusal && refusal.rule) {
        const rule = refusal.rule;
        return say(language, (m) => m.orderRule({ rule, maxLines: MAX_ORDER_LINES, maxQuantity: MAX_LINE_QUANTITY }));
      }
      return say(language, (m) => m.badInput({ usage: m.usage[command] }));
    case 'IdempotencyKeyReusedError':
      // Every key is the MessageSid of one command: a reuse is a bug.
      throw new Error(`${command}: unexpected outcome ${refusal.__typename}`);
  }
}

/** The usage line of a command, when what was typed fits its words but not its values (a price of 0). */
export const usageReply = (caller: Caller, command: CommandName) => say(caller.language, (m) => m.badInput({ usage: m.usage[command] }));

/** Where the price is in the sender's country's currency and the phone's country has none we know. */
export const noCurrencyReply = (caller: Caller) => say(caller.language, (m) => m.noCurrency);
