import type { RequestContext } from '../../core/access/index.js';
import { formatMoney, type Money, parseMajorAmount } from '../../core/common/index.js';
import { execute, type Outcome, outcomeFields } from '../channel-graphql.js';
import { requestPayment } from '../payment-request.js';
import { clip, fitValue } from '../sms/sms-segment.js';
import { type Language, LANGUAGES } from '../sms/sms-languages.js';
import { MESSAGES } from '../sms/sms-messages.js';
import { USSD_MESSAGES } from './ussd-catalog.js';
import type { OrderItem, ProductItem, SessionLists } from './ussd-data.js';
import { LANGUAGE_NAMES, type UssdMessages } from './ussd-messages.js';
import { fitScreen, pageScreen, pages } from './ussd-screen.js';

/** The caller as the menus see them. */
export interface MenuCaller {
  ctx: RequestContext;
  phone: string;
  language: Language;
  center: { id: string; name: string } | null;
  isPartner: boolean;
  hasShop: boolean;
  /** The session id and the path that reached this hop: the idempotency key of what it confirms. */
  actionKey: string;
}

type Payment = 'CASH' | 'MOBILE_MONEY';
type ListName = 'categories' | 'products' | 'mine' | 'commodities' | 'markets' | 'orders' | 'tasks';

export type Screen =
  | { id: 'stranger' }
  | { id: 'main' }
  | { id: 'joinCode' }
  | { id: 'buy' }
  | { id: 'searchWord' }
  | { id: 'list'; list: ListName; page: number; source?: string }
  | { id: 'quantity'; product: ProductItem }
  | { id: 'payment'; product: ProductItem; quantity: number }
  | { id: 'confirm'; product: ProductItem; quantity: number; payment: Payment }
  | { id: 'listing'; product: ProductItem }
  | { id: 'newPrice'; product: ProductItem }
  | { id: 'newStock'; product: ProductItem }
  | { id: 'order'; order: OrderItem }
  | { id: 'task'; order: OrderItem }
  | { id: 'pickupCode'; order: OrderItem }
  | { id: 'language' };

export type Step =
  | { push: Screen }
  | { replace: Screen }
  | { back: true }
  | { end: string }
  | { invalid: keyof Pick<UssdMessages, 'invalid' | 'unknownCenter'> };

const money = (value: Money) => formatMoney(value, { compact: true });
const OTHER = '';

export interface MenuContext {
  caller: MenuCaller;
  lists: SessionLists;
  m: UssdMessages;
  /** Room for a screen under a hint: every screen leaves space for one, so pages split the same with or without. */
  limit: number;
}

/** Text from the data, safe for the caller's alphabet and no longer than `max`. */
function value(caller: MenuCaller, text: string, max: number): string {
  return fitValue(caller.language, text, max);
}

function mainOptions(caller: MenuCaller, m: UssdMessages) {
  const options: { label: string; open: () => Step | Promise<Step> }[] = [
    // Buying needs a pickup point: a seller or partner who never joined one joins first.
    { label: m.mainMenu.buy, open: () => ({ push: caller.center ? { id: 'buy' } : { id: 'joinCode' } }) },
    { label: m.mainMenu.sell, open: () => ({ push: { id: 'list', list: 'mine', page: 0 } }) },
    { label: m.mainMenu.prices, open: () => ({ push: { id: 'list', list: 'commodities', page: 0 } }) },
    { label: m.mainMenu.orders, open: () => ({ push: { id: 'list', list: 'orders', page: 0 } }) },
  ];
  if (caller.isPartner) options.push({ label: m.mainMenu.tasks, open: () => ({ push: { id: 'list', list: 'tasks', page: 0 } }) });
  options.push({ label: m.mainMenu.language, open: () => ({ push: { id: 'language' } }) });
  return options;
}

