import type { RequestContext } from '../../core/access/index.js';
import { codeToType, qualifyCode } from '../../core/catalogue/index.js';
import { currencyOfPhone, formatMoney, type Money, normalizePhoneNear, type OrderRule, parseMajorAmount } from '../../core/common/index.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../core/orders/index.js';
import { BELOW_MARKET_SHARE } from '../../core/prices/index.js';
import { countMetric, METRICS } from '../../core/telemetry/index.js';
import { runOperation } from '../channel-graphql.js';
import { FindProducts, ListProduct, ProductCurrency, UpsertProduct } from '../operations/catalogue-operations.js';
import { ConfirmDelivery, MarkArrived, PartnerStatement } from '../operations/delivery-operations.js';
import type { VariablesOf } from '../operations/graphql.js';
import { JoinServiceCenter, MeWithRoles, SetLanguage, SetNotifications } from '../operations/member-operations.js';
import {
  AcceptOrder,
  CancelOrder,
  CenterOrders,
  MyOrders,
  OrderByCode,
  OrderRoute,
  PlaceOrder,
  ReceiveOrder,
  ShipOrder,
  ShopOrders,
} from '../operations/order-operations.js';
import { PayOutSeller, RefundOrder } from '../operations/payment-operations.js';
import {
  AddPriceAlert,
  CenterVillage,
  MarketPrices,
  MyPriceAlerts,
  RemovePriceAlert,
  ReportPrice,
  StartWeeklyPrices,
  StopWeeklyPrices,
} from '../operations/price-operations.js';
import { requestPayment } from '../payment-request.js';
import type { Language } from '../text/languages.js';
import { trendText } from '../text/price-trend.js';
import { orderStatusName } from '../text/status-names.js';
import type { CommandName } from './sms-keywords.js';
import type { Entity, Messages } from './sms-messages.js';
import type { Command } from './sms-parser.js';
import { type Cut, say, sayList } from './sms-replies.js';

/** Who is texting, as the schema knows them. */
export interface Caller {
  ctx: RequestContext;
  phone: string;
  language: Language;
  /** The center the caller joined; its village is the market whose product codes they type bare. */
  center: { id: string; name: string; villageId: string } | null;
  /** Twilio's id of the message: the idempotency key of whatever it changes. */
  messageSid: string;
}

const money = (value: Money) => formatMoney(value, { compact: true });

