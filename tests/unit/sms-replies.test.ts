import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { notificationText } from '../../channels/sms/notification-text.js';
import { COMMANDS, KEYWORDS } from '../../channels/sms/sms-keywords.js';
import type { Messages } from '../../channels/sms/sms-messages.js';
import { MESSAGES } from '../../channels/sms/sms-messages-by-language.js';
import { type Cut, say, sayList } from '../../channels/sms/sms-replies.js';
import { LANGUAGES, type Language } from '../../channels/text/languages.js';
import { trendText } from '../../channels/text/price-trend.js';
import { scopesText } from '../../channels/text/scope-names.js';
import { SCOPES } from '../../core/apps/scopes.js';
import type { OrderStatus, PaymentStatus } from '../../core/common/index.js';
import { ORDER_STATUSES } from '../../core/common/order-state.js';

// Worst cases: the longest values the data can hold.
const CODE = 'WWWWWWWWWWWW';
const ORDER = 'WWWWWW';
const NAME = 'Ŵ'.repeat(60);
const LONG = 'W'.repeat(60);
const MONEY = 'TZS 19,999,999.99';
const BIG = 1_000_000;
const DATE = '2026-12-31';

type Render = (m: Messages, cut: Cut) => string;

const singles: Record<string, Render> = {
  ...Object.fromEntries(
    [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ].map(([seller, partner]) => [
      `help seller=${seller} partner=${partner}`,
      (m: Messages) => m.help({ seller: seller!, partner: partner! }),
    ]),
  ),
  ...Object.fromEntries(COMMANDS.map((command) => [`usage ${command}`, (m: Messages) => m.usage[command]])),
  welcome: (m) => m.welcome,
  notJoined: (m) => m.notJoined,
  joined: (m, cut) => m.joined({ center: cut(NAME), code: CODE }),
  foundNone: (m, cut) => m.foundNone({ words: cut(LONG) }),
  orderedCash: (m, cut) => m.ordered({ code: ORDER, total: MONEY, center: cut(NAME), payment: 'CASH' }),
  orderedMomo: (m, cut) => m.ordered({ code: ORDER, total: MONEY, center: cut(NAME), payment: 'MOBILE_MONEY' }),
  noOrders: (m) => m.noOrders,
  ...Object.fromEntries(
    ORDER_STATUSES.flatMap((status) =>
      (['UNPAID', 'PENDING', 'PAID', 'REFUNDED'] as PaymentStatus[]).map((payment) => [
        `orderOne ${status} ${payment}`,
        (m: Messages, cut: Cut) =>
          m.orderOne({
            code: ORDER,
            status: m.orderStatus[status as OrderStatus],
            total: MONEY,
            payment: m.paymentStatus[payment],
            center: cut(NAME),
          }),
      ]),
    ),
  ),
  ...Object.fromEntries(
    ORDER_STATUSES.map((status) => [
      `orderRefunded ${status}`,
      (m: Messages) => m.orderRefunded({ code: ORDER, status: m.orderStatus[status], total: MONEY }),
    ]),
  ),
  cancelled: (m) => m.cancelled({ code: ORDER }),
  accepted: (m) => m.accepted({ code: ORDER, dropOff: null }),
  acceptedDropOff: (m, cut) => m.accepted({ code: ORDER, dropOff: cut(NAME) }),
  dropOffFirst: (m, cut) => m.dropOffFirst({ code: ORDER, center: cut(NAME) }),
  received: (m) => m.received({ code: ORDER }),
  shipped: (m, cut) => m.shipped({ code: ORDER, center: cut(NAME) }),
  noPrices: (m, cut) => m.noPrices({ commodity: cut(LONG) }),
  reported: (m, cut) => m.reported({ commodity: cut(LONG), price: MONEY, unit: cut(LONG), market: cut(NAME) }),
  listed: (m, cut) => m.listed({ code: CODE, name: cut(NAME), price: MONEY, stock: BIG }),
  stockSet: (m) => m.stockSet({ code: CODE, stock: BIG }),
  languageSet: (m) => m.languageSet,
  stopped: (m) => m.stopped,
  started: (m) => m.started,
  unknownWithSuggestion: (m) => m.unknown({ suggestion: 'UNSUBSCRIBE' }),
  unknown: (m) => m.unknown({ suggestion: null }),
  rateLimited: (m) => m.rateLimited,
  notFound: (m, cut) => m.notFound({ entity: m.entity.center, key: cut(LONG) }),
  outOfStock: (m) => m.outOfStock({ code: CODE, available: BIG }),
  forbidden: (m) => m.forbidden,
  ...Object.fromEntries(COMMANDS.map((command) => [`badInput ${command}`, (m: Messages) => m.badInput({ usage: m.usage[command] })])),
  ...Object.fromEntries(
    ORDER_STATUSES.map((status) => [`illegal ${status}`, (m: Messages) => m.illegal({ code: ORDER, status: m.orderStatus[status] })]),
  ),
  orderPaid: (m) => m.orderPaid({ code: ORDER }),
  noShop: (m) => m.noShop,
  noCurrency: (m) => m.noCurrency,
  failed: (m) => m.failed,
  arrived: (m) => m.arrived({ code: ORDER }),
  deliveredCash: (m) => m.delivered({ code: ORDER, cash: MONEY }),
  delivered: (m) => m.delivered({ code: ORDER, cash: null }),
  wrongPickupCode: (m) => m.wrongPickupCode({ attemptsLeft: 4 }),
  pickupLocked: (m) => m.pickupLocked({ until: '23:59 UTC' }),
  pickupExpired: (m) => m.pickupExpired({ code: ORDER }),
  paymentRequired: (m) => m.paymentRequired({ code: ORDER }),
  earnings: (m) => m.earnings({ month: '2026-12', orders: BIG, commission: MONEY, cash: MONEY }),
  paidOut: (m) => m.paidOut({ amount: MONEY, seller: '+861380013800000', owed: MONEY }),
  overpaid: (m) => m.overpaid({ owed: MONEY, seller: '+861380013800000' }),
  refunded: (m) => m.refunded({ code: ORDER, amount: MONEY }),
  notRefundable: (m) => m.notRefundable({ code: ORDER }),
  noTasks: (m) => m.noTasks,
  noSales: (m) => m.noSales,
  momoUnavailable: (m) => m.momoUnavailable,
  ...Object.fromEntries(
    (['ONE_SELLER', 'MAX_LINES', 'MAX_QUANTITY', 'MAX_TOTAL'] as const).map((rule) => [
      `orderRule ${rule}`,
      (m: Messages) => m.orderRule({ rule, maxLines: 20, maxQuantity: 10_000 }),
    ]),
  ),
  notifyUnpaidCancelled: (m) => m.notifyUnpaidCancelled({ code: ORDER }),
  reportWaiting: (m, cut) => m.reportWaiting({ commodity: cut(LONG), price: MONEY, unit: cut(LONG), market: cut(NAME) }),
  reportRepeat: (m, cut) => m.reportRepeat({ commodity: cut(LONG), market: cut(NAME) }),
  ...Object.fromEntries(
    (['RISE', 'FALL'] as const).flatMap((direction) => [
      [
        `alertSet ${direction}`,
        (m: Messages, cut: Cut) =>
          m.alertSet({ number: 5, commodity: cut(LONG), market: cut(NAME), price: MONEY, unit: cut(LONG), direction }),
      ],
      [
        `alertSet any market ${direction}`,
        (m: Messages, cut: Cut) => m.alertSet({ number: 5, commodity: cut(LONG), market: null, price: MONEY, unit: cut(LONG), direction }),
      ],
    ]),
  ),
  noAlerts: (m) => m.noAlerts,
  alertRemoved: (m) => m.alertRemoved({ number: 5, left: 4 }),
  noSuchAlert: (m) => m.noSuchAlert({ number: 99 }),
  alertLimit: (m) => m.alertLimit({ max: 5 }),
  consentAllowed: (m, cut) => m.consentAnswered({ app: cut(NAME), allowed: true }),
  consentDenied: (m, cut) => m.consentAnswered({ app: cut(NAME), allowed: false }),
  wrongConsentCode: (m) => m.wrongConsentCode({ triesLeft: 4 }),
  wrongConsentCodeLast: (m) => m.wrongConsentCode({ triesLeft: 0 }),
  noConsentWaiting: (m) => m.noConsentWaiting,
  noApps: (m) => m.noApps,
  appRevoked: (m, cut) => m.appRevoked({ app: cut(NAME) }),
  noSuchApp: (m) => m.noSuchApp({ number: 99 }),
  weeklyOn: (m, cut) => m.weeklyOn({ commodity: cut(LONG) }),
  weeklyOff: (m) => m.weeklyOff,
  ...Object.fromEntries(
    [null, 70].flatMap((below) =>
      [0, 14].map((days) => [
        `listedNear days=${days} below=${below}`,
        (m: Messages, cut: Cut) =>
          m.listedNear({ code: CODE, price: MONEY, stock: BIG, market: cut(NAME), unit: cut(LONG), median: MONEY, days, below }),
      ]),
    ),
  ),
};

