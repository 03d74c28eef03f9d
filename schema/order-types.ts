import { findServiceCenters, findShops } from '../core/catalogue/index.js';
import {
  IdempotencyKeyReusedError,
  IllegalTransitionError,
  NotFoundError,
  ORDER_STATUSES,
  OrderPaidError,
  OutOfStockError,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  PaymentPendingError,
} from '../core/common/index.js';
import {
  acceptOrder,
  cancelOrder,
  centerOrders,
  findOrder,
  firstMileOrders,
  MAX_ORDER_LINES,
  myOrders,
  type Order,
  type OrderLine,
  placeOrder,
  receiveOrder,
  type StatusChange,
  shipOrder,
  shopOrders,
} from '../core/orders/index.js';
import { builder, orThrow } from './builder.js';
import { ServiceCenterType, ShopType } from './catalogue-types.js';
import { connectionType, pageArgs, pageRequest } from './connection.js';
import { commonErrors } from './error-types.js';
import { MoneyType } from './money-type.js';

const OrderStatusEnum = builder.enumType('OrderStatus', { values: ORDER_STATUSES });
const PaymentStatusEnum = builder.enumType('PaymentStatus', { values: PAYMENT_STATUSES });
export const PaymentMethodEnum = builder.enumType('PaymentMethod', { values: PAYMENT_METHODS });

const OrderLineType = builder.objectRef<OrderLine>('OrderLine').implement({
  fields: (t) => ({
    productId: t.exposeID('productId', { description: "The product's global id: its code with its village (CODE.VILLAGE)." }),
    productCode: t.exposeString('productCode', { description: "The product's code in its own village." }),
    name: t.exposeString('name'),
    unit: t.exposeString('unit'),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({ type: MoneyType, resolve: (line) => line.unitPrice }),
    lineTotal: t.field({ type: MoneyType, resolve: (line) => line.lineTotal }),
  }),
});

const StatusChangeType = builder.objectRef<StatusChange>('StatusChange').implement({
  fields: (t) => ({
    status: t.field({ type: OrderStatusEnum, resolve: (change) => change.status }),
    at: t.exposeString('at'),
    by: t.exposeString('by'),
  }),
});

export const OrderType = builder.objectRef<Order>('Order').implement({
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Six keypad-friendly characters: no 0, O, 1 or I.' }),
    buyerPhone: t.exposeString('buyerPhone'),
    sellerPhone: t.exposeString('sellerPhone'),
    status: t.field({ type: OrderStatusEnum, resolve: (order) => order.status }),
    paymentStatus: t.field({ type: PaymentStatusEnum, resolve: (order) => order.paymentStatus }),
    paymentMethod: t.field({ type: PaymentMethodEnum, resolve: (order) => order.paymentMethod }),
    lines: t.field({ type: [OrderLineType], resolve: (order) => order.lines }),
    subtotal: t.field({ type: MoneyType, resolve: (order) => order.subtotal }),
    total: t.field({ type: MoneyType, resolve: (order) => order.total }),
    history: t.field({ type: [StatusChangeType], resolve: (order) => order.history }),
    createdAt: t.exposeString('createdAt'),
    updatedAt: t.exposeString('updatedAt'),
    shop: t.loadable({
      type: ShopType,
      nullable: true,
      load: (ids: string[], ctx) => findShops(ctx, ids),
      resolve: (order) => order.shopId,
    }),
    serviceCenter: t.loadable({
      type: ServiceCenterType,
      nullable: true,
      description: 'Where the buyer picks the order up.',
      load: (ids: string[], ctx) => findServiceCenters(ctx, ids),
      resolve: (order) => order.centerId,
    }),
    collectingCenter: t.loadable({
      type: ServiceCenterType,
      nullable: true,
      description: "Where the seller drops the order off on a first mile (their village's center); null: the seller ships it.",
      load: (ids: string[], ctx) => findServiceCenters(ctx, ids),
      resolve: (order) => order.collectingCenterId ?? null,
    }),
  }),
});

const OrderLineInput = builder.inputType('OrderLineInput', {
  fields: (t) => ({
    productCode: t.string({
      description: "The product's id (CODE.VILLAGE), or its bare code in the village of the order's service center.",
    }),
    quantity: t.int(),
  }),
});

