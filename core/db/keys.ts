import { createHash } from 'node:crypto';
import type { IndexName } from './table-schema.js';

// Lists that a whole kind of traffic writes to are spread over several partition keys (one takes
// about 1,000 writes a second), sized from `npm run model`'s national peak; readers gather them all.
/** Unpaid mobile-money orders: put with the order, deleted when paid (~15,000 WCU/s). */
export const OPEN_MOBILE_MONEY_SHARDS = 64;
/** The commodities with prices: every price report updates its commodity's entry. */
export const PRICE_INDEX_SHARDS = 16;
/** What one phone was sent: a seller of a popular product is sent hundreds of notifications a second. */
export const PHONE_OUTBOX_SHARDS = 8;
/** A shop's orders: the seller of a popular product has hundreds placed a second, each rewritten at every step (~5,300 WCU/s). */
export const SHOP_ORDER_SHARDS = 8;
/** A seller's books and their balances by center: the seller of a popular product has hundreds of orders handed over a second. */
export const SELLER_LEDGER_SHARDS = 8;
/** The whole catalogue's listings, browsed without a search or a village: every new listing is written there. */
export const CATALOGUE_SHARDS = 16;
/** An app's webhook deliveries: a busy app's orders are rewritten at every step, each delivery at every attempt. */
export const WEBHOOK_DELIVERY_SHARDS = 8;
/** Weekly price messages go out in the hour of the week their phone falls in: 7 x 24 lists, each read once a week. */
export const WEEKLY_SLOTS = 7 * 24;

/** The shard an item belongs to: fixed by its id, so its later update or delete finds it. */
function shardOf(id: string, shards: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
}

/** The hour of the week (0: Monday 00:00 UTC) a phone's weekly price message is sent in. */
export function weeklySlotOf(phone: string): number {
  return shardOf(phone, WEEKLY_SLOTS);
}

/** Thresholds sort as numbers: zero-padded to the digits of the largest amount (2,000,000,000). */
export const alertThresholdKey = (amount: number) => String(amount).padStart(10, '0');

// Key shapes of the one table. An entity item's sort key starts with '#' so that it sorts
// before the items that live in its partition (payments under an order).

