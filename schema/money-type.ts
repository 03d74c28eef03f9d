import { formatMoney, type Money } from '../core/common/index.js';
import { builder } from './builder.js';

export const MoneyType = builder.objectRef<Money>('Money').implement({
  description: 'An amount in integer minor units (cents) of an ISO 4217 currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'Minor units: 165000 TZS is 1,650.00 TZS.' }),
    currency: t.exposeString('currency'),
    formatted: t.string({ resolve: (money) => formatMoney(money) }),
  }),
});

export const MoneyInput = builder.inputType('MoneyInput', {
  fields: (t) => ({
    amount: t.int({ description: 'Minor units of the currency.' }),
    currency: t.string({ description: 'ISO 4217 code, such as TZS or KES.' }),
  }),
});
