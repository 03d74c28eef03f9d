import { describe, expect, it } from 'vitest';
import { isGsm7 } from '../../channels/text/fit-text.js';
import { LANGUAGES, type Language } from '../../channels/text/languages.js';
import type { MenuCaller, MenuContext, Screen } from '../../channels/ussd/screen-types.js';
import { apply, render, SCREENS } from '../../channels/ussd/screens/index.js';
import {
  type AlertItem,
  type AppItem,
  type ConsentItem,
  type OrderItem,
  type ProductItem,
  ShownLists,
} from '../../channels/ussd/shown-lists.js';
import { USSD_MESSAGES } from '../../channels/ussd/ussd-messages-by-language.js';
import { SCREEN_LIMIT } from '../../channels/ussd/ussd-screen.js';
import type { RequestContext } from '../../core/access/request-context.js';
import { SCOPES } from '../../core/apps/scopes.js';
import { ORDER_STATUSES } from '../../core/common/order-state.js';

// Worst cases: the longest values the data can hold.
const LONG = 'Ŵ'.repeat(60);
const PRICE = { amount: 1_999_999_999, currency: 'TZS' };
const product: ProductItem = {
  id: 'WWWWWWWWWWWW.VWWWWWW',
  code: 'WWWWWWWWWWWW',
  shopId: 'SWWWWWW',
  name: LONG,
  unit: 'W'.repeat(16),
  stock: 1_000_000,
  price: PRICE,
  commodity: 'W'.repeat(40),
};
const products = Array.from({ length: 30 }, (_, i) => ({
  ...product,
  code: `W${String(i).padStart(11, '0')}`,
  name: `${String(i).padStart(2, '0')} ${'Ŵ'.repeat(50)}`,
  commodity: `${'W'.repeat(38)}${i}`,
}));
const orders: OrderItem[] = ORDER_STATUSES.map((status) => ({
  code: 'WWWWWW',
  status,
  paymentStatus: 'REFUNDED',
  total: PRICE,
  buyerPhone: '+861380013800000',
  center: LONG,
  dropOff: LONG,
}));
const orderIn = (status: OrderItem['status']) => orders.find((order) => order.status === status)!;
const commodities = Array.from({ length: 30 }, (_, i) => ({ commodity: `${'W'.repeat(38)}${i}` }));
const markets = Array.from({ length: 20 }, (_, j) => `${'Ŵ'.repeat(38)}${j}`);
const alerts: AlertItem[] = Array.from({ length: 5 }, (_, i) => ({
  number: i + 1,
  commodity: `${'W'.repeat(39)}${i}`,
  market: LONG,
  direction: 'FALL',
  threshold: PRICE,
}));

// An app's name is free text; its binding message at most 20 characters; it may ask every scope.
const consents: ConsentItem[] = Array.from({ length: 3 }, (_, i) => ({
  id: `r${i}`,
  appName: `${i}${LONG}`,
  scopes: [...SCOPES],
  bindingMessage: 'W'.repeat(20),
}));
const apps: AppItem[] = Array.from({ length: 12 }, (_, i) => ({ clientId: `app-${i}`, appName: `${i}${LONG}`, scopes: [...SCOPES] }));

function context(language: Language, partner: boolean): MenuContext {
  const caller: MenuCaller = {
    // Every list is already in the session: rendering asks nothing of DynamoDB.
    ctx: {} as RequestContext,
    phone: '+255754100010',
    language,
    center: { id: 'WWWWWWWWWWWW', name: LONG, villageId: 'VWWWWWW' },
    isPartner: partner,
    hasShop: true,
    actionKey: 'test',
  };
  const lists = new ShownLists(caller.ctx, {
    'search:w': products,
    market: products,
    mine: products,
    commodities,
    [`markets:${commodities[0]!.commodity}`]: markets,
    orders,
    tasks: orders,
    sales: orders,
    alerts,
    consents,
    apps,
  });
  const m = USSD_MESSAGES[language];
  return { caller, lists, m, limit: SCREEN_LIMIT - Math.max([...m.invalid].length, [...m.unknownCenter].length) - 1 };
}