export const keys = {
  village: (id: string) => ({ pk: `VILLAGE#${id}`, sk: '#VILLAGE' }),
  center: (id: string) => ({ pk: `CENTER#${id}`, sk: '#CENTER' }),
  shop: (id: string) => ({ pk: `SHOP#${id}`, sk: '#SHOP' }),
  /** A product code is unique within its village. */
  product: (villageId: string, code: string) => ({ pk: `PRODUCT#${villageId}#${code}`, sk: '#PRODUCT' }),
  /** A share of a popular product's stock: a partition key of its own, so that its orders' writes spread. */
  stockShard: (villageId: string, code: string, shard: number) => ({ pk: `PRODUCT#${villageId}#${code}#STOCK#${shard}`, sk: '#STOCK' }),
  order: (code: string) => ({ pk: `ORDER#${code}`, sk: '#ORDER' }),
  /** A pickup code in the clear, under its order, only until the buyer's SMS is sent. */
  pickupNotice: (orderCode: string, validUntil: string) => ({ pk: `ORDER#${orderCode}`, sk: `PICKUP#${validUntil}` }),
  payment: (orderCode: string, reference: string) => ({ pk: `ORDER#${orderCode}`, sk: `PAYMENT#${reference}` }),
  /** A refund sits in its order's payment ledger, apart from the payments. */
  refund: (orderCode: string, reference: string) => ({ pk: `ORDER#${orderCode}`, sk: `PAYMENT#REFUND#${reference}` }),
  /** Mobile-money references are unique at the provider; cash receipt numbers only within one center's book. */
  mobileMoneyReference: (reference: string) => ({ pk: `PAYREF#MOBILE_MONEY#${reference}`, sk: '#PAYREF' }),
  cashReference: (centerId: string, reference: string) => ({ pk: `PAYREF#CASH#${centerId}#${reference}`, sk: '#PAYREF' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: '#IDEMPOTENCY' }),
  priceReport: (commodity: string, sortKey: string) => ({ pk: `PRICE#${commodity}`, sk: sortKey }),
  priceIndex: (commodity: string) => ({ pk: `PRICEINDEX#${shardOf(commodity, PRICE_INDEX_SHARDS)}`, sk: `COMMODITY#${commodity}` }),
  /** The reports a market's figures are computed from: a partition per market, so that a popular commodity's reports spread. */
  priceBook: (commodity: string, market: string) => ({ pk: `PRICEBOOK#${commodity}#${market}`, sk: '#BOOK' }),
  /** A market's figures for a commodity in one unit and currency: small items, so that reading them all stays cheap. */
  priceSummary: (commodity: string, market: string, unit: string, currency: string) => ({
    pk: `PRICEMARKETS#${commodity}`,
    sk: `MARKET#${market}#${unit}#${currency}`,
  }),
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: '#APIKEY' }),
  member: (phone: string) => ({ pk: `MEMBER#${phone}`, sk: '#MEMBER' }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: '#OUTBOX' }),
  /** How far a fan-out job has listed its phones. */
  fanoutJob: (id: string) => ({ pk: `JOB#${id}`, sk: '#JOB' }),
  inboundSms: (messageSid: string) => ({ pk: `SMSIN#${messageSid}`, sk: '#SMSIN' }),
  rateLog: (phone: string) => ({ pk: `RATE#${phone}`, sk: '#RATE' }),
  /** A line without a kind keeps the shape lines always had; a line of a kind for the same order and moment is told apart by it. */
  centerLedger: (centerId: string, at: string, orderCode: string, kind: string | null) => ({
    pk: `CENTER#${centerId}`,
    sk: `LEDGER#${at}#${orderCode}${kind === null ? '' : `#${kind}`}`,
  }),
  /** An order a center's partner is to receive from a seller of its village, or to send on: kept from acceptance until it leaves. */
  firstMileTask: (centerId: string, createdAt: string, orderCode: string) => ({
    pk: `CENTER#${centerId}`,
    sk: `FIRSTMILE#${createdAt}#${orderCode}`,
  }),
  /** What a center's partner owes a seller in cash: in the center's partition, beside its ledger. */
  sellerBalance: (centerId: string, sellerPhone: string) => ({ pk: `CENTER#${centerId}`, sk: `OWED#${sellerPhone}` }),
  sellerLedger: (sellerPhone: string, at: string, orderCode: string, kind: string) => ({
    pk: `SELLER#${sellerPhone}#${shardOf(orderCode, SELLER_LEDGER_SHARDS)}`,
    sk: `LEDGER#${at}#${orderCode}#${kind}`,
  }),
  mpesaRequest: (checkoutRequestId: string) => ({ pk: `MPESA#${checkoutRequestId}`, sk: '#MPESA' }),
  openMobileMoney: (createdAt: string, orderCode: string) => ({
    pk: `MOMO#OPEN#${shardOf(orderCode, OPEN_MOBILE_MONEY_SHARDS)}`,
    sk: `${createdAt}#${orderCode}`,
  }),
  ussdSession: (sessionId: string) => ({ pk: `USSD#${sessionId}`, sk: '#USSD' }),
  // A product's listing is copied into the lists that show it (without its stock, so that an
  // order rewrites none of them): its shop's, its village's, a catalogue shard, and one list per
  // search word, sorted by village so that a village's matches are a range of it.
  shopListing: (shopId: string, code: string) => ({ pk: `SHOP#${shopId}`, sk: `PRODUCT#${code}` }),
  villageListing: (villageId: string, code: string) => ({ pk: `VILLAGE#${villageId}`, sk: `PRODUCT#${code}` }),
  catalogueListing: (villageId: string, code: string) => ({
    pk: `CATALOGUE#${shardOf(`${villageId}#${code}`, CATALOGUE_SHARDS)}`,
    sk: `PRODUCT#${villageId}#${code}`,
  }),
  wordListing: (word: string, villageId: string, code: string) => ({ pk: `WORD#${word}`, sk: `PRODUCT#${villageId}#${code}` }),
  /** A phone's price alerts, numbered as the phone sees them: one item, so that their cap holds. */
  phoneAlerts: (phone: string) => ({ pk: `ALERTS#${phone}`, sk: '#ALERTS' }),
  /** A price alert where a report finds it: in the list of what it watches (a `#`-joined id), sorted by threshold. */
  priceAlert: (watch: string, threshold: number, id: string) => ({
    pk: `ALERTSUB#${watch}`,
    sk: `${alertThresholdKey(threshold)}#${id}`,
  }),
  /** A phone's weekly price message, listed in the hour of the week it is sent in (fixed by the phone). */
  weeklyPrices: (phone: string) => ({ pk: `WEEKLY#${weeklySlotOf(phone)}`, sk: `PHONE#${phone}` }),
  /** A third-party app, by its client_id. */
  app: (clientId: string) => ({ pk: `APP#${clientId}`, sk: '#APP' }),
  /** An OAuth token (access or refresh) under the hash of its value. */
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: '#TOKEN' }),
  /** What a phone lets an app do: one grant per phone and app, in the phone's partition so that its apps are one query. */
  grant: (phone: string, clientId: string) => ({ pk: `GRANTS#${phone}`, sk: `APP#${clientId}` }),
  /** One share of an app's request count in one minute (core/apps/app-budget.ts). */
  appBudget: (clientId: string, minute: number, share: number) => ({ pk: `BUDGET#${clientId}#${minute}#${share}`, sk: '#BUDGET' }),
  /** A backchannel consent request under the hash of its auth_req_id; its code in the clear sits beside it until the SMS is sent. */
  consentRequest: (hash: string) => ({ pk: `CIBA#${hash}`, sk: '#CIBA' }),
  consentNotice: (hash: string) => ({ pk: `CIBA#${hash}`, sk: 'NOTICE' }),
  /** A webhook delivery (its attempts) under its webhook-id, until its TTL. */
  webhookDelivery: (id: string) => ({ pk: `WEBHOOK#${id}`, sk: '#WEBHOOK' }),
  /** Marks a table that the local run has seeded with demo data. */
  demoSeed: () => ({ pk: 'SEED#demo', sk: '#SEED' }),
};

