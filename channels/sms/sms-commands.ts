import type { RequestContext } from '../../core/access/index.js';
import { currencyOfPhone, formatMoney, type Money, parseMajorAmount } from '../../core/common/index.js';
import type { CommandName, Language } from './sms-languages.js';
import type { Entity, Messages, OrderStatusName, PaymentStatusName } from './sms-messages.js';
import { execute, type Outcome, outcomeFields } from '../channel-graphql.js';
import { requestPayment } from '../payment-request.js';
import type { Command } from './sms-parser.js';
import { type Cut, say, sayList } from './sms-replies.js';

/** Who is texting, as the schema knows them. */
export interface Caller {
  ctx: RequestContext;
  phone: string;
  language: Language;
  center: { id: string; name: string } | null;
  /** Twilio's id of the message: the idempotency key of whatever it changes. */
  messageSid: string;
}

const money = (value: Money) => formatMoney(value, { compact: true });

const ENTITY_OF: Record<string, Entity> = { product: 'product', order: 'order', 'service center': 'center', shop: 'shop', village: 'center' };

/** The short reply for a business outcome that stopped a command. */
function outcomeReply(caller: Caller, outcome: Outcome, command: CommandName): string {
  const { language } = caller;
  switch (outcome.__typename) {
    case 'NotFoundError':
      if (outcome.entity === 'shop') return say(language, (m) => m.noShop);
      return say(language, (m, cut) => m.notFound({ entity: m.entity[ENTITY_OF[outcome.entity ?? ''] ?? 'product'], key: cut(outcome.key ?? '') }));
    case 'OutOfStockError':
      return say(language, (m) => m.outOfStock({ code: outcome.productCode ?? '', available: outcome.available ?? 0 }));
    case 'ForbiddenError':
      return say(language, (m) => m.forbidden);
    case 'IllegalTransitionError':
      return say(language, (m) => m.illegal({ code: outcome.orderCode ?? '', status: m.orderStatus[outcome.from as OrderStatusName] ?? '' }));
    case 'OrderPaidError':
      return say(language, (m) => m.orderPaid({ code: outcome.orderCode ?? '' }));
    case 'PaymentPendingError':
      return say(language, (m) => m.paymentPending({ code: outcome.orderCode ?? '' }));
    case 'InvalidInputError':
      return say(language, (m) => m.badInput({ usage: m.usage[command] }));
    default:
      throw new Error(`${command}: unexpected outcome ${outcome.__typename}`);
  }
}

interface OrderView {
  code: string;
  status: OrderStatusName;
  paymentStatus: PaymentStatusName;
  paymentMethod: 'CASH' | 'MOBILE_MONEY';
  total: Money;
  serviceCenter: { name: string } | null;
}
const ORDER_FIELDS = 'code status paymentStatus paymentMethod total { amount currency } serviceCenter { name }';

async function find(caller: Caller, words: string[]): Promise<string> {
  const { products } = await execute<{ products: { code: string; name: string; unit: string; price: Money }[] }>(
    caller.ctx,
    'query Find($search: String!) { products(search: $search) { code name unit price { amount currency } } }',
    { search: words.join(' ') },
  );
  if (products.length === 0) return say(caller.language, (m, cut) => m.foundNone({ words: cut(words.join(' ')) }));
  return sayList(
    caller.language,
    () => '',
    products.map((p) => (m: Messages, cut: Cut) => m.foundItem({ code: p.code, name: cut(`${p.name} ${p.unit}`), price: money(p.price) })),
  );
}

async function order(caller: Caller, command: Extract<Command, { kind: 'ORDER' }>): Promise<string> {
  if (!caller.center) return say(caller.language, (m) => m.notJoined);
  const { placeOrder } = await execute<{ placeOrder: Outcome & { data?: Pick<OrderView, 'code' | 'paymentMethod' | 'total'> } }>(
    caller.ctx,
    `mutation Order($input: PlaceOrderInput!) { placeOrder(input: $input) {
      ${outcomeFields('NotFoundError', 'OutOfStockError')} ... on PlaceOrderSuccess { data { code paymentMethod total { amount currency } } } } }`,
    {
      input: {
        serviceCenterId: caller.center.id,
        lines: command.lines,
        paymentMethod: command.payment,
        idempotencyKey: `sms:${caller.messageSid}`,
      },
    },
  );
  if (!placeOrder.data) return outcomeReply(caller, placeOrder, 'ORDER');
  const placed = placeOrder.data;
  const pickup = caller.center.name;
  if (placed.paymentMethod === 'MOBILE_MONEY' && (await requestPayment(caller, placed.code))) {
    return say(caller.language, (m, cut) => m.paymentRequested({ code: placed.code, total: money(placed.total), center: cut(pickup) }));
  }
  return say(caller.language, (m, cut) => m.ordered({ code: placed.code, total: money(placed.total), center: cut(pickup), payment: placed.paymentMethod }));
}

