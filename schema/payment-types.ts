import { AmountMismatchError, IllegalTransitionError, PaymentPendingError } from '../core/common/index.js';
import type { Payment } from '../core/orders/index.js';
import { paymentsOf, type RecordedPayment, recordPayment, refundOrder, requestMobileMoneyPayment } from '../core/payments/index.js';
import { builder, orThrow } from './builder.js';
import { commonErrors } from './error-types.js';
import { MoneyInput, MoneyType } from './money-type.js';
import { OrderType, PaymentMethodEnum } from './order-types.js';

const PaymentType = builder.objectRef<Payment>('Payment').implement({
  fields: (t) => ({
    reference: t.exposeString('reference', { description: "The provider's reference, or the receipt number for cash." }),
    refund: t.boolean({ description: 'A refund, which gave the payment back.', resolve: (payment) => payment.kind === 'REFUND' }),
    method: t.field({ type: PaymentMethodEnum, resolve: (payment) => payment.method }),
    amount: t.field({ type: MoneyType, resolve: (payment) => payment.amount }),
    recordedAt: t.exposeString('recordedAt'),
    recordedBy: t.exposeString('recordedBy'),
  }),
});

const RecordedPaymentType = builder.objectRef<RecordedPayment>('RecordedPayment').implement({
  fields: (t) => ({
    payment: t.field({ type: PaymentType, resolve: (recorded) => recorded.payment }),
    order: t.field({ type: OrderType, resolve: (recorded) => recorded.order }),
  }),
});

builder.objectField(OrderType, 'payments', (t) =>
  t.field({
    type: [PaymentType],
    description: "The order's payment ledger, oldest first.",
    resolve: (order, _args, ctx) => paymentsOf(ctx, order),
  }),
);

const RecordPaymentInput = builder.inputType('RecordPaymentInput', {
  fields: (t) => ({
    orderCode: t.string(),
    method: t.field({ type: PaymentMethodEnum }),
    amount: t.field({ type: MoneyInput, description: "Must equal the order's total." }),
    reference: t.string({ description: 'Recording the same reference again changes nothing.' }),
  }),
});

builder.mutationField('requestMobileMoneyPayment', (t) =>
  t.field({
    type: OrderType,
    description: "Sends the buyer's phone an M-Pesa payment request (STK push); the payment is PENDING until M-Pesa answers.",
    args: { orderCode: t.arg.string() },
    errors: { types: [...commonErrors, IllegalTransitionError] },
    resolve: async (_root, args, ctx) => orThrow(await requestMobileMoneyPayment(ctx, args.orderCode)),
  }),
);

builder.mutationField('recordPayment', (t) =>
  t.field({
    type: RecordedPaymentType,
    args: { input: t.arg({ type: RecordPaymentInput }) },
    errors: { types: [...commonErrors, AmountMismatchError, IllegalTransitionError, PaymentPendingError] },
    resolve: async (_root, { input }, ctx) => orThrow(await recordPayment(ctx, input)),
  }),
);

const RefundOrderInput = builder.inputType('RefundOrderInput', {
  fields: (t) => ({
    orderCode: t.string(),
    reference: t.string({ description: 'The cash receipt or the mobile-money reversal; the same reference again changes nothing.' }),
  }),
});

builder.mutationField('refundOrder', (t) =>
  t.field({
    type: RecordedPaymentType,
    description:
      "Gives a paid order's total back by the method it was paid with (its center's partner, or an admin): PAID -> REFUNDED, once. An order that never shipped is cancelled and its stock put back.",
    args: { input: t.arg({ type: RefundOrderInput }) },
    errors: { types: [...commonErrors, IllegalTransitionError] },
    resolve: async (_root, { input }, ctx) => orThrow(await refundOrder(ctx, input)),
  }),
);