const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  fields: (t) => ({
    buyerPhone: t.string({
      required: false,
      description: "Left out, the caller's own phone. A partner may order for a villager at their own center.",
    }),
    serviceCenterId: t.id({ description: 'Where the buyer picks the order up.' }),
    lines: t.field({ type: [OrderLineInput], description: `1 to ${MAX_ORDER_LINES} lines, all from one seller.` }),
    paymentMethod: t.field({ type: PaymentMethodEnum }),
    idempotencyKey: t.string({ description: 'The same key again returns the first order and changes nothing.' }),
  }),
});

const OrderConnection = connectionType('Order', OrderType);

builder.queryFields((t) => ({
  order: t.field({
    type: OrderType,
    args: { code: t.arg.string() },
    errors: { types: [NotFoundError] },
    resolve: async (_root, args, ctx) => orThrow(await findOrder(ctx, args.code)),
  }),
  centerOrders: t.field({
    type: OrderConnection,
    description: "A page of a partner's center's orders, newest first: by default those on their way or awaiting pickup.",
    args: {
      statuses: t.arg({ type: [OrderStatusEnum], required: false }),
      centerId: t.arg.id({ required: false, description: 'Required for an administrator; a partner gets their own center.' }),
      ...pageArgs(t.arg),
    },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) =>
      orThrow(
        await centerOrders(
          ctx,
          { statuses: args.statuses ?? null, centerId: args.centerId == null ? null : String(args.centerId) },
          pageRequest(args),
        ),
      ),
  }),
  firstMileOrders: t.field({
    type: OrderConnection,
    description: "A page of the first-mile orders a partner's center collects from its village's sellers, oldest first.",
    args: {
      centerId: t.arg.id({ required: false, description: 'Required for an administrator; a partner gets their own center.' }),
      ...pageArgs(t.arg),
    },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) =>
      orThrow(await firstMileOrders(ctx, { centerId: args.centerId == null ? null : String(args.centerId) }, pageRequest(args))),
  }),
  shopOrders: t.field({
    type: OrderConnection,
    description: "A page of a seller's shop's orders, newest first, in the statuses given (all by default).",
    args: {
      statuses: t.arg({ type: [OrderStatusEnum], required: false }),
      shopId: t.arg.id({ required: false, description: 'Required for an administrator; a seller gets their own (first) shop.' }),
      ...pageArgs(t.arg),
    },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) =>
      orThrow(
        await shopOrders(
          ctx,
          { statuses: args.statuses ?? null, shopId: args.shopId == null ? null : String(args.shopId) },
          pageRequest(args),
        ),
      ),
  }),
  myOrders: t.field({
    type: OrderConnection,
    description: "A page of the caller's orders as a buyer, newest first.",
    args: pageArgs(t.arg, 10),
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await myOrders(ctx, pageRequest(args, 10))),
  }),
}));

const transitionErrors = [...commonErrors, IllegalTransitionError];

builder.mutationFields((t) => ({
  placeOrder: t.field({
    type: OrderType,
    args: { input: t.arg({ type: PlaceOrderInput }) },
    errors: { types: [...commonErrors, OutOfStockError, IdempotencyKeyReusedError] },
    resolve: async (_root, { input }, ctx) => orThrow(await placeOrder(ctx, { ...input, serviceCenterId: String(input.serviceCenterId) })),
  }),
  acceptOrder: t.field({
    type: OrderType,
    args: { code: t.arg.string() },
    errors: { types: transitionErrors },
    resolve: async (_root, args, ctx) => orThrow(await acceptOrder(ctx, args.code)),
  }),
  receiveOrder: t.field({
    type: OrderType,
    description: "The collecting center's partner confirms the seller's drop-off: ACCEPTED -> RECEIVED.",
    args: { code: t.arg.string() },
    errors: { types: transitionErrors },
    resolve: async (_root, args, ctx) => orThrow(await receiveOrder(ctx, args.code)),
  }),
  shipOrder: t.field({
    type: OrderType,
    description: "The order leaves for the buyer's center (its seller, or on a first mile the collecting partner).",
    args: { code: t.arg.string() },
    errors: { types: transitionErrors },
    resolve: async (_root, args, ctx) => orThrow(await shipOrder(ctx, args.code)),
  }),
  cancelOrder: t.field({
    type: OrderType,
    description: 'Cancels an order before it ships and puts its stock back.',
    args: { code: t.arg.string() },
    errors: { types: [...transitionErrors, OrderPaidError, PaymentPendingError] },
    resolve: async (_root, args, ctx) => orThrow(await cancelOrder(ctx, args.code)),
  }),
}));