async function status(caller: Caller, orderCode: string | null): Promise<string> {
  if (orderCode) {
    const { order } = await execute<{ order: Outcome & { data?: OrderView } }>(
      caller.ctx,
      `query Status($code: String!) { order(code: $code) { ${outcomeFields('NotFoundError')} ... on OrderSuccess { data { ${ORDER_FIELDS} } } } }`,
      { code: orderCode },
    );
    if (!order.data) return outcomeReply(caller, order, 'STATUS');
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
  const { myOrders } = await execute<{ myOrders: Outcome & { data?: OrderView[] } }>(
    caller.ctx,
    `query Latest { myOrders(limit: 5) { ${outcomeFields('NotFoundError')} ... on MyOrdersSuccess { data { ${ORDER_FIELDS} } } } }`,
  );
  if (!myOrders.data) return outcomeReply(caller, myOrders, 'STATUS');
  if (myOrders.data.length === 0) return say(caller.language, (m) => m.noOrders);
  return sayList(
    caller.language,
    (m) => m.ordersHead,
    myOrders.data.map((o) => (m: Messages) => m.orderItem({ code: o.code, status: m.orderStatus[o.status], total: money(o.total) })),
  );
}

async function transition(caller: Caller, kind: 'CANCEL' | 'ACCEPT' | 'SHIP', orderCode: string): Promise<string> {
  const field = { CANCEL: 'cancelOrder', ACCEPT: 'acceptOrder', SHIP: 'shipOrder' }[kind];
  const success = `${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  const result = await execute<Record<string, Outcome & { data?: OrderView }>>(
    caller.ctx,
    `mutation Move($code: String!) { ${field}(code: $code) { ${outcomeFields('NotFoundError', 'IllegalTransitionError', ...(kind === 'CANCEL' ? (['OrderPaidError', 'PaymentPendingError'] as const) : []))} ... on ${success} { data { ${ORDER_FIELDS} } } } }`,
    { code: orderCode },
  );
  const outcome = result[field]!;
  if (!outcome.data) return outcomeReply(caller, { ...outcome, orderCode }, kind);
  const moved = outcome.data;
  return say(caller.language, (m, cut) => {
    if (kind === 'CANCEL') return m.cancelled({ code: moved.code });
    if (kind === 'ACCEPT') return m.accepted({ code: moved.code });
    return m.shipped({ code: moved.code, center: cut(moved.serviceCenter?.name ?? '') });
  });
}

async function price(caller: Caller, commodity: string, market: string | null): Promise<string> {
  const { marketPrices } = await execute<{
    marketPrices: { market: string; unit: string; min: Money; median: Money; max: Money; reportCount: number; latestDate: string }[];
  }>(
    caller.ctx,
    `query Prices($commodity: String!, $market: String) { marketPrices(commodity: $commodity, market: $market) {
      market unit reportCount latestDate min { amount currency } median { amount currency } max { amount currency } } }`,
    { commodity, market },
  );
  if (marketPrices.length === 0) return say(caller.language, (m, cut) => m.noPrices({ commodity: cut(commodity) }));
  const bare = (value: Money) => money(value).replace(/^[A-Z]{3} /, '');
  const currency = marketPrices[0]!.min.currency;
  return sayList(
    caller.language,
    (m, cut) => m.pricesHead({ commodity: `${cut(commodity)} ${currency}` }),
    marketPrices.map((s) => (m: Messages, cut: Cut) =>
      m.priceItem({ market: cut(s.market), unit: cut(s.unit), min: bare(s.min), median: bare(s.median), max: bare(s.max), count: s.reportCount, date: s.latestDate.slice(5) }),
    ),
  );
}

/** Without a market named, a report is for the market of the caller's own village. */
async function homeMarket(caller: Caller): Promise<string | null> {
  if (!caller.center) return null;
  const { serviceCenter } = await execute<{ serviceCenter: { village: { name: string } | null } | null }>(
    caller.ctx,
    'query Home($id: ID!) { serviceCenter(id: $id) { village { name } } }',
    { id: caller.center.id },
  );
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
  const { reportPrice } = await execute<{ reportPrice: Outcome & { data?: { commodity: string; market: string; unit: string } } }>(
    caller.ctx,
    `mutation Report($commodity: String!, $market: String!, $unit: String!, $price: MoneyInput!, $key: String) {
      reportPrice(commodity: $commodity, market: $market, unit: $unit, price: $price, idempotencyKey: $key) {
        ${outcomeFields('NotFoundError')} ... on ReportPriceSuccess { data { commodity market unit } } } }`,
    { commodity: command.commodity, market, unit, price: { amount, currency }, key: `sms:${caller.messageSid}` },
  );
  if (!reportPrice.data) return outcomeReply(caller, reportPrice, 'REPORT');
  const saved = reportPrice.data;
  return say(caller.language, (m, cut) =>
    m.reported({ commodity: cut(saved.commodity), price: money({ amount, currency }), unit: cut(saved.unit), market: cut(saved.market) }),
  );
}

interface ListingView {
  code: string;
  name: string;
  stock: number;
  price: Money;
}

async function saveListing(caller: Caller, command: 'SELL' | 'STOCK', input: Record<string, unknown>): Promise<string> {
  const { upsertProduct } = await execute<{ upsertProduct: Outcome & { data?: ListingView } }>(
    caller.ctx,
    `mutation Listing($input: UpsertProductInput!) { upsertProduct(input: $input) {
      ${outcomeFields('NotFoundError')} ... on UpsertProductSuccess { data { code name stock price { amount currency } } } } }`,
    { input: { ...input, idempotencyKey: `sms:${caller.messageSid}` } },
  );
  if (!upsertProduct.data) return outcomeReply(caller, upsertProduct, command);
  const listing = upsertProduct.data;
  return say(caller.language, (m, cut) =>
    command === 'SELL'
      ? m.listed({ code: listing.code, name: cut(listing.name), price: money(listing.price), stock: listing.stock })
      : m.stockSet({ code: listing.code, stock: listing.stock }),
  );
}

async function sell(caller: Caller, command: Extract<Command, { kind: 'SELL' }>): Promise<string> {
  // A bare number is in the currency the product already has, or else the seller's country's.
  const { product } = await execute<{ product: { price: Money } | null }>(
    caller.ctx,
    'query Listed($code: String!) { product(code: $code) { price { currency } } }',
    { code: command.productCode },
  );
  const currency = product?.price.currency ?? currencyOfPhone(caller.phone);
  if (!currency) return say(caller.language, (m) => m.noCurrency);
  const amount = parseMajorAmount(command.price, currency);
  if (amount === null || amount < 1) return say(caller.language, (m) => m.badInput({ usage: m.usage.SELL }));
  return saveListing(caller, 'SELL', {
    code: command.productCode,
    price: { amount, currency },
    stock: command.stock,
    ...(command.name ? { name: command.name } : product ? {} : { name: command.productCode }),
  });
}

async function join(caller: Caller, centerCode: string): Promise<string> {
  const { joinServiceCenter } = await execute<{ joinServiceCenter: Outcome & { data?: { serviceCenter: { id: string; name: string } } } }>(
    caller.ctx,
    `mutation Join($code: String!) { joinServiceCenter(centerCode: $code) { ${outcomeFields('NotFoundError')} ... on JoinServiceCenterSuccess { data { serviceCenter { id name } } } } }`,
    { code: centerCode },
  );
  if (!joinServiceCenter.data) return outcomeReply(caller, joinServiceCenter, 'JOIN');
  const center = joinServiceCenter.data.serviceCenter;
  return say(caller.language, (m, cut) => m.joined({ center: cut(center.name), code: center.id }));
}

async function setLanguage(caller: Caller, language: Language): Promise<string> {
  await execute(caller.ctx, `mutation Lang($language: Language!) { setLanguage(language: $language) { ${outcomeFields()} } }`, { language });
  return say(language, (m) => m.languageSet);
}

async function setNotifications(caller: Caller, enabled: boolean): Promise<string> {
  await execute(caller.ctx, `mutation Notify($enabled: Boolean!) { setNotifications(enabled: $enabled) { ${outcomeFields()} } }`, { enabled });
  return say(caller.language, (m) => (enabled ? m.started : m.stopped));
}

async function arrived(caller: Caller, orderCode: string): Promise<string> {
  const { markArrived } = await execute<{ markArrived: Outcome & { data?: { code: string } } }>(
    caller.ctx,
    `mutation Arrived($code: String!) { markArrived(code: $code) { ${outcomeFields('NotFoundError', 'IllegalTransitionError')} ... on MarkArrivedSuccess { data { code } } } }`,
    { code: orderCode },
  );
  if (!markArrived.data) return outcomeReply(caller, { ...markArrived, orderCode }, 'ARRIVED');
  return say(caller.language, (m) => m.arrived({ code: markArrived.data!.code }));
}

async function delivered(caller: Caller, orderCode: string, pickupCode: string): Promise<string> {
  const { confirmDelivery } = await execute<{
    confirmDelivery: Outcome & { attemptsLeft?: number; until?: string; data?: { code: string; cashTakenAtHandover: Money | null } };
  }>(
    caller.ctx,
    `mutation Delivered($code: String!, $pickup: String!) { confirmDelivery(orderCode: $code, pickupCode: $pickup) {
      ${outcomeFields('NotFoundError', 'IllegalTransitionError')}
      ... on WrongPickupCodeError { attemptsLeft } ... on PickupLockedError { until }
      ... on ConfirmDeliverySuccess { data { code cashTakenAtHandover { amount currency } } } } }`,
    { code: orderCode, pickup: pickupCode },
  );
  const result = confirmDelivery;
  const { language } = caller;
  if (result.data) {
    const done = result.data;
    return say(language, (m) => m.delivered({ code: done.code, cash: done.cashTakenAtHandover ? money(done.cashTakenAtHandover) : null }));
  }
  switch (result.__typename) {
    case 'WrongPickupCodeError':
      return say(language, (m) => m.wrongPickupCode({ attemptsLeft: result.attemptsLeft ?? 0 }));
    case 'PickupLockedError':
      return say(language, (m) => m.pickupLocked({ until: `${(result.until ?? '').slice(11, 16)} UTC` }));
    case 'PickupCodeExpiredError':
      return say(language, (m) => m.pickupExpired({ code: orderCode }));
    case 'PaymentRequiredError':
      return say(language, (m) => m.paymentRequired({ code: orderCode }));
    default:
      return outcomeReply(caller, { ...result, orderCode }, 'DELIVERED');
  }
}

async function tasks(caller: Caller): Promise<string> {
  const { centerOrders } = await execute<{ centerOrders: Outcome & { data?: OrderView[] } }>(
    caller.ctx,
    `query Tasks { centerOrders { ${outcomeFields()} ... on CenterOrdersSuccess { data { ${ORDER_FIELDS} } } } }`,
  );
  if (!centerOrders.data) return outcomeReply(caller, centerOrders, 'TASKS');
  if (centerOrders.data.length === 0) return say(caller.language, (m) => m.noTasks);
  return sayList(
    caller.language,
    (m) => m.tasksHead,
    centerOrders.data.map((o) => (m: Messages) => m.orderItem({ code: o.code, status: m.orderStatus[o.status], total: money(o.total) })),
  );
}

async function earnings(caller: Caller): Promise<string> {
  const now = caller.ctx.now();
  const month = now.toISOString().slice(0, 7);
  const { partnerStatement } = await execute<{
    partnerStatement: Outcome & { data?: { ordersHandled: number; commission: Money | null; cashCollected: Money | null } };
  }>(
    caller.ctx,
    `query Earnings($from: String!, $to: String!) { partnerStatement(from: $from, to: $to) { ${outcomeFields()}
      ... on PartnerStatementSuccess { data { ordersHandled commission { amount currency } cashCollected { amount currency } } } } }`,
    { from: `${month}-01T00:00:00.000Z`, to: now.toISOString() },
  );
  if (!partnerStatement.data) return outcomeReply(caller, partnerStatement, 'EARNINGS');
  const s = partnerStatement.data;
  return say(caller.language, (m) =>
    m.earnings({ month, orders: s.ordersHandled, commission: s.commission ? money(s.commission) : '0', cash: s.cashCollected ? money(s.cashCollected) : '0' }),
  );
}

/** Carries out one parsed command as GraphQL operations and says the outcome in one SMS. */
export async function runCommand(caller: Caller, command: Command): Promise<string> {
  switch (command.kind) {
    case 'HELP':
      return say(caller.language, (m) => (command.topic ? m.usage[command.topic] : m.help));
    case 'JOIN':
      return join(caller, command.centerCode);
    case 'FIND':
      return find(caller, command.words);
    case 'ORDER':
      return order(caller, command);
    case 'STATUS':
      return status(caller, command.orderCode);
    case 'CANCEL':
    case 'ACCEPT':
    case 'SHIP':
      return transition(caller, command.kind, command.orderCode);
    case 'PRICE':
      return price(caller, command.commodity, command.market);
    case 'REPORT':
      return report(caller, command);
    case 'SELL':
      return sell(caller, command);
    case 'STOCK':
      return saveListing(caller, 'STOCK', { code: command.productCode, stock: command.quantity });
    case 'ARRIVED':
      return arrived(caller, command.orderCode);
    case 'DELIVERED':
      return delivered(caller, command.orderCode, command.pickupCode);
    case 'TASKS':
      return tasks(caller);
    case 'EARNINGS':
      return earnings(caller);
    case 'LANG':
      return setLanguage(caller, command.language);
    case 'STOP':
    case 'START':
      return setNotifications(caller, command.kind === 'START');
  }
}
