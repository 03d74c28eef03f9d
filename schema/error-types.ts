import { AmountMismatchError, BusinessError, ForbiddenError, IdempotencyKeyReusedError, IllegalTransitionError, InvalidInputError, NotFoundError, OrderPaidError, OutOfStockError, PaymentPendingError, PaymentRequiredError, PickupCodeExpiredError, PickupLockedError, WrongPickupCodeError } from '../core/common/index.js';
import { builder } from './builder.js';
import { MoneyType } from './money-type.js';

export const ErrorInterface = builder.interfaceRef<BusinessError>('Error').implement({
  description: 'An expected business outcome that stopped the operation. Nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ entity: t.exposeString('entity'), key: t.exposeString('key') }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field'), reason: t.exposeString('reason') }),
});

builder.objectType(OutOfStockError, {
  name: 'OutOfStockError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ productCode: t.exposeString('productCode'), available: t.exposeInt('available') }),
});

builder.objectType(IllegalTransitionError, {
  name: 'IllegalTransitionError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ machine: t.exposeString('machine'), from: t.exposeString('from'), to: t.exposeString('to') }),
});

builder.objectType(AmountMismatchError, {
  name: 'AmountMismatchError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    expected: t.field({ type: MoneyType, resolve: (error) => error.expected }),
    received: t.field({ type: MoneyType, resolve: (error) => error.received }),
  }),
});

builder.objectType(IdempotencyKeyReusedError, {
  name: 'IdempotencyKeyReusedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ key: t.exposeString('key') }),
});

builder.objectType(OrderPaidError, {
  name: 'OrderPaidError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ orderCode: t.exposeString('orderCode') }),
});

builder.objectType(WrongPickupCodeError, {
  name: 'WrongPickupCodeError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ attemptsLeft: t.exposeInt('attemptsLeft') }),
});

builder.objectType(PickupLockedError, {
  name: 'PickupLockedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ until: t.exposeString('until') }),
});

builder.objectType(PickupCodeExpiredError, {
  name: 'PickupCodeExpiredError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ orderCode: t.exposeString('orderCode') }),
});

builder.objectType(PaymentPendingError, {
  name: 'PaymentPendingError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ orderCode: t.exposeString('orderCode') }),
});

builder.objectType(PaymentRequiredError, {
  name: 'PaymentRequiredError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ orderCode: t.exposeString('orderCode') }),
});

/** Outcomes every mutation can have: the caller may not, the input is wrong, a referenced thing is missing. */
export const commonErrors = [ForbiddenError, InvalidInputError, NotFoundError];