/** The labelled items of a list screen, and what choosing one does. */
async function listItems(mc: MenuContext, screen: Extract<Screen, { id: 'list' }>): Promise<{ header: string; labels: string[]; choose: (index: number) => Step | Promise<Step>; empty: string }> {
  const { caller, lists, m } = mc;
  const v = (text: string) => value(caller, text, 40);
  switch (screen.list) {
    case 'categories': {
      const commodities = [...new Set((await lists.allProducts()).map((product) => product.commodity ?? OTHER))].sort((a, b) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b)));
      return {
        header: m.chooseCategory,
        labels: commodities.map((commodity) => (commodity === OTHER ? m.otherCategory : v(commodity))),
        choose: (i) => ({ push: { id: 'list', list: 'products', page: 0, source: `category:${commodities[i]}` } }),
        empty: m.nothingFound,
      };
    }
    case 'products': {
      const source = screen.source ?? '';
      const products = source.startsWith('search:')
        ? await lists.search(source.slice('search:'.length))
        : (await lists.allProducts()).filter((product) => (product.commodity ?? OTHER) === source.slice('category:'.length));
      const available = products.filter((product) => product.stock > 0);
      return {
        header: m.chooseProduct,
        labels: available.map((p) => v(`${p.name} ${money(p.price)}`)),
        choose: (i) => ({ push: { id: 'quantity', product: available[i]! } }),
        empty: m.nothingFound,
      };
    }
    case 'mine': {
      const products = await lists.myProducts();
      return {
        header: m.chooseListing,
        labels: products.map((p) => v(`${p.code} ${money(p.price)} (${p.stock})`)),
        choose: (i) => ({ push: { id: 'listing', product: products[i]! } }),
        empty: m.noShop,
      };
    }
    case 'commodities': {
      const commodities = await lists.commodities();
      return {
        header: m.chooseCommodity,
        labels: commodities.map((c) => v(c.commodity)),
        choose: (i) => ({ push: { id: 'list', list: 'markets', page: 0, source: commodities[i]!.commodity } }),
        empty: m.noPrices,
      };
    }
    case 'markets': {
      const commodity = screen.source ?? '';
      const markets = (await lists.commodities()).find((c) => c.commodity === commodity)?.markets ?? [];
      const choices = [null, ...markets];
      return {
        header: m.chooseMarket,
        labels: choices.map((market) => (market === null ? m.allMarkets : v(market))),
        choose: (i) => prices(mc, commodity, choices[i] ?? null),
        empty: m.noPrices,
      };
    }
    case 'orders':
    case 'tasks': {
      const orders = screen.list === 'orders' ? await lists.orders() : await lists.tasks();
      const status = MESSAGES[caller.language].orderStatus;
      return {
        header: screen.list === 'orders' ? m.chooseOrder : m.mainMenu.tasks,
        labels: orders.map((o) => v(`${o.code} ${status[o.status]} ${money(o.total)}`)),
        choose: (i) => ({ push: { id: screen.list === 'orders' ? 'order' : 'task', order: orders[i]! } }),
        empty: screen.list === 'orders' ? m.noOrders : m.noTasks,
      };
    }
  }
}

async function prices(mc: MenuContext, commodity: string, market: string | null): Promise<Step> {
  const { marketPrices } = await execute<{
    marketPrices: { market: string; unit: string; min: Money; median: Money; max: Money; reportCount: number; latestDate: string }[];
  }>(
    mc.caller.ctx,
    `query Prices($commodity: String!, $market: String) { marketPrices(commodity: $commodity, market: $market) {
      market unit reportCount latestDate min { amount currency } median { amount currency } max { amount currency } } }`,
    { commodity, market },
  );
  if (marketPrices.length === 0) return { end: mc.m.noPrices };
  const bare = (amount: Money) => money(amount).replace(/^[A-Z]{3} /, '');
  const lines = marketPrices.map((s) =>
    mc.m.priceLine({ market: value(mc.caller, s.market, 20), unit: value(mc.caller, s.unit, 10), min: bare(s.min), median: bare(s.median), max: bare(s.max), count: s.reportCount, date: s.latestDate.slice(5) }),
  );
  const head = mc.m.pricesHead({ commodity: value(mc.caller, commodity, 20), currency: marketPrices[0]!.min.currency });
  // As many markets as fit the screen.
  let shown = lines.length;
  while (shown > 1 && [...[head, ...lines.slice(0, shown)].join('\n')].length > 182) shown--;
  return { end: fitScreen((max) => [head, ...lines.slice(0, shown).map((line) => clip(line, Math.max(max * 2, 40)))]) };
}

