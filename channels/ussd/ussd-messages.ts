import type { PriceLine } from '../text/price-line.js';

/** Every USSD screen's words, in one language. Values arrive formatted and cut to fit. */
export interface UssdMessages {
  strangerMenu: string[];
  mainMenu: { buy: string; sell: string; prices: string; orders: string; tasks: string; language: string; apps: string };
  back: string;
  more: string;
  invalid: string;
  enterCenterCode: string;
  unknownCenter: string;
  joined: (p: { center: string }) => string;
  buyMenu: string[];
  enterWord: string;
  chooseProduct: string;
  chooseCategory: string;
  otherCategory: string;
  nothingFound: string;
  productDetail: (p: { name: string; price: string; stock: number }) => string;
  enterQuantity: string;
  payBy: string[];
  confirmOrder: (p: { quantity: number; name: string; total: string; center: string; payment: 'CASH' | 'MOBILE_MONEY' }) => string;
  confirm: string;
  ordered: (p: { code: string; total: string; center: string; payment: 'CASH' | 'MOBILE_MONEY' }) => string;
  outOfStock: (p: { available: number }) => string;
  noShop: string;
  chooseListing: string;
  listingMenu: (p: { code: string; name: string; price: string; stock: number }) => string;
  listingActions: string[];
  enterPrice: (p: { currency: string }) => string;
  enterStock: string;
  priceSet: (p: { code: string; price: string }) => string;
  stockSet: (p: { code: string; stock: number }) => string;
  chooseCommodity: string;
  chooseMarket: string;
  allMarkets: string;
  noPrices: string;
  pricesHead: (p: { commodity: string; currency: string }) => string;
  priceLine: (p: PriceLine) => string;
  noOrders: string;
  chooseOrder: string;
  orderDetail: (p: { code: string; status: string; total: string; payment: string; center: string }) => string;
  cancelOrder: string;
  cancelled: (p: { code: string }) => string;
  notCancellable: (p: { status: string }) => string;
  /** The seller's menu: their products, or their orders to accept and ship. */
  sellMenu: string[];
  chooseSale: string;
  noSales: string;
  acceptOrder: string;
  shipOrder: string;
  /** `dropOff`: the center a first-mile order is dropped off at; null when the seller ships it. */
  accepted: (p: { code: string; dropOff: string | null }) => string;
  shipped: (p: { code: string; center: string }) => string;
  /** The line of an accepted first-mile order on the seller's screen: where to take it. */
  dropOffAt: (p: { center: string }) => string;
  /** The collecting partner's steps: confirm a seller's drop-off, then send the order on. */
  receiveOrder: string;
  sendOn: string;
  received: (p: { code: string }) => string;
  noTasks: string;
  taskDetail: (p: { code: string; buyer: string; status: string; total: string }) => string;
  markArrived: string;
  handOver: string;
  enterPickupCode: string;
  arrived: (p: { code: string }) => string;
  delivered: (p: { code: string; cash: string | null }) => string;
  wrongPickupCode: (p: { attemptsLeft: number }) => string;
  pickupLocked: (p: { until: string }) => string;
  pickupExpired: string;
  paymentRequired: string;
  languageSet: string;
  notAllowed: string;
  failed: string;
  /** The prices menu's entries for price alerts (any market, per kg). */
  myAlerts: string;
  newAlert: string;
  alertWhen: (p: { commodity: string }) => string;
  alertDirections: string[];
  enterAlertPrice: (p: { currency: string }) => string;
  alertSet: (p: { number: number; commodity: string; price: string; direction: 'RISE' | 'FALL' }) => string;
  alertLimit: (p: { max: number }) => string;
  chooseAlert: string;
  noAlerts: string;
  alertDetail: (p: { number: number; commodity: string; market: string | null; price: string; direction: 'RISE' | 'FALL' }) => string;
  removeAlert: string;
  alertRemoved: (p: { number: number }) => string;
  /** After a listing's reply: its commodity's market median near the seller, and a warning when the price is under `below`% of it. */
  marketNear: (p: { market: string; unit: string; median: string; days: number; below: number | null }) => string;
  /** The apps menu: apps' requests waiting for the caller's answer, then the apps that may act for them. */
  chooseApp: string;
  appAsking: (p: { app: string }) => string;
  noApps: string;
  /** An app's request: what it asks to do in plain words, and the app's reference. */
  consentAsk: (p: { app: string; scopes: string; ref: string | null }) => string;
  consentChoices: string[];
  consentAnswered: (p: { app: string; allowed: boolean }) => string;
  consentGone: string;
  appMay: (p: { app: string; scopes: string }) => string;
  revokeApp: string;
  appRevoked: (p: { app: string }) => string;
}
