import { AmountMismatchError, IllegalTransitionError, OverpaymentError, PaymentPendingError } from '../core/common/index.js';
import type { Payment } from '../core/orders/index.js';
import {
  type Payout,
  paymentsOf,
  payOutSeller,
  type RecordedPayment,
  recordPayment,
  refundOrder,
  requestMobileMoneyPayment,
  type SellerBalance,
  type SellerStatement,
  sellerStatement,
} from '../core/payments/index.js';
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

export const SellerBalanceType = builder.objectRef<SellerBalance>('SellerBalance').implement({
  description: "What a center's partner owes a seller in cash now (below zero: the seller owes it).",
  fields: (t) => ({
    centerId: t.exposeID('centerId'),
    sellerPhone: t.exposeString('sellerPhone'),
    owed: t.field({ type: MoneyType, resolve: (balance) => ({ amount: balance.owed, currency: balance.currency }) }),
  }),
});

const PayoutType = builder.objectRef<Payout>('Payout').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    centerId: t.exposeID('centerId'),
    sellerPhone: t.exposeString('sellerPhone'),
    amount: t.field({ type: MoneyType, resolve: (payout) => payout.amount }),
    paidAt: t.exposeString('paidAt'),
    owedAfter: t.field({ type: MoneyType, description: 'What the center still owes the seller.', resolve: (payout) => payout.owedAfter }),
  }),
});

const PayOutSellerInput = builder.inputType('PayOutSellerInput', {
  fields: (t) => ({
    sellerPhone: t.string(),
    amount: t.field({ type: MoneyInput, description: 'At most what the center owes the seller.' }),
    idempotencyKey: t.string({ description: 'The same key again returns the first payout and changes nothing.' }),
  }),
});

builder.mutationField('payOutSeller', (t) =>
  t.field({
    type: PayoutType,
    description: 'A partner records handing a seller cash from their sales: at most what the center owes them.',
    args: { input: t.arg({ type: PayOutSellerInput }) },
    errors: { types: [...commonErrors, OverpaymentError] },
    resolve: async (_root, { input }, ctx) => orThrow(await payOutSeller(ctx, input)),
  }),
);

const statementMoney = (statement: SellerStatement, amount: number) => ({ amount, currency: statement.currency ?? 'XXX' });

const SellerStatementType = builder.objectRef<SellerStatement>('SellerStatement').implement({
  fields: (t) => ({
    sellerPhone: t.exposeString('sellerPhone'),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    ordersSold: t.exposeInt('ordersSold', { description: 'Handed over in the period, less refunds.' }),
    sales: t.field({ type: MoneyType, nullable: true, resolve: (s) => (s.currency ? statementMoney(s, s.sales) : null) }),
    commission: t.field({ type: MoneyType, nullable: true, resolve: (s) => (s.currency ? statementMoney(s, s.commission) : null) }),
    proceeds: t.field({
      type: MoneyType,
      nullable: true,
      description: 'Sales less commission.',
      resolve: (s) => (s.currency ? statementMoney(s, s.proceeds) : null),
    }),
    paid: t.field({
      type: MoneyType,
      nullable: true,
      description: "Cash the centers' partners handed the seller in the period.",
      resolve: (s) => (s.currency ? statementMoney(s, s.paid) : null),
    }),
    heldByService: t.field({
      type: MoneyType,
      nullable: true,
      description: 'Proceeds the service holds (mobile money, admin-recorded cash).',
      resolve: (s) => (s.currency ? statementMoney(s, s.heldByService) : null),
    }),
    owedByCenters: t.field({
      type: [SellerBalanceType],
      description: 'What each center owes the seller now.',
      resolve: (s) => s.owedByCenters,
    }),
  }),
});

builder.queryField('sellerStatement', (t) =>
  t.field({
    type: SellerStatementType,
    description: "A seller's sales, commission, proceeds and cash received between two dates (ISO 8601).",
    args: {
      from: t.arg.string(),
      to: t.arg.string(),
      sellerPhone: t.arg.string({ required: false, description: 'Required for an administrator; a seller gets their own.' }),
    },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await sellerStatement(ctx, args)),
  }),
);