async function placeOrder(mc: MenuContext, screen: Extract<Screen, { id: 'confirm' }>): Promise<Step> {
  const { caller, m } = mc;
  const { placeOrder } = await execute<{ placeOrder: Outcome & { data?: { code: string; total: Money } } }>(
    caller.ctx,
    `mutation Order($input: PlaceOrderInput!) { placeOrder(input: $input) { ${outcomeFields('NotFoundError', 'OutOfStockError')} ... on PlaceOrderSuccess { data { code total { amount currency } } } } }`,
    {
      input: {
        serviceCenterId: caller.center!.id,
        lines: [{ productCode: screen.product.code, quantity: screen.quantity }],
        paymentMethod: screen.payment,
        idempotencyKey: caller.actionKey,
      },
    },
  );
  if (placeOrder.data) {
    const { code, total } = placeOrder.data;
    if (screen.payment === 'MOBILE_MONEY') await requestPayment(caller, code);
    // The total charged, which is the price at the moment of the order, not the one shown before.
    return { end: fitScreen((max) => [m.ordered({ code, total: money(total), center: value(caller, caller.center!.name, max), payment: screen.payment })]) };
  }
  if (placeOrder.__typename === 'OutOfStockError') return { end: m.outOfStock({ available: placeOrder.available ?? 0 }) };
  return { end: m.notAllowed };
}

async function saveListing(mc: MenuContext, product: ProductItem, change: { price?: Money; stock?: number }): Promise<Step> {
  const { upsertProduct } = await execute<{ upsertProduct: Outcome & { data?: { code: string; stock: number; price: Money } } }>(
    mc.caller.ctx,
    `mutation Listing($input: UpsertProductInput!) { upsertProduct(input: $input) { ${outcomeFields('NotFoundError')} ... on UpsertProductSuccess { data { code stock price { amount currency } } } } }`,
    { input: { code: product.code, shopId: product.shopId, ...change, idempotencyKey: mc.caller.actionKey } },
  );
  const saved = upsertProduct.data;
  if (!saved) return { end: mc.m.notAllowed };
  return { end: change.price ? mc.m.priceSet({ code: saved.code, price: money(saved.price) }) : mc.m.stockSet({ code: saved.code, stock: saved.stock }) };
}

async function cancel(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { cancelOrder } = await execute<{ cancelOrder: Outcome & { data?: { code: string } } }>(
    mc.caller.ctx,
    `mutation Cancel($code: String!) { cancelOrder(code: $code) { ${outcomeFields('NotFoundError', 'IllegalTransitionError', 'OrderPaidError')} ... on CancelOrderSuccess { data { code } } } }`,
    { code: order.code },
  );
  if (cancelOrder.data) return { end: mc.m.cancelled({ code: order.code }) };
  const status = MESSAGES[mc.caller.language].orderStatus;
  if (cancelOrder.__typename === 'IllegalTransitionError') return { end: mc.m.notCancellable({ status: status[cancelOrder.from as OrderItem['status']] ?? '' }) };
  return { end: mc.m.notAllowed };
}

async function arrive(mc: MenuContext, order: OrderItem): Promise<Step> {
  const { markArrived } = await execute<{ markArrived: Outcome & { data?: { code: string } } }>(
    mc.caller.ctx,
    `mutation Arrived($code: String!) { markArrived(code: $code) { ${outcomeFields('NotFoundError', 'IllegalTransitionError')} ... on MarkArrivedSuccess { data { code } } } }`,
    { code: order.code },
  );
  return { end: markArrived.data ? mc.m.arrived({ code: order.code }) : mc.m.notAllowed };
}

async function handOver(mc: MenuContext, order: OrderItem, pickupCode: string): Promise<Step> {
  const { confirmDelivery: result } = await execute<{
    confirmDelivery: Outcome & { attemptsLeft?: number; until?: string; data?: { cashTakenAtHandover: Money | null } };
  }>(
    mc.caller.ctx,
    `mutation Deliver($code: String!, $pickup: String!) { confirmDelivery(orderCode: $code, pickupCode: $pickup) {
      ${outcomeFields('NotFoundError', 'IllegalTransitionError')}
      ... on WrongPickupCodeError { attemptsLeft } ... on PickupLockedError { until }
      ... on ConfirmDeliverySuccess { data { cashTakenAtHandover { amount currency } } } } }`,
    { code: order.code, pickup: pickupCode },
  );
  const { m } = mc;
  if (result.data) {
    const cash = result.data.cashTakenAtHandover;
    return { end: m.delivered({ code: order.code, cash: cash ? money(cash) : null }) };
  }
  switch (result.__typename) {
    case 'WrongPickupCodeError':
      return { end: m.wrongPickupCode({ attemptsLeft: result.attemptsLeft ?? 0 }) };
    case 'PickupLockedError':
      return { end: m.pickupLocked({ until: `${(result.until ?? '').slice(11, 16)} UTC` }) };
    case 'PickupCodeExpiredError':
      return { end: m.pickupExpired };
    case 'PaymentRequiredError':
      return { end: m.paymentRequired };
    default:
      return { end: m.notAllowed };
  }
}

