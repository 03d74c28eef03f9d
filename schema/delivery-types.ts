import {
  IllegalTransitionError,
  PaymentRequiredError,
  PickupCodeExpiredError,
  PickupLockedError,
  WrongPickupCodeError,
} from '../core/common/index.js';
import { cashTakenAtHandover, confirmDelivery, markArrived, type PartnerStatement, partnerStatement } from '../core/delivery/index.js';
import { builder, orThrow } from './builder.js';
import { commonErrors } from './error-types.js';
import { MoneyType } from './money-type.js';
import { OrderType } from './order-types.js';
import { SellerBalanceType } from './payment-types.js';

const money = (statement: PartnerStatement, amount: number) => ({ amount, currency: statement.currency ?? 'XXX' });

const PartnerStatementType = builder.objectRef<PartnerStatement>('PartnerStatement').implement({
  fields: (t) => ({
    centerId: t.exposeID('centerId'),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    ordersHandled: t.exposeInt('ordersHandled', { description: 'Orders handed over in the period.' }),
    ordersCollected: t.exposeInt('ordersCollected', {
      description: 'First-mile orders the center collected, handed over in the period.',
    }),
    commission: t.field({
      type: MoneyType,
      nullable: true,
      description: 'Earned in the period, less refunds.',
      resolve: (s) => (s.currency ? money(s, s.commission) : null),
    }),
    cashCollected: t.field({ type: MoneyType, nullable: true, resolve: (s) => (s.currency ? money(s, s.cashCollected) : null) }),
    owedToSellers: t.field({
      type: MoneyType,
      nullable: true,
      description: "Sellers' share of the period's cash sales.",
      resolve: (s) => (s.currency ? money(s, s.owedToSellers) : null),
    }),
    paidToSellers: t.field({
      type: MoneyType,
      nullable: true,
      description: 'Cash handed to sellers in the period.',
      resolve: (s) => (s.currency ? money(s, s.paidToSellers) : null),
    }),
    owedToCenters: t.field({
      type: MoneyType,
      nullable: true,
      description: "Collecting centers' commission shares taken in cash here.",
      resolve: (s) => (s.currency ? money(s, s.owedToCenters) : null),
    }),
    sellerBalances: t.field({
      type: [SellerBalanceType],
      description: 'What the partner owes each seller now.',
      resolve: (s) => s.sellerBalances,
    }),
    cashToHandOver: t.field({
      type: MoneyType,
      nullable: true,
      description: 'The sum of the sellerBalances above zero.',
      resolve: (s) => (s.currency ? money(s, s.cashToHandOver) : null),
    }),
  }),
});

builder.objectField(OrderType, 'cashTakenAtHandover', (t) =>
  t.field({
    type: MoneyType,
    nullable: true,
    description: 'The cash the partner took when handing the order over; null when it was paid before.',
    resolve: (order, _args, ctx) => cashTakenAtHandover(ctx, order),
  }),
);

builder.queryField('partnerStatement', (t) =>
  t.field({
    type: PartnerStatementType,
    description: "The calling partner's center between two dates (ISO 8601): orders handed over, commission, cash.",
    args: { from: t.arg.string(), to: t.arg.string() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await partnerStatement(ctx, args.from, args.to)),
  }),
);

builder.mutationFields((t) => ({
  markArrived: t.field({
    type: OrderType,
    description: "The parcel reached the center (the center's partner only): AT_CENTER, and the buyer gets a pickup code by SMS.",
    args: { code: t.arg.string() },
    errors: { types: [...commonErrors, IllegalTransitionError] },
    resolve: async (_root, args, ctx) => orThrow(await markArrived(ctx, args.code)),
  }),
  confirmDelivery: t.field({
    type: OrderType,
    description: "The handover, with the buyer's pickup code (the center's partner only). Cash orders are paid in the same step.",
    args: { orderCode: t.arg.string(), pickupCode: t.arg.string() },
    errors: {
      types: [
        ...commonErrors,
        IllegalTransitionError,
        WrongPickupCodeError,
        PickupLockedError,
        PickupCodeExpiredError,
        PaymentRequiredError,
      ],
    },
    resolve: async (_root, args, ctx) => orThrow(await confirmDelivery(ctx, args.orderCode, args.pickupCode)),
  }),
}));