const screens: Record<string, Screen> = {
  stranger: { id: 'stranger' },
  main: { id: 'main' },
  joinCode: { id: 'joinCode' },
  buy: { id: 'buy' },
  searchWord: { id: 'searchWord' },
  searchResults: { id: 'list', list: 'products', page: 0, source: 'search:w' },
  searchResultsPage2: { id: 'list', list: 'products', page: 1, source: 'search:w' },
  categories: { id: 'list', list: 'categories', page: 0 },
  categoryProducts: { id: 'list', list: 'products', page: 0, source: `category:${products[0]!.commodity}` },
  quantity: { id: 'quantity', product },
  payment: { id: 'payment', product, quantity: 10_000 },
  confirmCash: { id: 'confirm', product, quantity: 10_000, payment: 'CASH' },
  confirmMomo: { id: 'confirm', product, quantity: 10_000, payment: 'MOBILE_MONEY' },
  sell: { id: 'sell' },
  myProducts: { id: 'list', list: 'mine', page: 0 },
  sales: { id: 'list', list: 'sales', page: 0 },
  listing: { id: 'listing', product },
  newPrice: { id: 'newPrice', product },
  newStock: { id: 'newStock', product },
  commodities: { id: 'list', list: 'commodities', page: 0 },
  markets: { id: 'list', list: 'markets', page: 0, source: commodities[0]!.commodity },
  orders: { id: 'list', list: 'orders', page: 0 },
  tasks: { id: 'list', list: 'tasks', page: 0 },
  ...Object.fromEntries(orders.map((order) => [`order ${order.status}`, { id: 'order', order } as Screen])),
  ...Object.fromEntries(orders.map((order) => [`task ${order.status}`, { id: 'task', order } as Screen])),
  ...Object.fromEntries(orders.map((order) => [`sale ${order.status}`, { id: 'sale', order } as Screen])),
  'sale ACCEPTED, shipped by its seller': { id: 'sale', order: { ...orderIn('ACCEPTED'), dropOff: null } },
  pickupCode: { id: 'pickupCode', order: orderIn('AT_CENTER') },
  pickupCodeAgain: { id: 'pickupCode', order: orderIn('AT_CENTER'), attemptsLeft: 4 },
  language: { id: 'language' },
  alerts: { id: 'list', list: 'alerts', page: 0 },
  alertDirection: { id: 'alertDirection', commodity: 'W'.repeat(40) },
  alertPrice: { id: 'alertPrice', commodity: 'W'.repeat(40), direction: 'RISE' },
  alert: { id: 'alert', alert: alerts[0]! },
  alertAnyMarket: { id: 'alert', alert: { ...alerts[0]!, market: null } },
  apps: { id: 'list', list: 'apps', page: 0 },
  appsPage2: { id: 'list', list: 'apps', page: 1 },
  consent: { id: 'consent', request: consents[0]! },
  consentWithoutReference: { id: 'consent', request: { ...consents[0]!, bindingMessage: null } },
  app: { id: 'app', app: apps[0]! },
};

const endTexts = (language: Language): Record<string, string> => {
  const m = USSD_MESSAGES[language];
  return {
    joined: m.joined({ center: LONG.slice(0, 40) }),
    ordered: m.ordered({ code: 'WWWWWW', total: 'TZS 19,999,999.99', center: LONG.slice(0, 40), payment: 'MOBILE_MONEY' }),
    outOfStock: m.outOfStock({ available: 1_000_000 }),
    priceSet: m.priceSet({ code: 'WWWWWWWWWWWW', price: 'TZS 19,999,999.99' }),
    stockSet: m.stockSet({ code: 'WWWWWWWWWWWW', stock: 1_000_000 }),
    cancelled: m.cancelled({ code: 'WWWWWW' }),
    notCancellable: m.notCancellable({ status: 'WWWWWWWWWWWW' }),
    noShop: m.noShop,
    noPrices: m.noPrices,
    languageSet: m.languageSet,
    notAllowed: m.notAllowed,
    arrived: m.arrived({ code: 'WWWWWW' }),
    accepted: m.accepted({ code: 'WWWWWW', dropOff: null }),
    acceptedDropOff: m.accepted({ code: 'WWWWWW', dropOff: LONG.slice(0, 40) }),
    received: m.received({ code: 'WWWWWW' }),
    shipped: m.shipped({ code: 'WWWWWW', center: LONG.slice(0, 40) }),
    noSales: m.noSales,
    delivered: m.delivered({ code: 'WWWWWW', cash: 'TZS 19,999,999.99' }),
    wrongPickupCode: m.wrongPickupCode({ attemptsLeft: 4 }),
    pickupLocked: m.pickupLocked({ until: '23:59 UTC' }),
    pickupExpired: m.pickupExpired,
    paymentRequired: m.paymentRequired,
    failed: m.failed,
    alertSetRise: m.alertSet({ number: 5, commodity: 'W'.repeat(40), price: 'TZS 19,999,999.99', direction: 'RISE' }),
    alertSetFall: m.alertSet({ number: 5, commodity: 'W'.repeat(40), price: 'TZS 19,999,999.99', direction: 'FALL' }),
    alertLimit: m.alertLimit({ max: 5 }),
    alertRemoved: m.alertRemoved({ number: 5 }),
    consentAllowed: m.consentAnswered({ app: LONG.slice(0, 40), allowed: true }),
    consentDenied: m.consentAnswered({ app: LONG.slice(0, 40), allowed: false }),
    consentGone: m.consentGone,
    appRevoked: m.appRevoked({ app: LONG.slice(0, 40) }),
    priceSetNear:
      m.priceSet({ code: 'WWWWWWWWWWWW', price: 'TZS 19,999,999.99' }) +
      m.marketNear({ market: LONG.slice(0, 40), unit: 'W'.repeat(16), median: 'TZS 19,999,999.99', days: 14, below: 70 }),
  };
};