async function join(mc: MenuContext, code: string): Promise<Step> {
  const { joinServiceCenter } = await execute<{ joinServiceCenter: Outcome & { data?: { serviceCenter: { name: string } } } }>(
    mc.caller.ctx,
    `mutation Join($code: String!) { joinServiceCenter(centerCode: $code) { ${outcomeFields('NotFoundError')} ... on JoinServiceCenterSuccess { data { serviceCenter { name } } } } }`,
    { code },
  );
  const joined = joinServiceCenter.data;
  if (!joined) return { invalid: 'unknownCenter' };
  return { end: fitScreen((max) => [mc.m.joined({ center: value(mc.caller, joined.serviceCenter.name, max) })]) };
}

async function setLanguage(mc: MenuContext, language: Language): Promise<Step> {
  await execute(mc.caller.ctx, `mutation Lang($language: Language!) { setLanguage(language: $language) { ${outcomeFields()} } }`, { language });
  return { end: USSD_MESSAGES[language].languageSet };
}

const isCancellable = (order: OrderItem) => order.status === 'PLACED' || order.status === 'ACCEPTED';

/**
 * What one input does on a screen. `last` says whether it is the path's last input: only then may
 * it change anything, since an earlier one would have ended the session.
 */
export async function apply(mc: MenuContext, screen: Screen, input: string, last: boolean): Promise<Step> {
  const { caller, m } = mc;
  const act = (action: () => Promise<Step>): Promise<Step> | Step => (last ? action() : { end: m.failed });
  const choice = /^\d{1,2}$/.test(input) ? Number(input) : null;
  // 0 is Back everywhere but on the new-stock screen, where it is a stock (that screen has no Back).
  if (input === '0' && screen.id !== 'stranger' && screen.id !== 'main' && screen.id !== 'newStock') {
    if (screen.id === 'list' && screen.page > 0) return { replace: { ...screen, page: screen.page - 1 } };
    return { back: true };
  }
  switch (screen.id) {
    case 'stranger':
      if (input === '1') return { push: { id: 'joinCode' } };
      if (input === '2') return { push: { id: 'list', list: 'commodities', page: 0 } };
      return { invalid: 'invalid' };
    case 'main': {
      const option = choice === null ? undefined : mainOptions(caller, m)[choice - 1];
      return option ? option.open() : { invalid: 'invalid' };
    }
    case 'joinCode':
      return /^[A-Za-z0-9]{2,12}$/.test(input) ? act(() => join(mc, input)) : { invalid: 'unknownCenter' };
    case 'buy':
      if (input === '1') return { push: { id: 'searchWord' } };
      if (input === '2') return { push: { id: 'list', list: 'categories', page: 0 } };
      return { invalid: 'invalid' };
    case 'searchWord': {
      const word = input.trim().toLowerCase();
      return word.length >= 2 && word.length <= 30 ? { push: { id: 'list', list: 'products', page: 0, source: `search:${word}` } } : { invalid: 'invalid' };
    }
    case 'list': {
      const items = await listItems(mc, screen);
      const paged = pages(items.header, items.labels, m.more, m.back, mc.limit);
      const page = paged[screen.page] ?? paged[0]!;
      if (input === '00' && page.hasMore) return { replace: { ...screen, page: screen.page + 1 } };
      const index = choice === null ? undefined : page.indexes[choice - 1];
      return index === undefined ? { invalid: 'invalid' } : items.choose(index);
    }
    case 'quantity': {
      const quantity = /^\d{1,5}$/.test(input) ? Number(input) : 0;
      return quantity >= 1 && quantity <= Math.min(screen.product.stock, 10_000) ? { push: { id: 'payment', product: screen.product, quantity } } : { invalid: 'invalid' };
    }
    case 'payment':
      if (input === '1' || input === '2') return { push: { id: 'confirm', product: screen.product, quantity: screen.quantity, payment: input === '1' ? 'CASH' : 'MOBILE_MONEY' } };
      return { invalid: 'invalid' };
    case 'confirm':
      return input === '1' ? act(() => placeOrder(mc, screen)) : { invalid: 'invalid' };
    case 'listing':
      if (input === '1') return { push: { id: 'newPrice', product: screen.product } };
      if (input === '2') return { push: { id: 'newStock', product: screen.product } };
      return { invalid: 'invalid' };
    case 'newPrice': {
      const amount = parseMajorAmount(input, screen.product.price.currency);
      return amount !== null && amount >= 1 ? act(() => saveListing(mc, screen.product, { price: { amount, currency: screen.product.price.currency } })) : { invalid: 'invalid' };
    }
    case 'newStock': {
      const stock = /^\d{1,7}$/.test(input) ? Number(input) : -1;
      return stock >= 0 && stock <= 1_000_000 ? act(() => saveListing(mc, screen.product, { stock })) : { invalid: 'invalid' };
    }
    case 'order':
      return input === '1' && isCancellable(screen.order) ? act(() => cancel(mc, screen.order)) : { invalid: 'invalid' };
    case 'task':
      if (input !== '1') return { invalid: 'invalid' };
      if (screen.order.status === 'SHIPPED') return act(() => arrive(mc, screen.order));
      if (screen.order.status === 'AT_CENTER') return { push: { id: 'pickupCode', order: screen.order } };
      return { invalid: 'invalid' };
    case 'pickupCode':
      return /^\d{6}$/.test(input) ? act(() => handOver(mc, screen.order, input)) : { invalid: 'invalid' };
    case 'language': {
      const language = choice === null ? undefined : LANGUAGES[choice - 1];
      return language ? act(() => setLanguage(mc, language)) : { invalid: 'invalid' };
    }
  }
}