export const indexKeys = {
  phoneCenter: (phone: string, centerId: string) => ({ gsi2pk: `PHONE#${phone}`, gsi2sk: `CENTER#${centerId}` }),
  phoneShop: (phone: string, shopId: string) => ({ gsi2pk: `PHONE#${phone}`, gsi2sk: `SHOP#${shopId}` }),
  /** A seller's balance at one of the centers that hold cash for them, in one of the seller's shards. */
  sellerBalance: (sellerPhone: string, centerId: string) => ({
    gsi2pk: `OWED#${sellerPhone}#${shardOf(centerId, SELLER_LEDGER_SHARDS)}`,
    gsi2sk: `CENTER#${centerId}`,
  }),
  /** Every app, for the administrators' list: apps are few and rarely written. */
  appListing: (createdAt: string, clientId: string) => ({ gsi1pk: 'APPS', gsi1sk: `APP#${createdAt}#${clientId}` }),
  /** A phone's consent requests, where its YES or NO by SMS or USSD finds them. */
  phoneConsent: (phone: string, createdAt: string) => ({ gsi1pk: `CONSENT#${phone}`, gsi1sk: `CIBA#${createdAt}` }),
  /** A webhook delivery on its app's list, in one of the app's shards. */
  appDelivery: (clientId: string, createdAt: string, id: string) => ({
    gsi1pk: `WEBHOOKS#${clientId}#${shardOf(id, WEBHOOK_DELIVERY_SHARDS)}`,
    // The id makes it unique: pages of a list over shards move on by sort key.
    gsi1sk: `DELIVERY#${createdAt}#${id}`,
  }),
  buyerOrder: (phone: string, createdAt: string) => ({ gsi1pk: `BUYER#${phone}`, gsi1sk: `ORDER#${createdAt}` }),
  phoneOutbox: (phone: string, createdAt: string, id: string) => ({
    gsi1pk: `OUTBOX#${phone}#${shardOf(id, PHONE_OUTBOX_SHARDS)}`,
    // The id makes it unique: pages of a list over shards move on by sort key.
    gsi1sk: `MESSAGE#${createdAt}#${id}`,
  }),
  centerOrder: (centerId: string, createdAt: string) => ({ gsi3pk: `CENTER#${centerId}`, gsi3sk: `ORDER#${createdAt}` }),
  shopOrder: (shopId: string, orderCode: string, createdAt: string) => ({
    gsi2pk: `SHOP#${shopId}#${shardOf(orderCode, SHOP_ORDER_SHARDS)}`,
    // The code makes it unique: pages of a list over shards move on by sort key.
    gsi2sk: `ORDER#${createdAt}#${orderCode}`,
  }),
};

/** A list we query: the partition (of the table, or of an index) and the sort-key prefix of its items. */
export interface ListKey {
  index?: IndexName;
  pk: string;
  prefix: string;
}

