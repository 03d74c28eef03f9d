import type { OrderRule, OrderStatus, PaymentStatus } from '../../core/common/index.js';
import type { PriceLine } from '../text/price-line.js';
import type { CommandName } from './sms-keywords.js';

export type Entity = 'product' | 'order' | 'center' | 'shop';

interface AlertLine {
  number: number;
  commodity: string;
  price: string;
  direction: 'RISE' | 'FALL';
}

/** Every reply and notification, in one language. Values arrive formatted and already cut to fit. */
export interface Messages {
  /** The commands of the sender's roles: a buyer's with examples; with a shop or a center, their commands too, in brief. */
  help: (roles: { seller: boolean; partner: boolean }) => string;
  usage: Record<CommandName, string>;
  welcome: string;
  notJoined: string;
  joined: (p: { center: string; code: string }) => string;
  foundItem: (p: { code: string; name: string; price: string }) => string;
  more: (leftOut: number) => string;
  foundNone: (p: { words: string }) => string;
  ordered: (p: { code: string; total: string; center: string; payment: 'CASH' | 'MOBILE_MONEY' }) => string;
  ordersHead: string;
  orderItem: (p: { code: string; status: string; total: string }) => string;
  /** An order in the STATUS list whose money was given back, whatever its status. */
  orderItemRefunded: (p: { code: string; status: string; total: string }) => string;
  noOrders: string;
  orderOne: (p: { code: string; status: string; total: string; payment: string; center: string }) => string;
  /** STATUS <order> of an order whose money was given back: nothing is left to pay or to pick up. */
  orderRefunded: (p: { code: string; status: string; total: string }) => string;
  cancelled: (p: { code: string }) => string;
  /** `dropOff`: the center a first-mile order is dropped off at; null when the seller ships it. */
  accepted: (p: { code: string; dropOff: string | null }) => string;
  /** SHIP of a first-mile order by its seller: it goes to the collecting center first. */
  dropOffFirst: (p: { code: string; center: string }) => string;
  /** RECEIVED: the collecting partner has the goods. */
  received: (p: { code: string }) => string;
  shipped: (p: { code: string; center: string }) => string;
  pricesHead: (p: { commodity: string }) => string;
  priceItem: (p: PriceLine) => string;
  noPrices: (p: { commodity: string }) => string;
  reported: (p: { commodity: string; price: string; unit: string; market: string }) => string;
  listed: (p: { code: string; name: string; price: string; stock: number }) => string;
  stockSet: (p: { code: string; stock: number }) => string;
  languageSet: string;
  stopped: string;
  started: string;
  unknown: (p: { suggestion: string | null }) => string;
  rateLimited: string;
  orderStatus: Record<OrderStatus, string>;
  paymentStatus: Record<PaymentStatus, string>;
  entity: Record<Entity, string>;
  notFound: (p: { entity: string; key: string }) => string;
  outOfStock: (p: { code: string; available: number }) => string;
  forbidden: string;
  /** An order over one of its limits. */
  orderRule: (p: { rule: OrderRule; maxLines: number; maxQuantity: number }) => string;
  badInput: (p: { usage: string }) => string;
  illegal: (p: { code: string; status: string }) => string;
  orderPaid: (p: { code: string }) => string;
  paymentPending: (p: { code: string }) => string;
  noShop: string;
  noCurrency: string;
  failed: string;
  notifyNewOrder: (p: { code: string; lines: string; total: string }) => string;
  notifyStatus: (p: { code: string; status: OrderStatus; center: string }) => string;
  notifyPickupCode: (p: { code: string; pickupCode: string; center: string; until: string }) => string;
  notifyLocked: (p: { code: string; until: string }) => string;
  notifyPaymentFailed: (p: { code: string }) => string;
  notifyUnpaidCancelled: (p: { code: string }) => string;
  notifyRefunded: (p: { code: string; amount: string }) => string;
  /** ORDER ... MOMO where mobile money is not set up. */
  momoUnavailable: string;
  paymentRequested: (p: { code: string; total: string; center: string }) => string;
  arrived: (p: { code: string }) => string;
  delivered: (p: { code: string; cash: string | null }) => string;
  wrongPickupCode: (p: { attemptsLeft: number }) => string;
  pickupLocked: (p: { until: string }) => string;
  pickupExpired: (p: { code: string }) => string;
  paymentRequired: (p: { code: string }) => string;
  earnings: (p: { month: string; orders: number; commission: string; cash: string }) => string;
  /** PAYOUT: cash handed to a seller, and what they are still owed. */
  paidOut: (p: { amount: string; seller: string; owed: string }) => string;
  overpaid: (p: { owed: string; seller: string }) => string;
  /** REFUND: the order's money went back. */
  refunded: (p: { code: string; amount: string }) => string;
  notRefundable: (p: { code: string }) => string;
  tasksHead: string;
  noTasks: string;
  /** ORDERS: a seller's orders to accept or to ship. */
  salesHead: string;
  noSales: string;
  /** REPORT of a price far outside its market's spread: kept, counted once another reporter confirms it. */
  reportWaiting: (p: { commodity: string; price: string; unit: string; market: string }) => string;
  /** REPORT by a phone that already counted for this commodity and market today. */
  reportRepeat: (p: { commodity: string; market: string }) => string;
  /** A market's median crossed the threshold of the phone's alert `number`. */
  notifyPriceAlert: (p: AlertLine & { market: string; unit: string }) => string;
  /** `market` null: any market. */
  alertSet: (p: AlertLine & { market: string | null; unit: string }) => string;
  alertsHead: string;
  alertItem: (p: AlertLine & { market: string | null }) => string;
  noAlerts: string;
  alertRemoved: (p: { number: number; left: number }) => string;
  noSuchAlert: (p: { number: number }) => string;
  alertLimit: (p: { max: number }) => string;
  /**
   * SELL of a product with a commodity: the listing with its commodity's market median near the
   * seller, and a warning when the price is under `below`% of it.
   */
  listedNear: (p: {
    code: string;
    price: string;
    stock: number;
    market: string;
    unit: string;
    median: string;
    days: number;
    below: number | null;
  }) => string;
  /** PRICES WEEKLY <crop> and PRICES OFF. */
  weeklyOn: (p: { commodity: string }) => string;
  weeklyOff: string;
  /** The weekly message: a head, then a median per market as many as fit. */
  weeklyHead: (p: { commodity: string; currency: string }) => string;
  weeklyItem: (p: { market: string; unit: string; median: string; change: string }) => string;
  /** An app asks to act for the phone (`scopes` in plain words, `ref` the app's binding message): the phone answers YES or NO with the code. */
  notifyConsent: (p: { app: string; scopes: string; ref: string | null; code: string }) => string;
  /** YES or NO with the code of a waiting request. */
  consentAnswered: (p: { app: string; allowed: boolean }) => string;
  /** A code that picks no waiting request; at 0 the phone's waiting requests are ended. */
  wrongConsentCode: (p: { triesLeft: number }) => string;
  noConsentWaiting: string;
  /** APPS: the apps that may act for the phone, numbered for REVOKE. */
  appsHead: string;
  appItem: (p: { number: number; app: string; scopes: string }) => string;
  noApps: string;
  appRevoked: (p: { app: string }) => string;
  noSuchApp: (p: { number: number }) => string;
}