/** The lines of a screen, fitted to the limit. */
export async function render(mc: MenuContext, screen: Screen): Promise<string> {
  const { caller, m } = mc;
  const v = (text: string, max: number) => value(caller, text, max);
  const status = MESSAGES[caller.language].orderStatus;
  const payment = MESSAGES[caller.language].paymentStatus;
  switch (screen.id) {
    case 'stranger':
      return m.strangerMenu.join('\n');
    case 'main':
      return mainOptions(caller, m).map((option, i) => `${i + 1} ${option.label}`).join('\n');
    case 'joinCode':
      return [m.enterCenterCode, m.back].join('\n');
    case 'buy':
      return [...m.buyMenu, m.back].join('\n');
    case 'searchWord':
      return [m.enterWord, m.back].join('\n');
    case 'list': {
      const items = await listItems(mc, screen);
      if (items.labels.length === 0) return [items.empty, m.back].join('\n');
      const paged = pages(items.header, items.labels, m.more, m.back, mc.limit);
      return pageScreen(items.header, items.labels, paged[screen.page] ?? paged[0]!, m.more, m.back).join('\n');
    }
    case 'quantity':
      return fitScreen((max) => [
        m.productDetail({ name: v(`${screen.product.name} ${screen.product.unit}`, max), price: money(screen.product.price), stock: screen.product.stock }),
        m.enterQuantity,
        m.back,
      ], mc.limit);
    case 'payment':
      return [...m.payBy, m.back].join('\n');
    case 'confirm':
      return fitScreen((max) => [
        m.confirmOrder({
          quantity: screen.quantity,
          name: v(screen.product.name, max),
          total: money({ amount: screen.product.price.amount * screen.quantity, currency: screen.product.price.currency }),
          center: v(caller.center?.name ?? '', max),
          payment: screen.payment,
        }),
        m.confirm,
        m.back,
      ], mc.limit);
    case 'listing':
      return fitScreen((max) => [
        m.listingMenu({ code: screen.product.code, name: v(screen.product.name, max), price: money(screen.product.price), stock: screen.product.stock }),
        ...m.listingActions,
        m.back,
      ], mc.limit);
    case 'newPrice':
      return [m.enterPrice({ currency: screen.product.price.currency }), m.back].join('\n');
    case 'newStock':
      return m.enterStock;
    case 'order':
      return fitScreen((max) => [
        m.orderDetail({ code: screen.order.code, status: status[screen.order.status], total: money(screen.order.total), payment: payment[screen.order.paymentStatus], center: v(screen.order.center, max) }),
        ...(isCancellable(screen.order) ? [m.cancelOrder] : []),
        m.back,
      ], mc.limit);
    case 'task': {
      const action = screen.order.status === 'SHIPPED' ? [m.markArrived] : screen.order.status === 'AT_CENTER' ? [m.handOver] : [];
      return fitScreen(() => [
        m.taskDetail({ code: screen.order.code, buyer: screen.order.buyerPhone, status: status[screen.order.status], total: money(screen.order.total) }),
        ...action,
        m.back,
      ], mc.limit);
    }
    case 'pickupCode':
      return [m.enterPickupCode, m.back].join('\n');
    case 'language':
      return [...LANGUAGES.map((language, i) => `${i + 1} ${LANGUAGE_NAMES[language]}`), m.back].join('\n');
  }
}