export const listKeys = {
  villageProducts: (villageId: string): ListKey => ({ pk: `VILLAGE#${villageId}`, prefix: 'PRODUCT#' }),
  /** One shard of the whole catalogue. */
  catalogue: (shard: number): ListKey => ({ pk: `CATALOGUE#${shard}`, prefix: 'PRODUCT#' }),
  /** The products with a search word, all or one village's. */
  productsWithWord: (word: string, villageId: string | null): ListKey => ({
    pk: `WORD#${word}`,
    prefix: villageId === null ? 'PRODUCT#' : `PRODUCT#${villageId}#`,
  }),
  shopsOfPhone: (phone: string): ListKey => ({ index: 'gsi2', pk: `PHONE#${phone}`, prefix: 'SHOP#' }),
  centersOfPhone: (phone: string): ListKey => ({ index: 'gsi2', pk: `PHONE#${phone}`, prefix: 'CENTER#' }),
  shopProducts: (shopId: string): ListKey => ({ pk: `SHOP#${shopId}`, prefix: 'PRODUCT#' }),
  buyerOrders: (phone: string): ListKey => ({ index: 'gsi1', pk: `BUYER#${phone}`, prefix: 'ORDER#' }),
  centerOrders: (centerId: string): ListKey => ({ index: 'gsi3', pk: `CENTER#${centerId}`, prefix: 'ORDER#' }),
  /** Every app, oldest first. */
  apps: (): ListKey => ({ index: 'gsi1', pk: 'APPS', prefix: 'APP#' }),
  /** The apps a phone has let in (and those it has revoked), by client_id. */
  grantsOfPhone: (phone: string): ListKey => ({ pk: `GRANTS#${phone}`, prefix: 'APP#' }),
  /** A phone's consent requests, oldest first (expired ones until their TTL removes them). */
  consentsOfPhone: (phone: string): ListKey => ({ index: 'gsi1', pk: `CONSENT#${phone}`, prefix: 'CIBA#' }),
  /** One shard of an app's webhook deliveries, sorted by time. */
  appDeliveries: (clientId: string, shard: number): ListKey => ({
    index: 'gsi1',
    pk: `WEBHOOKS#${clientId}#${shard}`,
    prefix: 'DELIVERY#',
  }),
  /** One shard of a shop's orders, sorted by time. */
  shopOrders: (shopId: string, shard: number): ListKey => ({ index: 'gsi2', pk: `SHOP#${shopId}#${shard}`, prefix: 'ORDER#' }),
  /** One shard of what a phone was sent, sorted by time. */
  phoneOutbox: (phone: string, shard: number): ListKey => ({ index: 'gsi1', pk: `OUTBOX#${phone}#${shard}`, prefix: 'MESSAGE#' }),
  /** One shard of the unsettled messages, sorted by creation time. */
  orderPayments: (orderCode: string): ListKey => ({ pk: `ORDER#${orderCode}`, prefix: 'PAYMENT#' }),
  /** Sorted by the orders' placing time. */
  firstMileTasks: (centerId: string): ListKey => ({ pk: `CENTER#${centerId}`, prefix: 'FIRSTMILE#' }),
  /** What a center owes each seller, by phone. */
  centerSellerBalances: (centerId: string): ListKey => ({ pk: `CENTER#${centerId}`, prefix: 'OWED#' }),
  /** One shard of what each center owes a seller. */
  sellerBalances: (sellerPhone: string, shard: number): ListKey => ({
    index: 'gsi2',
    pk: `OWED#${sellerPhone}#${shard}`,
    prefix: 'CENTER#',
  }),
  /** One shard of a seller's books, sorted by time. */
  sellerLedger: (sellerPhone: string, shard: number): ListKey => ({ pk: `SELLER#${sellerPhone}#${shard}`, prefix: 'LEDGER#' }),
  /** Sorted by time. */
  centerLedger: (centerId: string): ListKey => ({ pk: `CENTER#${centerId}`, prefix: 'LEDGER#' }),
  /** One shard of the unpaid mobile-money orders, sorted by placing time. */
  openMobileMoney: (shard: number): ListKey => ({ pk: `MOMO#OPEN#${shard}`, prefix: '' }),
  /** Sorted by report time. */
  priceReports: (commodity: string): ListKey => ({ pk: `PRICE#${commodity}`, prefix: '' }),
  /** One shard of the commodities with prices. */
  priceCommodities: (shard: number): ListKey => ({ pk: `PRICEINDEX#${shard}`, prefix: 'COMMODITY#' }),
  /** The price alerts of a watch, by threshold (a range of them: `alertThresholdKey`). */
  priceAlerts: (watch: string): ListKey => ({ pk: `ALERTSUB#${watch}`, prefix: '' }),
  /** The phones whose weekly price message goes out in one hour of the week. */
  weeklyPrices: (slot: number): ListKey => ({ pk: `WEEKLY#${slot}`, prefix: 'PHONE#' }),
  /** A commodity's market summaries, all markets or one, sorted by market, unit and currency. */
  priceSummaries: (commodity: string, market: string | null): ListKey => ({
    pk: `PRICEMARKETS#${commodity}`,
    prefix: market === null ? 'MARKET#' : `MARKET#${market}#`,
  }),
};

/** Strips the key attributes from an item read from the table. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, type, expiresAt, ...rest } = item;
  return rest as T;
}