function expectOneSegment(language: Language, text: string): void {
  const measured = new SegmentedMessage(text);
  expect(measured.segmentsCount, text).toBe(1);
  if (language === 'zh') expect(measured.encodingName).toBe('UCS-2');
  // Nothing in a GSM-7 language may silently force UCS-2 (and so a 70-character limit).
  else expect(measured.getNonGsmCharacters(), text).toEqual([]);
}

describe.each(LANGUAGES)('replies in %s', (language) => {
  it.each(Object.keys(singles))('%s fits one segment with worst-case values', (name) => {
    expectOneSegment(language, say(language, singles[name]!));
  });

  it('keeps realistic names whole', () => {
    const reply = say(language, (m, cut) =>
      m.ordered({ code: ORDER, total: 'TZS 33,000', center: cut('Mwanga Service Center'), payment: 'CASH' }),
    );
    expect(reply).toContain('Mwanga Service Center');
  });

  it('cuts lists to what fits, never splits them', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => (m: Messages, cut: Cut) => m.foundItem({ code: `Q${String(i).padStart(11, '0')}`, name: cut(NAME), price: MONEY }),
    );
    const found = sayList(language, () => '', items);
    expectOneSegment(language, found);
    // Whole items only, in order, and the rest counted.
    const shown = found.match(/Q\d{11}/g) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => `Q${String(i).padStart(11, '0')}`));
    expect(found.endsWith(MESSAGES[language].more(30 - shown.length))).toBe(true);
    const prices = sayList(
      language,
      (m, cut) => m.pricesHead({ commodity: `${cut(LONG)} TZS` }),
      Array.from(
        { length: 10 },
        () => (m: Messages, cut: Cut) =>
          m.priceItem({
            market: cut(NAME),
            unit: cut(LONG),
            min: '19,999,999.99',
            median: '19,999,999.99',
            max: '19,999,999.99',
            count: BIG,
            date: DATE.slice(5),
            change: trendText(language, -999),
          }),
      ),
    );
    expectOneSegment(language, prices);
    const sales = sayList(
      language,
      (m) => m.salesHead,
      Array.from({ length: 8 }, () => (m: Messages) => m.orderItem({ code: ORDER, status: m.orderStatus.ACCEPTED, total: MONEY })),
    );
    expectOneSegment(language, sales);
    const orders = sayList(
      language,
      (m) => m.ordersHead,
      Array.from({ length: 5 }, () => (m: Messages) => m.orderItem({ code: ORDER, status: m.orderStatus.AT_CENTER, total: MONEY })),
    );
    expectOneSegment(language, orders);
    const refunded = sayList(
      language,
      (m) => m.ordersHead,
      Array.from({ length: 5 }, () => (m: Messages) => m.orderItemRefunded({ code: ORDER, status: m.orderStatus.AT_CENTER, total: MONEY })),
    );
    expectOneSegment(language, refunded);
    expect(refunded).toContain(ORDER);
  });

  it.each(ORDER_STATUSES)('the %s notification fits one segment', (status) => {
    expectOneSegment(language, notificationText({ kind: 'ORDER_STATUS', orderCode: ORDER, status, centerId: CODE }, language, NAME));
  });

  it('the pickup-code and lock notifications fit one segment', () => {
    expectOneSegment(
      language,
      notificationText(
        { kind: 'PICKUP_CODE', orderCode: ORDER, centerId: CODE, pickupCode: '999999', expiresAt: '2026-12-31T23:59:59.999Z' },
        language,
        NAME,
      ),
    );
    expectOneSegment(
      language,
      notificationText({ kind: 'PICKUP_LOCKED', orderCode: ORDER, centerId: CODE, until: '2026-12-31T23:59:59.999Z' }, language, NAME),
    );
  });

  it.each(['RISE', 'FALL'] as const)('the price alert of a %s fits one segment', (direction) => {
    const alert = {
      kind: 'PRICE_ALERT' as const,
      alertId: 'a',
      number: 5,
      on: DATE,
      commodity: LONG,
      market: NAME,
      unit: LONG,
      median: { amount: 1_999_999_999, currency: 'TZS' },
      direction,
    };
    expectOneSegment(language, notificationText(alert, language, NAME));
  });

  it('the weekly prices fit one segment with the longest names, as many markets as fit', () => {
    const markets = Array.from({ length: 8 }, (_, i) => ({
      market: `${NAME}${i}`,
      unit: LONG,
      median: { amount: 1_999_999_999, currency: 'TZS' },
      changePercent: -999,
    }));
    const text = notificationText({ kind: 'WEEKLY_PRICES', commodity: LONG, week: DATE, markets }, language, NAME);
    expectOneSegment(language, text);
    expect(text).toContain('19,999,999.99');
  });

  it('lists 5 alerts in one segment', () => {
    const alerts = Array.from(
      { length: 5 },
      (_, i) => (m: Messages, cut: Cut) =>
        m.alertItem({ number: i + 1, commodity: cut(LONG), market: cut(NAME), price: MONEY, direction: 'FALL' }),
    );
    expectOneSegment(
      language,
      sayList(language, (m) => m.alertsHead, alerts),
    );
  });

  it('the consent request fits one segment with every scope, the longest app name and reference, its code whole', () => {
    const consent = (bindingMessage: string | null) =>
      notificationText(
        { kind: 'CONSENT_REQUEST', requestHash: 'h', appName: NAME, scopes: [...SCOPES], bindingMessage, code: '0987', expiresAt: 1 },
        language,
        '',
      );
    for (const text of [consent('W'.repeat(20)), consent(null)]) {
      expectOneSegment(language, text);
      expect(text).toContain(`${KEYWORDS[language].YES[0]} 0987`);
      expect(text).toContain(scopesText(language, SCOPES));
    }
  });

  it('keeps a realistic consent request whole', () => {
    const text = notificationText(
      {
        kind: 'CONSENT_REQUEST',
        requestHash: 'h',
        appName: 'AgriCoop Mobile',
        scopes: ['orders.write', 'orders.read', 'prices.write'],
        bindingMessage: 'ABC-12345',
        code: '4821',
        expiresAt: 1,
      },
      language,
      '',
    );
    expect(text).toContain('AgriCoop Mobile');
    expect(text).toContain('ABC-12345');
  });

  it('lists 10 apps with every scope in one segment', () => {
    const apps = Array.from(
      { length: 10 },
      (_, i) => (m: Messages, cut: Cut) => m.appItem({ number: i + 1, app: cut(NAME), scopes: scopesText(language, SCOPES) }),
    );
    expectOneSegment(
      language,
      sayList(language, (m) => m.appsHead, apps),
    );
  });

  it('the new-order notification fits one segment with 20 lines', () => {
    const lines = Array.from({ length: 20 }, () => ({ productCode: CODE, quantity: 10_000 }));
    expectOneSegment(
      language,
      notificationText({ kind: 'NEW_ORDER', orderCode: ORDER, lines, total: { amount: 1_999_999_999, currency: 'TZS' } }, language, NAME),
    );
  });
});

describe('the consent request', () => {
  it('names the app, what it asks in plain words, its reference and the code to reply with', () => {
    const request = { kind: 'CONSENT_REQUEST' as const, requestHash: 'h', appName: 'AgriCoop', code: '4821', expiresAt: 1 };
    expect(notificationText({ ...request, scopes: ['orders.write', 'orders.read'], bindingMessage: null }, 'en', '')).toBe(
      'AgriCoop asks to place orders and see your orders. Reply YES 4821 to allow.',
    );
    expect(notificationText({ ...request, scopes: ['orders.read'], bindingMessage: 'ABC 12' }, 'sw', '')).toBe(
      'AgriCoop inaomba ruhusa kuona oda zako (ref: ABC 12). Jibu NDIYO 4821 kukubali.',
    );
  });
});
