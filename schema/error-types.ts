import type { ObjectFieldsShape } from '@pothos/core';
import {
  AlertLimitError,
  AmbiguousProductCodeError,
  AmountMismatchError,
  type BusinessError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  IllegalTransitionError,
  InvalidInputError,
  NotFoundError,
  OrderPaidError,
  OutOfStockError,
  OverpaymentError,
  PaymentPendingError,
  PaymentRequiredError,
  PickupCodeExpiredError,
  PickupLockedError,
  WrongConsentCodeError,
  WrongPickupCodeError,
} from '../core/common/index.js';
import { builder } from './builder.js';
import { MoneyType } from './money-type.js';

const ErrorInterface = builder.interfaceRef<BusinessError>('Error').implement({
  description:
    'An expected business outcome that stopped the operation. Nothing was written, but for a wrong pickup code, which is counted.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** A business outcome of core/ as a GraphQL type implementing Error, with the fields of its own. */
function errorType<T extends BusinessError>(
  name: string,
  errorClass: new (...args: never[]) => T,
  fields: ObjectFieldsShape<BuilderTypes, T> = () => ({}),
) {
  // Pothos cannot resolve the shape of a generic class; callers' fields are checked against T above.
  const shapeFields = fields as unknown as ObjectFieldsShape<BuilderTypes, BusinessError>;
  // biome-ignore lint/suspicious/noExplicitAny: Pothos takes the shape of a class from a constructor of any arguments
  builder.objectType(errorClass as unknown as new (...args: any[]) => BusinessError, {
    name,
    interfaces: [ErrorInterface],
    fields: shapeFields,
  });
}

errorType('NotFoundError', NotFoundError, (t) => ({ entity: t.exposeString('entity'), key: t.exposeString('key') }));

errorType('ForbiddenError', ForbiddenError);

const OrderRuleEnum = builder.enumType('OrderRule', {
  description: 'An order limit the input broke, for a client to say in its own words.',
  values: ['ONE_SELLER', 'MAX_LINES', 'MAX_QUANTITY', 'MAX_TOTAL'] as const,
});

errorType('InvalidInputError', InvalidInputError, (t) => ({
  field: t.exposeString('field'),
  reason: t.exposeString('reason'),
  rule: t.field({ type: OrderRuleEnum, nullable: true, resolve: (error) => error.rule }),
}));

errorType('OutOfStockError', OutOfStockError, (t) => ({ productCode: t.exposeString('productCode'), available: t.exposeInt('available') }));

errorType('IllegalTransitionError', IllegalTransitionError, (t) => ({
  machine: t.exposeString('machine'),
  from: t.exposeString('from'),
  to: t.exposeString('to'),
}));

errorType('AmountMismatchError', AmountMismatchError, (t) => ({
  expected: t.field({ type: MoneyType, resolve: (error) => error.expected }),
  received: t.field({ type: MoneyType, resolve: (error) => error.received }),
}));

errorType('IdempotencyKeyReusedError', IdempotencyKeyReusedError, (t) => ({ key: t.exposeString('key') }));

errorType('OrderPaidError', OrderPaidError, (t) => ({ orderCode: t.exposeString('orderCode') }));

errorType('OverpaymentError', OverpaymentError, (t) => ({
  owed: t.field({ type: MoneyType, description: 'The most that may be paid now.', resolve: (error) => error.owed }),
}));

errorType('WrongPickupCodeError', WrongPickupCodeError, (t) => ({ attemptsLeft: t.exposeInt('attemptsLeft') }));

errorType('PickupLockedError', PickupLockedError, (t) => ({ until: t.exposeString('until') }));

errorType('PickupCodeExpiredError', PickupCodeExpiredError, (t) => ({ orderCode: t.exposeString('orderCode') }));

errorType('PaymentPendingError', PaymentPendingError, (t) => ({ orderCode: t.exposeString('orderCode') }));

errorType('PaymentRequiredError', PaymentRequiredError, (t) => ({ orderCode: t.exposeString('orderCode') }));

errorType('AmbiguousProductCodeError', AmbiguousProductCodeError, (t) => ({
  productCode: t.exposeString('productCode'),
  matches: t.exposeStringList('matches', { description: 'The ids (CODE.VILLAGE) of the first products with the code.' }),
  moreMatches: t.exposeBoolean('moreMatches', { description: 'More products than `matches` have the code.' }),
}));

errorType('AlertLimitError', AlertLimitError, (t) => ({ limit: t.exposeInt('limit') }));

errorType('WrongConsentCodeError', WrongConsentCodeError, (t) => ({ triesLeft: t.exposeInt('triesLeft') }));

/** Outcomes every mutation can have: the caller may not, the input is wrong, a referenced thing is missing. */
export const commonErrors = [ForbiddenError, InvalidInputError, NotFoundError];