const ENTITY_OF: Record<string, Entity> = {
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
type Refusal =
  | { __typename: 'NotFoundError'; entity: string; key: string }
  | { __typename: 'OutOfStockError'; productCode: string; available: number }
  | { __typename: 'IllegalTransitionError'; from: string }
  | { __typename: 'InvalidInputError'; rule?: OrderRule | null }
  | { __typename: 'ForbiddenError' | 'OrderPaidError' | 'PaymentPendingError' | 'IdempotencyKeyReusedError' };

/** The short reply for a business outcome that stopped a command about `orderCode`, if any. */
function refusalReply(caller: Caller, refusal: Refusal, command: CommandName, orderCode = ''): string {
  const { language } = caller;
  switch (refusal.__typename) {
    case 'NotFoundError':
      if (refusal.entity === 'shop') return say(language, (m) => m.noShop);
      return say(language, (m, cut) => m.notFound({ entity: m.entity[ENTITY_OF[refusal.entity] ?? 'product'], key: cut(refusal.key) }));
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

async function find(caller: Caller, words: string[]): Promise<string> {
  const { nodes: products } = (await runOperation(caller.ctx, FindProducts, { search: words.join(' ') })).products;
  if (products.length === 0) return say(caller.language, (m, cut) => m.foundNone({ words: cut(words.join(' ')) }));
  return sayList(
    caller.language,
    () => '',
    products.map(
      (p) => (m: Messages, cut: Cut) =>
        m.foundItem({ code: codeToType(p, caller.center?.villageId ?? null), name: cut(`${p.name} ${p.unit}`), price: money(p.price) }),
    ),
  );
}

async function order(caller: Caller, command: Extract<Command, { kind: 'ORDER' }>): Promise<string> {
  if (!caller.center) return say(caller.language, (m) => m.notJoined);
  // Without mobile money here, an order to pay by it could only wait unpaid until it expires.
  if (command.payment === 'MOBILE_MONEY' && !caller.ctx.mpesa) return say(caller.language, (m) => m.momoUnavailable);
  const { placeOrder } = await runOperation(caller.ctx, PlaceOrder, {
    input: {
      serviceCenterId: caller.center.id,
      // A bare code names a product of the caller's own market: said here, the order reads no center first.
      lines: command.lines.map((line) => ({ ...line, productCode: qualifyCode(line.productCode, caller.center!.villageId) })),
      paymentMethod: command.payment,
      idempotencyKey: `sms:${caller.messageSid}`,
    },
  });
  if (placeOrder.__typename !== 'PlaceOrderSuccess') return refusalReply(caller, placeOrder, 'ORDER');
  const placed = placeOrder.data;
  const pickup = caller.center.name;
  if (placed.paymentMethod === 'MOBILE_MONEY' && (await requestPayment(caller, placed.code))) {
    return say(caller.language, (m, cut) => m.paymentRequested({ code: placed.code, total: money(placed.total), center: cut(pickup) }));
  }
  return say(caller.language, (m, cut) =>
    m.ordered({ code: placed.code, total: money(placed.total), center: cut(pickup), payment: placed.paymentMethod }),
  );
}

async function status(caller: Caller, orderCode: string | null): Promise<string> {
  if (orderCode) {
    const { order } = await runOperation(caller.ctx, OrderByCode, { code: orderCode });
    if (order.__typename !== 'OrderSuccess') return refusalReply(caller, order, 'STATUS');
    const one = order.data;
    return say(caller.language, (m, cut) =>
      m.orderOne({
        code: one.code,
        status: m.orderStatus[one.status],
        total: money(one.total),
        payment: m.paymentStatus[one.paymentStatus],
        center: cut(one.serviceCenter?.name ?? ''),
      }),
    );
  }
  const { myOrders } = await runOperation(caller.ctx, MyOrders, { first: 5 });
  if (myOrders.__typename !== 'MyOrdersSuccess') return refusalReply(caller, myOrders, 'STATUS');
  if (myOrders.data.nodes.length === 0) return say(caller.language, (m) => m.noOrders);
  return sayList(
    caller.language,
    (m) => m.ordersHead,
    myOrders.data.nodes.map((o) => (m: Messages) => m.orderItem({ code: o.code, status: m.orderStatus[o.status], total: money(o.total) })),
  );
}

async function cancel(caller: Caller, orderCode: string): Promise<string> {
  const { cancelOrder } = await runOperation(caller.ctx, CancelOrder, { code: orderCode });
  if (cancelOrder.__typename !== 'CancelOrderSuccess') return refusalReply(caller, cancelOrder, 'CANCEL', orderCode);
  const cancelled = cancelOrder.data;
  return say(caller.language, (m) => m.cancelled({ code: cancelled.code }));
}

async function accept(caller: Caller, orderCode: string): Promise<string> {
  const { acceptOrder } = await runOperation(caller.ctx, AcceptOrder, { code: orderCode });
  if (acceptOrder.__typename !== 'AcceptOrderSuccess') return refusalReply(caller, acceptOrder, 'ACCEPT', orderCode);
  const accepted = acceptOrder.data;
  const dropOff = accepted.collectingCenter?.name ?? null;
  return say(caller.language, (m, cut) => m.accepted({ code: accepted.code, dropOff: dropOff === null ? null : cut(dropOff) }));
}

async function receive(caller: Caller, orderCode: string): Promise<string> {
  const { receiveOrder } = await runOperation(caller.ctx, ReceiveOrder, { code: orderCode });
  if (receiveOrder.__typename !== 'ReceiveOrderSuccess') return refusalReply(caller, receiveOrder, 'RECEIVED', orderCode);
  const received = receiveOrder.data;
  return say(caller.language, (m) => m.received({ code: received.code }));
}

async function ship(caller: Caller, orderCode: string): Promise<string> {
  const { shipOrder } = await runOperation(caller.ctx, ShipOrder, { code: orderCode });
  if (shipOrder.__typename === 'IllegalTransitionError' && shipOrder.from === 'ACCEPTED') {
    // A first-mile order is sent on by the center its seller drops it off at: the seller is told where.
    const { order } = await runOperation(caller.ctx, OrderRoute, { code: orderCode });
    const route = order.__typename === 'OrderSuccess' ? order.data : null;
    const center = route?.sellerPhone === caller.phone ? route.collectingCenter?.name : undefined;
    if (center) return say(caller.language, (m, cut) => m.dropOffFirst({ code: orderCode, center: cut(center) }));
  }
  if (shipOrder.__typename !== 'ShipOrderSuccess') return refusalReply(caller, shipOrder, 'SHIP', orderCode);
  const shipped = shipOrder.data;
  return say(caller.language, (m, cut) => m.shipped({ code: shipped.code, center: cut(shipped.serviceCenter?.name ?? '') }));
}

async function price(caller: Caller, commodity: string, market: string | null): Promise<string> {
  const { marketPrices } = await runOperation(caller.ctx, MarketPrices, { commodity, market });
  if (marketPrices.length === 0) return say(caller.language, (m, cut) => m.noPrices({ commodity: cut(commodity) }));
  const bare = (value: Money) => money(value).replace(/^[A-Z]{3} /, '');
  const currency = marketPrices[0]!.min.currency;
  return sayList(
    caller.language,
    (m, cut) => m.pricesHead({ commodity: `${cut(commodity)} ${currency}` }),
    marketPrices.map(
      (s) => (m: Messages, cut: Cut) =>
        m.priceItem({
          market: cut(s.market),
          unit: cut(s.unit),
          min: bare(s.min),
          median: bare(s.median),
          max: bare(s.max),
          count: s.reportCount,
          date: s.latestDate.slice(5),
          change: trendText(caller.language, s.changePercent),
        }),
    ),
  );
}

/** Without a market named, a report is for the market of the caller's own village. */
async function homeMarket(caller: Caller): Promise<string | null> {
  if (!caller.center) return null;
  const { serviceCenter } = await runOperation(caller.ctx, CenterVillage, { id: caller.center.id });
  return serviceCenter?.village?.name ?? null;
}

async function report(caller: Caller, command: Extract<Command, { kind: 'REPORT' }>): Promise<string> {
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return say(caller.language, (m) => m.noCurrency);
  const amount = parseMajorAmount(command.price, currency);
  if (amount === null || amount < 1) return say(caller.language, (m) => m.badInput({ usage: m.usage.REPORT }));
  const market = command.market ?? (await homeMarket(caller));
  if (!market) return say(caller.language, (m) => m.badInput({ usage: m.usage.REPORT }));
  const unit = command.unit ?? 'kg';
  const { reportPrice } = await runOperation(caller.ctx, ReportPrice, {
    commodity: command.commodity,
    market,
    unit,
    price: { amount, currency },
    idempotencyKey: `sms:${caller.messageSid}`,
  });
  if (reportPrice.__typename !== 'ReportPriceSuccess') return refusalReply(caller, reportPrice, 'REPORT');
  const saved = reportPrice.data;
  if (saved.standing === 'ALREADY_COUNTED_TODAY') {
    return say(caller.language, (m, cut) => m.reportRepeat({ commodity: cut(saved.commodity), market: cut(saved.market) }));
  }
  const told = { commodity: saved.commodity, price: money({ amount, currency }), unit: saved.unit, market: saved.market };
  return say(caller.language, (m, cut) => {
    const values = { ...told, commodity: cut(told.commodity), unit: cut(told.unit), market: cut(told.market) };
    return saved.standing === 'AWAITING_CONFIRMATION' ? m.reportWaiting(values) : m.reported(values);
  });
}

async function setStock(caller: Caller, code: string, stock: number): Promise<string> {
  const { upsertProduct } = await runOperation(caller.ctx, UpsertProduct, {
    input: { code, stock, idempotencyKey: `sms:${caller.messageSid}` },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return refusalReply(caller, upsertProduct, 'STOCK');
  const listing = upsertProduct.data;
  return say(caller.language, (m) => m.stockSet({ code: listing.code, stock: listing.stock }));
}

/** The reply to a new listing or price: the listing, and its commodity's market median near the seller. */
async function saveListing(caller: Caller, change: Omit<VariablesOf<typeof ListProduct>['input'], 'idempotencyKey'>): Promise<string> {
  const { upsertProduct } = await runOperation(caller.ctx, ListProduct, {
    input: { ...change, idempotencyKey: `sms:${caller.messageSid}` },
  });
  if (upsertProduct.__typename !== 'UpsertProductSuccess') return refusalReply(caller, upsertProduct, 'SELL');
  const listing = upsertProduct.data;
  const reference = listing.marketReference;
  return say(caller.language, (m, cut) =>
    reference
      ? m.listedNear({
          code: listing.code,
          price: money(listing.price),
          stock: listing.stock,
          market: cut(reference.market),
          unit: cut(reference.unit),
          median: money(reference.median),
          days: reference.daysSinceLatest,
          below: reference.belowMarket ? Math.round(BELOW_MARKET_SHARE * 100) : null,
        })
      : m.listed({ code: listing.code, name: cut(listing.name), price: money(listing.price), stock: listing.stock }),
  );
}

async function sell(caller: Caller, command: Extract<Command, { kind: 'SELL' }>): Promise<string> {
  // A bare number is in the currency the product already has, or else the seller's country's.
  const { product } = await runOperation(caller.ctx, ProductCurrency, { code: command.productCode });
  const currency = product?.price.currency ?? currencyOfPhone(caller.phone);
  if (!currency) return say(caller.language, (m) => m.noCurrency);
  const amount = parseMajorAmount(command.price, currency);
  if (amount === null || amount < 1) return say(caller.language, (m) => m.badInput({ usage: m.usage.SELL }));
  return saveListing(caller, {
    code: command.productCode,
    price: { amount, currency },
    stock: command.stock,
    ...(command.name ? { name: command.name } : product ? {} : { name: command.productCode }),
  });
}

async function join(caller: Caller, centerCode: string): Promise<string> {
  const { joinServiceCenter } = await runOperation(caller.ctx, JoinServiceCenter, { centerCode });
  if (joinServiceCenter.__typename !== 'JoinServiceCenterSuccess') return refusalReply(caller, joinServiceCenter, 'JOIN');
  const center = joinServiceCenter.data.serviceCenter;
  // The member was just given a center: the field is null only if the schema broke its word.
  if (!center) throw new Error('JOIN: no service center after joining');
  return say(caller.language, (m, cut) => m.joined({ center: cut(center.name), code: center.id }));
}

async function setLanguage(caller: Caller, language: Language): Promise<string> {
  await runOperation(caller.ctx, SetLanguage, { language });
  return say(language, (m) => m.languageSet);
}

async function setNotifications(caller: Caller, enabled: boolean): Promise<string> {
  await runOperation(caller.ctx, SetNotifications, { enabled });
  return say(caller.language, (m) => (enabled ? m.started : m.stopped));
}

async function arrived(caller: Caller, orderCode: string): Promise<string> {
  const { markArrived } = await runOperation(caller.ctx, MarkArrived, { code: orderCode });
  if (markArrived.__typename !== 'MarkArrivedSuccess') return refusalReply(caller, markArrived, 'ARRIVED', orderCode);
  const at = markArrived.data;
  return say(caller.language, (m) => m.arrived({ code: at.code }));
}

async function delivered(caller: Caller, orderCode: string, pickupCode: string): Promise<string> {
  const { confirmDelivery: result } = await runOperation(caller.ctx, ConfirmDelivery, { code: orderCode, pickupCode });
  const { language } = caller;
  switch (result.__typename) {
    case 'ConfirmDeliverySuccess': {
      const done = result.data;
      return say(language, (m) =>
        m.delivered({ code: done.code, cash: done.cashTakenAtHandover ? money(done.cashTakenAtHandover) : null }),
      );
    }
    case 'WrongPickupCodeError':
      return say(language, (m) => m.wrongPickupCode({ attemptsLeft: result.attemptsLeft }));
    case 'PickupLockedError':
      return say(language, (m) => m.pickupLocked({ until: `${result.until.slice(11, 16)} UTC` }));
    case 'PickupCodeExpiredError':
      return say(language, (m) => m.pickupExpired({ code: orderCode }));
    case 'PaymentRequiredError':
      return say(language, (m) => m.paymentRequired({ code: orderCode }));
    default:
      return refusalReply(caller, result, 'DELIVERED', orderCode);
  }
}

async function tasks(caller: Caller): Promise<string> {
  const { firstMileOrders, centerOrders } = await runOperation(caller.ctx, CenterOrders);
  if (centerOrders.__typename !== 'CenterOrdersSuccess') return refusalReply(caller, centerOrders, 'TASKS');
  // Orders to collect from the village's sellers come first: they are what the partner acts on next.
  const orders = [
    ...(firstMileOrders.__typename === 'FirstMileOrdersSuccess' ? firstMileOrders.data.nodes : []),
    ...centerOrders.data.nodes,
  ];
  if (orders.length === 0) return say(caller.language, (m) => m.noTasks);
  return sayList(
    caller.language,
    (m) => m.tasksHead,
    orders.map((o) => (m: Messages) => m.orderItem({ code: o.code, status: m.orderStatus[o.status], total: money(o.total) })),
  );
}

/** HELP: the commands of the sender's roles. */
async function help(caller: Caller): Promise<string> {
  const { me } = await runOperation(caller.ctx, MeWithRoles);
  const roles = me.__typename === 'MeSuccess' ? { seller: me.data.shops.length > 0, partner: me.data.partnerOf.length > 0 } : null;
  return say(caller.language, (m) => m.help(roles ?? { seller: false, partner: false }));
}

async function sales(caller: Caller): Promise<string> {
  const { shopOrders } = await runOperation(caller.ctx, ShopOrders);
  if (shopOrders.__typename !== 'ShopOrdersSuccess') return refusalReply(caller, shopOrders, 'ORDERS');
  if (shopOrders.data.nodes.length === 0) return say(caller.language, (m) => m.noSales);
  return sayList(
    caller.language,
    (m) => m.salesHead,
    shopOrders.data.nodes.map(
      (o) => (m: Messages) => m.orderItem({ code: o.code, status: m.orderStatus[o.status], total: money(o.total) }),
    ),
  );
}

async function earnings(caller: Caller): Promise<string> {
  const now = caller.ctx.now();
  const month = now.toISOString().slice(0, 7);
  const { partnerStatement } = await runOperation(caller.ctx, PartnerStatement, {
    from: `${month}-01T00:00:00.000Z`,
    to: now.toISOString(),
  });
  if (partnerStatement.__typename !== 'PartnerStatementSuccess') return refusalReply(caller, partnerStatement, 'EARNINGS');
  const s = partnerStatement.data;
  return say(caller.language, (m) =>
    m.earnings({
      month,
      orders: s.ordersHandled,
      commission: s.commission ? money(s.commission) : '0',
      cash: s.cashCollected ? money(s.cashCollected) : '0',
    }),
  );
}

/** PAYOUT: the partner handed a seller cash; the amount is in the currency of the partner's country. */
async function payOut(caller: Caller, command: Extract<Command, { kind: 'PAYOUT' }>): Promise<string> {
  const sellerPhone = normalizePhoneNear(command.sellerPhone, caller.phone);
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return say(caller.language, (m) => m.noCurrency);
  const amount = parseMajorAmount(command.amount, currency);
  if (!sellerPhone || amount === null || amount < 1) return say(caller.language, (m) => m.badInput({ usage: m.usage.PAYOUT }));
  const { payOutSeller: result } = await runOperation(caller.ctx, PayOutSeller, {
    input: { sellerPhone, amount: { amount, currency }, idempotencyKey: caller.messageSid },
  });
  if (result.__typename === 'OverpaymentError')
    return say(caller.language, (m) => m.overpaid({ owed: money(result.owed), seller: sellerPhone }));
  if (result.__typename !== 'PayOutSellerSuccess') return refusalReply(caller, result, 'PAYOUT');
  const paid = result.data;
  return say(caller.language, (m) => m.paidOut({ amount: money(paid.amount), seller: paid.sellerPhone, owed: money(paid.owedAfter) }));
}

/** REFUND: the partner gave a paid order's money back, with the receipt's number. */
async function refund(caller: Caller, command: Extract<Command, { kind: 'REFUND' }>): Promise<string> {
  const { orderCode, reference } = command;
  const { refundOrder: result } = await runOperation(caller.ctx, RefundOrder, { input: { orderCode, reference } });
  if (result.__typename === 'IllegalTransitionError') return say(caller.language, (m) => m.notRefundable({ code: orderCode }));
  if (result.__typename !== 'RefundOrderSuccess') return refusalReply(caller, result, 'REFUND', orderCode);
  const refunded = result.data.payment;
  return say(caller.language, (m) => m.refunded({ code: orderCode, amount: money(refunded.amount) }));
}

async function alerts(caller: Caller): Promise<string> {
  const { myPriceAlerts } = await runOperation(caller.ctx, MyPriceAlerts);
  if (myPriceAlerts.__typename !== 'MyPriceAlertsSuccess') return refusalReply(caller, myPriceAlerts, 'ALERT');
  if (myPriceAlerts.data.length === 0) return say(caller.language, (m) => m.noAlerts);
  return sayList(
    caller.language,
    (m) => m.alertsHead,
    myPriceAlerts.data.map(
      (a) => (m: Messages, cut: Cut) =>
        m.alertItem({
          number: a.number,
          commodity: cut(a.commodity),
          market: a.market === null ? null : cut(a.market),
          price: money(a.threshold),
          direction: a.direction,
        }),
    ),
  );
}

/** ALERT <crop> [below] <price> [market]: per kg, in the currency of the sender's country. */
async function addAlert(caller: Caller, alert: NonNullable<Extract<Command, { kind: 'ALERT' }>['alert']>): Promise<string> {
  const currency = currencyOfPhone(caller.phone);
  if (!currency) return say(caller.language, (m) => m.noCurrency);
  const amount = parseMajorAmount(alert.price, currency);
  if (amount === null || amount < 1) return say(caller.language, (m) => m.badInput({ usage: m.usage.ALERT }));
  const { addPriceAlert } = await runOperation(caller.ctx, AddPriceAlert, {
    input: {
      commodity: alert.commodity,
      market: alert.market,
      threshold: { amount, currency },
      direction: alert.direction,
      idempotencyKey: `sms:${caller.messageSid}`,
    },
  });
  if (addPriceAlert.__typename === 'AlertLimitError') {
    const max = addPriceAlert.limit;
    return say(caller.language, (m) => m.alertLimit({ max }));
  }
  if (addPriceAlert.__typename !== 'AddPriceAlertSuccess') return refusalReply(caller, addPriceAlert, 'ALERT');
  const set = addPriceAlert.data;
  return say(caller.language, (m, cut) =>
    m.alertSet({
      number: set.number,
      commodity: cut(set.commodity),
      market: set.market === null ? null : cut(set.market),
      price: money(set.threshold),
      unit: cut(set.unit),
      direction: set.direction,
    }),
  );
}

async function removeAlert(caller: Caller, number: number): Promise<string> {
  const { removePriceAlert } = await runOperation(caller.ctx, RemovePriceAlert, { number, idempotencyKey: `sms:${caller.messageSid}` });
  if (removePriceAlert.__typename === 'NotFoundError' || removePriceAlert.__typename === 'InvalidInputError') {
    return say(caller.language, (m) => m.noSuchAlert({ number }));
  }
  if (removePriceAlert.__typename !== 'RemovePriceAlertSuccess') return refusalReply(caller, removePriceAlert, 'UNALERT');
  const left = removePriceAlert.data.length;
  return say(caller.language, (m) => m.alertRemoved({ number, left }));
}

/** PRICES WEEKLY <crop> (a commodity) or PRICES OFF (none). */
async function weekly(caller: Caller, commodity: string | null): Promise<string> {
  if (commodity === null) {
    const { stopWeeklyPrices } = await runOperation(caller.ctx, StopWeeklyPrices);
    if (stopWeeklyPrices.__typename !== 'StopWeeklyPricesSuccess') return refusalReply(caller, stopWeeklyPrices, 'PRICE');
    return say(caller.language, (m) => m.weeklyOff);
  }
  const { startWeeklyPrices } = await runOperation(caller.ctx, StartWeeklyPrices, {
    commodity,
    idempotencyKey: `sms:${caller.messageSid}`,
  });
  if (startWeeklyPrices.__typename !== 'StartWeeklyPricesSuccess') return refusalReply(caller, startWeeklyPrices, 'PRICE');
  const on = startWeeklyPrices.data;
  return say(caller.language, (m, cut) => m.weeklyOn({ commodity: cut(on.commodity) }));
}

/** Carries out one parsed command as GraphQL operations and says the outcome in one SMS. */
export async function runCommand(caller: Caller, command: Command): Promise<string> {
  countMetric(METRICS.smsCommands, { keyword: command.kind });
  switch (command.kind) {
    case 'HELP':
      return command.topic ? say(caller.language, (m) => m.usage[command.topic!]) : help(caller);
    case 'JOIN':
      return join(caller, command.centerCode);
    case 'FIND':
      return find(caller, command.words);
    case 'ORDER':
      return order(caller, command);
    case 'STATUS':
      return status(caller, command.orderCode);
    case 'CANCEL':
      return cancel(caller, command.orderCode);
    case 'ACCEPT':
      return accept(caller, command.orderCode);
    case 'SHIP':
      return ship(caller, command.orderCode);
    case 'PRICE':
      return price(caller, command.commodity, command.market);
    case 'REPORT':
      return report(caller, command);
    case 'SELL':
      return sell(caller, command);
    case 'STOCK':
      return setStock(caller, command.productCode, command.quantity);
    case 'RECEIVED':
      return receive(caller, command.orderCode);
    case 'ARRIVED':
      return arrived(caller, command.orderCode);
    case 'DELIVERED':
      return delivered(caller, command.orderCode, command.pickupCode);
    case 'TASKS':
      return tasks(caller);
    case 'ORDERS':
      return sales(caller);
    case 'EARNINGS':
      return earnings(caller);
    case 'PAYOUT':
      return payOut(caller, command);
    case 'REFUND':
      return refund(caller, command);
    case 'LANG':
      return setLanguage(caller, command.language);
    case 'STOP':
    case 'START':
      return setNotifications(caller, command.kind === 'START');
    case 'ALERT':
      return command.alert ? addAlert(caller, command.alert) : alerts(caller);
    case 'UNALERT':
      return removeAlert(caller, command.number);
    case 'WEEKLY':
      return weekly(caller, command.commodity);
  }
}