it('renders every screen of the registry', () => {
  const rendered = new Set(Object.values(screens).map((screen) => screen.id));
  expect(Object.keys(SCREENS).filter((id) => !rendered.has(id as Screen['id']))).toEqual([]);
});

describe.each(LANGUAGES)('USSD screens in %s', (language) => {
  it.each(Object.keys(screens))(`%s fits ${SCREEN_LIMIT} characters with worst-case values, even under a hint`, async (name) => {
    for (const partner of [false, true]) {
      const mc = context(language, partner);
      const text = await render(mc, screens[name]!);
      for (const hint of [mc.m.invalid, mc.m.unknownCenter]) expect([...`${hint}\n${text}`].length, text).toBeLessThanOrEqual(SCREEN_LIMIT);
      // Nothing in English, Swahili or French may force UCS-2, but the name of Chinese on the language screen.
      if (language !== 'zh' && name !== 'language')
        expect(
          [...text].filter((char) => !isGsm7(char)),
          text,
        ).toEqual(['Ŵ'].filter(() => text.includes('Ŵ')));
    }
  });

  it.each(Object.keys(endTexts('en')))(`the %s end text fits ${SCREEN_LIMIT} characters`, (name) => {
    const text = endTexts(language)[name]!;
    expect([...text].length, text).toBeLessThanOrEqual(SCREEN_LIMIT);
  });

  it('pages a long list with 00 More and 0 Back, every item once and in order', async () => {
    const mc = context(language, false);
    let screen: Screen = { id: 'list', list: 'products', page: 0, source: 'search:w' };
    const seen: string[] = [];
    for (;;) {
      const text = await render(mc, screen);
      seen.push(
        ...text
          .split('\n')
          .filter((line) => /^[1-9] /.test(line))
          .map((line) => line.match(/^[1-9] (\d\d) /)![1]!),
      );
      if (!text.includes(mc.m.more)) break;
      const next = await apply(mc, screen, '00', true);
      expect('replace' in next).toBe(true);
      screen = (next as { replace: Screen }).replace;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0')));
    expect(await apply(mc, screen, '0', true)).toEqual({ replace: { ...screen, page: (screen as { page: number }).page - 1 } });
  });

  it('changes nothing on an input that is not the last of the path', async () => {
    const mc = context(language, false);
    // Were it run, this would need DynamoDB; the test context has none.
    expect(await apply(mc, { id: 'confirm', product, quantity: 1, payment: 'CASH' }, '1', false)).toEqual({ end: mc.m.failed });
    expect(await apply(mc, { id: 'language' }, '2', false)).toEqual({ end: mc.m.failed });
    expect(await apply(mc, { id: 'consent', request: consents[0]! }, '1', false)).toEqual({ end: mc.m.failed });
    expect(await apply(mc, { id: 'app', app: apps[0]! }, '1', false)).toEqual({ end: mc.m.failed });
  });

  it('answers a consent hop sent again as the first time, without deciding again', async () => {
    const mc = context(language, false);
    mc.lists.remember(mc.caller.actionKey, mc.m.consentAnswered({ app: 'AgriCoop', allowed: true }));
    // Were it decided again, this would need DynamoDB; the test context has none.
    expect(await apply(mc, { id: 'consent', request: consents[0]! }, '1', true)).toEqual({
      end: mc.m.consentAnswered({ app: 'AgriCoop', allowed: true }),
    });
  });

  it('lists the waiting requests before the apps let in, and leads to each', async () => {
    const mc = context(language, false);
    const screen: Screen = { id: 'list', list: 'apps', page: 0 };
    expect(await render(mc, screen)).toContain(mc.m.appAsking({ app: '' }).trim().slice(0, 4));
    expect(await apply(mc, screen, '1', true)).toEqual({ push: { id: 'consent', request: consents[0]! } });
    mc.lists.lists.consents = [];
    expect(await apply(mc, screen, '1', true)).toEqual({ push: { id: 'app', app: apps[0]! } });
  });

  it('keeps the numbers of the main menu, with Apps last', async () => {
    for (const partner of [false, true]) {
      const mc = context(language, partner);
      const lines = (await render(mc, { id: 'main' })).split('\n');
      expect(lines.at(-1)).toBe(`${lines.length} ${mc.m.mainMenu.apps}`);
      expect(lines.at(-2)).toBe(`${lines.length - 1} ${mc.m.mainMenu.language}`);
      expect(await apply(mc, { id: 'main' }, String(lines.length), true)).toEqual({ push: { id: 'list', list: 'apps', page: 0 } });
    }
  });
});
