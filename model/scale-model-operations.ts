// The national peak as a list of operations: how often each runs, and what each reads and writes,
// item by item. Every item of core/'s domains is built by its domain's builder (`orderItem`,
// `productItem`, `memberItem`, ...), the one its repository writes, and through the repositories'
// write helpers and plans where they are pure (`idempotencyPut`, `stockUpdate`, `saleBookings`), so a
// changed item or key shows in the model at once. The channels' own items (an inbound SMS, a phone's
// rate window, a USSD session, a notification's record as the SMS sender keeps it) are built by their
// channel's builders (`inboundSmsItem`, `withRateWindow`, `ussdSessionItem`, `endedUssdSessionItem`,
// `keptOf`) likewise.
// Which items an operation reads and writes follows its repository functions: when one of them reads
// or writes another item, or one more, change its operation here. An operation writes only what it
// changes; the notifications its change sets off (worked out from the table's stream) are sent by the
// SMS sender, whose reads and writes for them (`notified`) are counted with the operation.

import { inboundSmsItem, withRateWindow } from '../channels/sms/inbound-sms-items.js';
import { keptOf } from '../channels/sms/notification-sender.js';
import { notificationText } from '../channels/sms/notification-text.js';
import { endedUssdSessionItem, ussdSessionItem } from '../channels/ussd/ussd-session-items.js';
import { apiKeyItem, describePrincipal, IDEMPOTENCY_TTL_SECONDS, idempotencyPut } from '../core/access/index.js';
import {
  ACCESS_TOKEN_SECONDS,
  type App,
  appItem,
  BUDGET_TTL_SECONDS,
  budgetShares,
  DEFAULT_REQUESTS_PER_MINUTE,
  MAX_REQUESTS_PER_MINUTE,
  type TokenRecord,
  tokenItem,
} from '../core/apps/index.js';
import {
  centerItem,
  listingItems,
  listingOf,
  MAX_STOCK_SHARDS,
  type Product,
  productId,
  productItem,
  productWords,
  queryWords,
  type ServiceCenter,
  shopItem,
  splitStock,
  stockShardItem,
  stockUpdate,
  villageItem,
} from '../core/catalogue/index.js';
import type { PaymentMethod } from '../core/common/index.js';
import { expiresAt, keys, listKeys, type Store, withoutKeys } from '../core/db/index.js';
import { type PickupNotice, partnerCommission, pickupNoticeItem } from '../core/delivery/index.js';
import { type Member, memberItem } from '../core/members/index.js';
import {
  type Order,
  type OrderLine,
  openMobileMoneyItem,
  orderItem,
  type Payment,
  requestMark,
  type Settlement,
  type StatusChange,
} from '../core/orders/index.js';
import { type Notification, type OutboxMessage, outboxItem, type PendingNotification, pendingNotification } from '../core/outbox/index.js';
import {
  type MpesaRequest,
  mpesaRequestItem,
  paymentItem,
  paymentReferenceItem,
  saleBookings,
  sellerBalanceItem,
} from '../core/payments/index.js';
import {
  addToBook,
  BOOK_SIZE,
  fanoutJobId,
  type MarketSummary,
  type PriceAlert,
  type PriceBook,
  type PriceReport,
  priceAlertItem,
  priceBookItem,
  priceReportItem,
  priceSummaryItem,
  summarize,
  watchId,
  watchOf,
} from '../core/prices/index.js';
import type { Access, Item } from './scale-model-capacity.js';
import {
  AT,
  appClientId,
  NETWORK,
  NOW,
  POPULATIONS,
  product,
  productsByVillage,
  type Scenario,
  shopOf,
  type Villager,
  villageOf,
} from './scale-model-network.js';

/** The modeled peak and what it implies. Every figure the model prints follows from these. */
export const PEAK = {
  ordersPerSecond: 10_000,
  smsPerSecond: 2_000,
  priceReportsPerSecond: 500,
  linesPerOrder: 2,
  /** Orders paid by M-Pesa; the rest pay cash at the handover. */
  mobileMoneyShare: 0.4,
  /** Of the M-Pesa requests, those the buyer confirms (the rest are declined and the buyer told). */
  mobileMoneyPaidShare: 0.9,
  /** Orders cancelled before shipping; every other order is accepted, shipped, checked in and handed over. */
  cancelledShare: 0.03,
  /** Where orders come from: the SMS ones are among the SMS below. */
  orderChannels: { sms: 0.05, ussd: 0.45, api: 0.5 },
  /**
   * Apps' GraphQL requests (their orders and searches) that carry an OAuth access token, an app acting
   * for the villager who consented; the rest present a phone's API key. Apps are drawn by Zipf's law.
   */
  appTokenShare: 0.8,
  /** The commands of the SMS traffic (ORDER and REPORT are among the orders and reports above; the rest are reads). */
  smsCommands: { ORDER: 0.25, FIND: 0.2, STATUS: 0.1, PRICE: 0.1, REPORT: 0.1, 'seller or partner': 0.2, other: 0.05 },
  /**
   * Product lists per order placed by USSD or an app (SMS searches are its FIND commands). A search
   * names the commodity of a product the buyer then orders, so its words are as popular as orders.
   */
  searchesPerUssdOrApiOrder: 1,
  /** The first page a list reads, as the channels ask: FindProducts, BrowseProducts, the schema's default for apps. */
  pageFirst: { find: 20, ussd: 50, api: 20 },
  /** USSD buy journeys that search a word; the rest pick a category of their center's village's list. */
  ussdWordSearchShare: 0.5,
  /** Price reports: the share sent by SMS, and of those the share without a market (the center's village is read). */
  priceReportsBySms: 0.4,
  smsReportsWithoutMarket: 0.5,
  /**
   * Price alerts: every report is taken to move its market's median (so it reads the alerts of its
   * market and of any market that the move crossed), and this share of reports to set one off (an SMS).
   */
  priceAlertSmsPerReport: 0.2,
  /**
   * Listing changes by sellers, over any product equally: modeled as new prices, which rewrite every
   * list of the product (a change of the stock alone would write only the product's item).
   */
  listingChangesPerSecond: 1_000,
  /** Twilio status callbacks per sent SMS (sent, delivered). */
  statusCallbacksPerSms: 2,
  /** A USSD buy journey: hops (each reads the session) and the hops that change its lists (each puts it). */
  ussdHopsPerOrder: 8,
  ussdSessionPutsPerOrder: 4,
  /** A buyer's orders as SMS STATUS lists them (at most 5). */
  ordersListedByStatus: 3,
};

/** One kind of request at the peak: how many a second, and what one of them does given its scenario's draws. */
export interface Operation {
  name: string;
  rate: number;
  run: (draw: Scenario) => Access[];
}

// The write helpers take a store for its table name only.
const store = { tableName: 'scale-model' } as Store;

/** One object of the attributes of all the parts, later ones winning (Object.assign: spreading many parts is slow). */
const merge = (...parts: object[]): Item => Object.assign({}, ...parts);

const write = (before: Item | null, after: Item | null, transactional: boolean): Access => ({
  kind: 'write',
  before,
  after,
  transactional,
});
const put = (item: Item, transactional = true) => write(null, item, transactional);
const update = (before: Item, after: Item, transactional = true) => write(before, after, transactional);
const remove = (before: Item, transactional = true) => write(before, null, transactional);
const get = (item: Item, consistent: boolean): Access => ({ kind: 'get', item, consistent, found: true });
const missing = (key: { pk: string; sk: string }, consistent: boolean): Access => ({ kind: 'get', item: key, consistent, found: false });
const query = (list: Access & { kind: 'query' }) => list;

// Items as the repositories write them, by their domains' builders.

/** A product's item (`productItem`, as `putProduct` writes it), made once per version, stock and shard count. */
const productItemOf = memoize(
  (p: Product): Item => productItem(p),
  (p) => `${p.code}#${p.version}#${p.stock}#${p.stockShards ?? 0}`,
);

// Stock shards (core/catalogue/stock.ts): a product so popular that its orders' stock decrements
// would overload one key keeps its stock in `stockShards` items, `keys.stockShard(village, code, i)`.
// An order line takes from one shard, a cancellation puts back to one, a read of its stock reads
// them all (one BatchGetItem); its item, which an order still reads for price and seller, holds none.

/** The sharded products, by the partition key of their item: set by `shardStock` before the model runs. */
const stockShards = new Map<string, number>();
/** The shard each sharded product's next stock change goes to: in turn, the mean of a uniform random pick. */
const nextShard = new Map<string, number>();

const productPk = (p: Pick<Product, 'villageId' | 'code'>) => keys.product(p.villageId, p.code).pk;

/**
 * Keeps the stock of these products (by their item's partition key) in that many shards each: call it
 * before the operations run (a search's page, with the stock reads of its products, is made once).
 */
export function shardStock(shards: Map<string, number>) {
  stockShards.clear();
  nextShard.clear();
  for (const [pk, count] of shards) {
    if (!Number.isInteger(count) || count < 2 || count > MAX_STOCK_SHARDS) throw new Error(`${pk}: ${count} stock shards`);
    stockShards.set(pk, count);
  }
}

/** A product as the catalogue keeps it: a sharded one with its `stockShards` (its item then holds no stock). */
const kept = memoize(
  (p: Product): Product => {
    const count = stockShards.get(productPk(p));
    return count ? { ...p, stockShards: count } : p;
  },
  (p) => `${p.code}#${p.version}#${p.stock}#${stockShards.get(productPk(p)) ?? 0}`,
);

/** One of a product's stock shards as `shardPuts` lays it: the product's stock split evenly, with its version. */
const shardItem = memoize(
  ({ p, shard, count }: { p: Product; shard: number; count: number }): Item => stockShardItem(p, shard, splitStock(p.stock, count)[shard]!),
  ({ p, shard, count }) => `${p.code}#${p.version}#${p.stock}#${shard}/${count}`,
);

/** What reads a product's stock reads (`getProducts`, eventually consistent): its item, and a sharded one's shards. */
function stockReads(p: Product): Access[] {
  const count = stockShards.get(productPk(p)) ?? 0;
  return [get(productItemOf(kept(p)), false), ...Array.from({ length: count }, (_, shard) => get(shardItem({ p, shard, count }), false))];
}

/** A stock change of an order line: `stockUpdate`'s, on the item of the place it names (the product's, or a shard's). */
function stockChange(p: Product, delta: number): Access {
  const pk = productPk(p);
  const count = stockShards.get(pk);
  const shard = count ? (nextShard.get(pk) ?? 0) : null;
  if (count) nextShard.set(pk, (shard! + 1) % count);
  const { Key, ExpressionAttributeValues } = stockUpdate(store, p, shard, delta, null).Update;
  const item = shard === null ? productItemOf(p) : shardItem({ p, shard, count: count! });
  if (item.pk !== Key.pk || item.sk !== Key.sk) throw new Error(`stockUpdate changes ${Key.pk}, not the item the model measures`);
  return update(item, merge(item, { stock: Number(item.stock) + Number(ExpressionAttributeValues[':delta']) }));
}

/** The words a product is listed under (`productWords` of the catalogue), made once per version. */
const wordsOfProduct = memoize(
  (p: Product): string[] => productWords(p),
  (p) => `${p.code}#${p.version}`,
);

/** The items `listingPuts` writes for a product (`listingItems`): its shop's, its village's, its catalogue shard's, one a search word. */
const listingItemsOf = memoize(
  (p: Product): Item[] => listingItems(p, wordsOfProduct(p)),
  (p) => `${p.code}#${p.version}`,
);

const sameKey = (a: Item) => (b: Item) => a.pk === b.pk && a.sk === b.sk;

/** The item of one of a product's lists, by its key. */
const listingItemAt = (key: { pk: string; sk: string }, p: Product): Item => listingItemsOf(p).find(sameKey(key))!;

/**
 * The writes of `putProduct` besides the product's item: when the listing or its words changed, every
 * list's item put, and the items of the words it no longer has deleted, all in its transaction.
 */
function listingWrites(previous: Product | null, next: Product): Access[] {
  const before = previous ? listingItemsOf(previous) : [];
  const after = listingItemsOf(next);
  const listed = (p: Product) => JSON.stringify([listingOf(p), wordsOfProduct(p)]);
  const changed = !previous || listed(previous) !== listed(next);
  return [
    ...(changed ? after.map((item) => write(before.find(sameKey(item)) ?? null, item, true)) : []),
    ...before.filter((item) => !after.some(sameKey(item))).map((item) => remove(item)),
  ];
}

/** Memoized: made once per id of its argument, since building items is most of the model's time. */
function memoize<K, V>(make: (key: K) => V, id: (key: K) => unknown = (key) => key): (key: K) => V {
  const made = new Map<unknown, V>();
  return (key) => {
    const known = made.get(id(key));
    if (known !== undefined) return known;
    const value = make(key);
    made.set(id(key), value);
    return value;
  };
}

const centerItemOf = memoize(
  (c: ServiceCenter): Item => centerItem(c),
  (c) => c.id,
);

// The orders made into items last: an operation names the same order several times in a row.
let recentOrders: [Order, Item][] = [];

/** An order's item (`orderItem`) as `writeNewOrder` puts it (and `statusUpdate` leaves it). */
function orderItemOf(order: Order): Item {
  let item = recentOrders.find(([known]) => known === order)?.[1];
  if (!item) {
    item = orderItem(order);
    recentOrders = [[order, item], ...recentOrders.slice(0, 3)];
  }
  return item;
}

/** A phone's member record as `updateMember` leaves it (`memberItem`), joined to a center. */
export const memberItemOf = (phone: string, c: ServiceCenter): Item => joinedMemberItem({ phone, c });

const joinedMemberItem = memoize(
  ({ phone, c }: { phone: string; c: ServiceCenter }): Item => {
    const member: Member = {
      phone,
      centerId: c.id,
      centerName: c.name,
      language: 'sw',
      notifications: true,
      createdAt: AT,
      updatedAt: AT,
    };
    return memberItem(member);
  },
  ({ phone, c }) => `${phone}#${c.id}`,
);

function idempotencyItem(draw: Scenario, caller: string, operation: string, key: string, resultId: string): Item {
  const record = {
    scope: `${caller}#${operation}`,
    key,
    requestHash: draw.digest('request'),
    resultId,
    createdAt: AT,
    expiresAt: expiresAt(NOW, IDEMPOTENCY_TTL_SECONDS),
  };
  return idempotencyPut(store, record, NOW).Put.Item;
}

const idempotencyKeyOf = (item: Item) => ({ pk: String(item.pk), sk: String(item.sk) });

/** The idempotency key each channel gives a write: the MessageSid, a hash of the USSD session and path, an app's UUID. */
function channelKey(draw: Scenario, channel: 'sms' | 'ussd' | 'api'): string {
  if (channel === 'sms') return `sms:${draw.messageSid()}`;
  if (channel === 'ussd') return `ussd:${draw.digest('ussd-action')}`;
  return draw.uuid();
}

// The order of scenario i: the same products, center and buyer in every operation of its life.

interface ModeledOrder {
  order: Order;
  products: Product[];
  center: ServiceCenter;
  buyer: Villager;
}

function modeledOrder(draw: Scenario, paymentMethod: PaymentMethod): ModeledOrder {
  const products: Product[] = [];
  for (let i = 0; i < PEAK.linesPerOrder; i++) {
    const drawn = draw.orderedProduct();
    // Lines naming the same product are merged into one.
    if (!products.some((p) => productId(p) === productId(drawn))) products.push(drawn);
  }
  const center = draw.center();
  const buyer = draw.villager();
  // Placed with the key its channel gives it: the order keeps the mark that tells a retry from a reuse of the key.
  const channel = draw.choose('order channel', PEAK.orderChannels);
  const scope = `${describePrincipal({ kind: 'PHONE', phone: buyer.phone })}#placeOrder`;
  const request = requestMark({ scope, key: channelKey(draw, channel), requestHash: draw.digest('request') });
  const lines: OrderLine[] = products.map((p, i) => ({
    productId: productId(p),
    productCode: p.code,
    name: p.name,
    unit: p.unit,
    quantity: i + 1,
    unitPrice: p.price,
    lineTotal: { amount: p.price.amount * (i + 1), currency: p.price.currency },
  }));
  const subtotal = { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency: 'TZS' };
  const first = products[0]!;
  const order: Order = {
    code: draw.orderCode(),
    buyerPhone: buyer.phone,
    shopId: first.shopId,
    sellerPhone: first.sellerPhone,
    sellerVillageId: first.villageId,
    centerId: center.id,
    lines,
    subtotal,
    total: subtotal,
    status: 'PLACED',
    paymentStatus: 'UNPAID',
    paymentMethod,
    history: [{ status: 'PLACED', at: AT, by: buyer.phone }],
    revision: 1,
    createdAt: AT,
    updatedAt: AT,
    request,
  };
  return { order, products, center, buyer };
}

/** The order after a status change, as `statusUpdate` leaves it. */
function changed(order: Order, status: Order['status'], by: string, fields: Partial<Order> = {}): Order {
  const change: StatusChange = { status, at: AT, by };
  return Object.assign({}, order, fields, { status, updatedAt: AT, history: [...order.history, change] });
}

/** The order as it stands before a step of its life: the steps before it done. */
function orderBefore(m: ModeledOrder, step: 'ACCEPTED' | 'SHIPPED' | 'AT_CENTER' | 'DELIVERED'): Order {
  const seller = m.order.sellerPhone;
  const partner = m.center.partnerPhone;
  const paid: Partial<Order> = m.order.paymentMethod === 'MOBILE_MONEY' ? { paymentStatus: 'PAID' } : {};
  let order = { ...m.order, ...paid };
  if (step === 'ACCEPTED') return order;
  order = changed(order, 'ACCEPTED', seller);
  if (step === 'SHIPPED') return order;
  order = changed(order, 'SHIPPED', seller);
  if (step === 'AT_CENTER') return order;
  return changed(order, 'AT_CENTER', partner, { pickup: pickupState(m.order.code) });
}

const pickupState = (orderCode: string) => ({
  codeHash: orderCode.padEnd(64, '0'),
  expiresAt: new Date(NOW.getTime() + 14 * 86_400_000).toISOString(),
  wrongAttempts: 0,
  lockedUntil: null,
});

// Notifications: worked out from a change in the table's stream (the modeled moves tell buyers and
// sellers, whose phones the order holds: the notifier reads nothing) and sent by the SMS sender.

const texts = new Map<string, string>();

/** The text a notification's record keeps once sent, in Swahili; the same length for every order of a kind (measured once). */
function smsText(notification: Notification, centerName: string): string {
  const kind = notification.kind === 'ORDER_STATUS' ? notification.status : notification.kind;
  let text = texts.get(kind);
  if (text === undefined) {
    text = notificationText(notification, 'sw', centerName);
    texts.set(kind, text);
  }
  return text;
}

/**
 * A notification's record as the sender puts it once sent (`recordOutcome`, `outboxItem`): what
 * `keptOf` keeps of the notification, the text (a pickup code masked), the provider's id.
 */
export function sentRecord(notice: PendingNotification, body: string, providerId: string): Item {
  const { notification } = notice;
  const masked = notification.kind === 'PICKUP_CODE' && notification.pickupCode ? body.replace(notification.pickupCode, '******') : body;
  const message: OutboxMessage = {
    id: notice.id,
    to: notice.to,
    notification: keptOf(notification),
    status: 'SENT',
    attempts: 1,
    body: masked,
    providerId,
    createdAt: AT,
    updatedAt: AT,
  };
  return outboxItem(message, NOW);
}

/**
 * What the SMS sender does for one notification (`sendNotifications`): in its page's BatchGetItem,
 * eventually consistent, the record (not there yet), the phone's member (language, STOP) and the
 * center the text names; then the record put once, plainly, with its entry in the phone's list
 * (gsi1). A pickup code's clear copy is deleted once its SMS is sent.
 */
function notified(draw: Scenario, notice: PendingNotification, center: ServiceCenter): Access[] {
  const { notification } = notice;
  return [
    missing(keys.outbox(notice.id), false),
    get(memberItemOf(notice.to, center), false),
    ...('centerId' in notification ? [get(centerItemOf(center), false)] : []),
    put(sentRecord(notice, smsText(notification, center.name), draw.messageSid()), false),
    ...(notification.kind === 'PICKUP_CODE' ? [remove(pickupNoticeItem(pickupNoticeOf(notification, notice.to)), false)] : []),
  ];
}

/** The clear copy of a pickup code the arrival puts for the buyer's SMS (`pickupNoticeItem`). */
function pickupNoticeOf(notification: Extract<Notification, { kind: 'PICKUP_CODE' }>, to: string): PickupNotice {
  const { orderCode, centerId, pickupCode, expiresAt: validUntil } = notification;
  return { orderCode, to, centerId, pickupCode: pickupCode!, validUntil };
}

/** The seller's notification of a new order, as `noticesOfOrderChange` works it out. */
function newOrderNotice(order: Order): PendingNotification {
  const lines = order.lines.map((line) => ({ productCode: line.productCode, quantity: line.quantity }));
  return pendingNotification(order.sellerPhone, { kind: 'NEW_ORDER', orderCode: order.code, lines, total: order.total });
}

/** A move's notification of the order's status to one phone. */
const statusNotice = (to: string, order: Order, status: Order['status']) =>
  pendingNotification(to, { kind: 'ORDER_STATUS', orderCode: order.code, status, centerId: order.centerId });

// The operations.

/** One BatchGetItem (products, center, the order at the code its key names: none yet), one TransactWriteItems, the seller told. */
function placeOrder(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  return [
    // One BatchGetItem, eventually consistent on the first attempt.
    // The products' items (a sharded product's too: not its shards).
    ...m.products.map((p) => get(productItemOf(kept(p)), false)),
    get(centerItemOf(m.center), false),
    missing(keys.order(m.order.code), false),
    // One TransactWriteItems: the order is its own idempotency record.
    put(orderItemOf(m.order)),
    ...m.products.map((p, i) => stockChange(p, -(i + 1))),
    ...(m.order.paymentMethod === 'MOBILE_MONEY' ? [put(openMobileMoneyItem(m.order))] : []),
    ...notified(draw, newOrderNotice(m.order), m.center),
  ];
}

/** ACCEPT and SHIP by the seller: the order read, its status updated; the buyer told. */
function sellerStep(step: 'ACCEPTED' | 'SHIPPED') {
  return (draw: Scenario): Access[] => {
    const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
    const before = orderBefore(m, step);
    const after = changed(before, step, m.order.sellerPhone);
    return [
      get(orderItemOf(before), true),
      update(orderItemOf(before), orderItemOf(after)),
      ...notified(draw, statusNotice(m.buyer.phone, after, step), m.center),
    ];
  };
}

/**
 * ARRIVED by the partner: the order and its center read; AT_CENTER with the pickup code's hash, and
 * the code's clear copy for the buyer's SMS, in one transaction; the buyer sent the code.
 */
function markArrived(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const before = orderBefore(m, 'AT_CENTER');
  const after = changed(before, 'AT_CENTER', m.center.partnerPhone, { pickup: pickupState(before.code) });
  const notification = {
    kind: 'PICKUP_CODE' as const,
    orderCode: before.code,
    centerId: m.center.id,
    pickupCode: '482913',
    expiresAt: after.pickup!.expiresAt,
  };
  return [
    get(orderItemOf(before), true),
    get(centerItemOf(m.center), false),
    update(orderItemOf(before), orderItemOf(after)),
    put(pickupNoticeItem(pickupNoticeOf(notification, m.buyer.phone))),
    ...notified(draw, pendingNotification(m.buyer.phone, notification), m.center),
  ];
}

/**
 * DELIVERED by the partner: DELIVERED with its settlement, the cash payment (cash orders), the books' lines
 * (the center's, the seller's sale, and for cash what the center owes the seller); the buyer told. An order
 * paid before reads its payments, to know who holds the money. Every order is modelled as bought at its
 * seller's village's center (no first mile: no collecting center's line).
 */
function confirmDelivery(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const before = orderBefore(m, 'DELIVERED');
  const cash = before.paymentStatus !== 'PAID';
  const settlement: Settlement = {
    centerId: m.center.id,
    commission: partnerCommission(before.subtotal.amount, m.center.commissionBps),
    collectingShare: 0,
    heldBy: cash ? m.center.id : null,
  };
  const after = changed(before, 'DELIVERED', m.center.partnerPhone, { settlement, ...(cash ? { paymentStatus: 'PAID' as const } : {}) });
  const payment: Payment = {
    orderCode: before.code,
    reference: `HANDOVER-${before.code}`,
    method: 'CASH',
    amount: before.total,
    recordedAt: AT,
    recordedBy: m.center.partnerPhone,
  };
  const cashPayment = paymentItem(payment);
  // The books' lines as `saleBookings` plans them: its Puts, and the Update of what the center owes the seller.
  const bookings = saleBookings(store, before, settlement, { at: AT, cashCollected: cash ? before.total.amount : 0, sign: 1 });
  const lines = bookings.flatMap((item) => ('Put' in item && item.Put ? [put(item.Put.Item as Item)] : []));
  const owedUpdates = bookings.flatMap((item) => ('Update' in item && item.Update ? [item.Update] : []));
  const balance = (owed: number): Item =>
    sellerBalanceItem({ centerId: m.center.id, sellerPhone: before.sellerPhone, owed, currency: before.total.currency });
  const owedChanges = owedUpdates.map(({ ExpressionAttributeValues }) => {
    const owed = balance(10_000_000);
    return update(owed, merge(owed, { owed: Number(owed.owed) + Number(ExpressionAttributeValues[':amount']) }));
  });
  return [
    get(orderItemOf(before), true),
    get(centerItemOf(m.center), false),
    ...(cash
      ? []
      : [
          query({
            kind: 'query',
            list: listKeys.orderPayments(before.code),
            sample: cashPayment,
            count: 1,
            consistent: false,
            pages: false,
          }),
        ]),
    update(orderItemOf(before), orderItemOf(after)),
    ...(cash ? [put(cashPayment)] : []),
    ...lines,
    ...owedChanges,
    ...notified(draw, statusNotice(m.buyer.phone, after, 'DELIVERED'), m.center),
  ];
}

/** The buyer cancels: the order and the stock read; CANCELLED and the stock put back in one transaction; the seller told. */
function cancelOrder(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const before = m.order;
  const after = changed(before, 'CANCELLED', m.buyer.phone);
  return [
    get(orderItemOf(before), true),
    ...m.products.flatMap(stockReads),
    update(orderItemOf(before), orderItemOf(after)),
    ...m.products.map((p, i) => stockChange(p, i + 1)),
    ...(before.paymentMethod === 'MOBILE_MONEY' ? [remove(openMobileMoneyItem(before))] : []),
    ...notified(draw, statusNotice(before.sellerPhone, after, 'CANCELLED'), m.center),
  ];
}

function mpesaRequest(draw: Scenario, orderCode: string, status: MpesaRequest['status']): Item {
  return mpesaRequestItem({ checkoutRequestId: draw.checkoutRequestId(), orderCode, amount: 33_000, status, requestedAt: AT });
}

/** The STK push of a mobile-money order: the order read; the request and the order PENDING in one transaction. */
function requestMobileMoney(draw: Scenario): Access[] {
  const m = modeledOrder(draw, 'MOBILE_MONEY');
  const request = mpesaRequest(draw, m.order.code, 'PENDING');
  const after = { ...m.order, paymentStatus: 'PENDING' as const, mpesaCheckoutId: String(request.checkoutRequestId), updatedAt: AT };
  return [get(orderItemOf(m.order), true), put(request), update(orderItemOf(m.order), orderItemOf(after))];
}

/** M-Pesa's callback: the request and the order read; then paid (ledger, receipt, PAID, off the open list) or declined (buyer told). */
function mpesaCallback(draw: Scenario): Access[] {
  const m = modeledOrder(draw, 'MOBILE_MONEY');
  const request = mpesaRequest(draw, m.order.code, 'PENDING');
  const pending = { ...m.order, paymentStatus: 'PENDING' as const, mpesaCheckoutId: String(request.checkoutRequestId) };
  const reads = [get(request, true), get(orderItemOf(pending), true)];
  if (!draw.chance('mobile money paid', PEAK.mobileMoneyPaidShare)) {
    // The order keeps why it was not paid: the stream tells the buyer from it.
    const reason = '1032';
    const { mpesaCheckoutId: _, ...unpaid } = { ...pending, paymentStatus: 'UNPAID' as const, paymentFailure: reason };
    const notice = pendingNotification(m.buyer.phone, { kind: 'PAYMENT_FAILED', orderCode: m.order.code, reason });
    return [
      ...reads,
      update(request, { ...request, status: 'FAILED' }),
      update(orderItemOf(pending), orderItemOf(unpaid)),
      ...notified(draw, notice, m.center),
    ];
  }
  const receipt = draw.receipt();
  const payment: Payment = {
    orderCode: m.order.code,
    reference: receipt,
    method: 'MOBILE_MONEY',
    amount: m.order.total,
    recordedAt: AT,
    recordedBy: 'mpesa',
  };
  const { mpesaCheckoutId: _, ...paid } = { ...pending, paymentStatus: 'PAID' as const };
  return [
    ...reads,
    update(request, { ...request, status: 'PAID' }),
    put(paymentItem(payment)),
    put(paymentReferenceItem(m.order, payment)),
    update(orderItemOf(pending), orderItemOf(paid)),
    remove(openMobileMoneyItem(m.order)),
  ];
}

/**
 * Twilio's status callbacks on a sent message's record (sent, then delivered), each a plain update
 * of its delivery status that rewrites its entry in the phone's list: a seller's new order or a
 * buyer's status as often as they are sent (an alert's record costed as a buyer's).
 */
function statusCallbacks(draw: Scenario): Access[] {
  const m = modeledOrder(draw, 'CASH');
  const notice = draw.chance('message to a seller', SELLER_MESSAGES / MESSAGES)
    ? newOrderNotice(m.order)
    : statusNotice(m.buyer.phone, m.order, 'SHIPPED');
  const callbacks: Access[] = [];
  let last = sentRecord(notice, smsText(notice.notification, m.center.name), draw.messageSid());
  for (let i = 0; i < PEAK.statusCallbacksPerSms; i++) {
    const next = { ...last, deliveryStatus: i === 0 ? 'sent' : 'delivered', deliveryRank: 3 + 3 * i };
    callbacks.push(update(last, next, false));
    last = next;
  }
  return callbacks;
}

/**
 * Every inbound SMS: one UpdateItem adds it to the rate window on its member's item and returns the member; a
 * command other than ORDER then stores its reply under the MessageSid (an ORDER's order answers a repeat).
 */
function inboundSms(draw: Scenario): Access[] {
  const phone = draw.villager().phone;
  const sid = draw.messageSid();
  const earlier = [400_000, 200_000, 60_000].map((ago, i) => ({ messageSid: `${sid}${i}`, at: new Date(NOW.getTime() - ago) }));
  const member = memberItemOf(phone, draw.center());
  const reply = 'Bei ya mchele Mwanga: TZS 3,300 kwa kilo (wastani wa wiki).';
  return [
    update(withRateWindow(member, earlier), withRateWindow(member, [...earlier, { messageSid: sid, at: NOW }]), false),
    put(inboundSmsItem({ messageSid: sid, from: phone, reply }, NOW), false),
  ];
}

/**
 * The queries of one page as `readPage` makes them: each asks for what the page still lacks (a Query's
 * Limit counts the items it reads, before a filter), until the page is full or the list ends; a query
 * that stops at its Limit at the list's very end still returns a key to go on from, so one more reads nothing.
 */
function walkPage<T>(list: Iterable<T>, first: number, passes: (item: T) => boolean): { queries: T[][]; found: T[] } {
  const items = list[Symbol.iterator]();
  const queries: T[][] = [];
  const found: T[] = [];
  let more = true;
  while (found.length < first && more) {
    const limit = first - found.length;
    const read: T[] = [];
    while (read.length < limit) {
      const next = items.next();
      if (next.done) break;
      read.push(next.value);
    }
    more = read.length === limit;
    queries.push(read);
    found.push(...read.filter(passes));
  }
  return { queries, found };
}

/** The products listed under a word, in the list's order (by village, then code), as ranks. */
function* wordList(word: string): Generator<number> {
  let previous = '';
  for (const rank of productsByVillage()) {
    const p = product(rank);
    if (!wordsOfProduct(p).includes(word)) continue;
    // The network yields products by village id, then code: the order of the list's sort keys.
    const { sk } = keys.wordListing(word, p.villageId, p.code);
    if (sk <= previous) throw new Error('a word list no longer sorts by village and code: change wordList');
    previous = sk;
    yield rank;
  }
}

/** A search's page: the same for every search of the same text and size. */
interface SearchPage {
  word: string;
  /** Its queries of the word's list. */
  reads: Access[];
  /** The products it shows, as ranks, and the reads of their stock. */
  found: number[];
  stock: Access[];
}

/** The item of a word's list that shows the product of a rank. */
function wordListingOf(word: string, rank: number): Item {
  const p = product(rank);
  return listingItemAt(keys.wordListing(word, p.villageId, p.code), p);
}

/** What a page's `stock` reads: one BatchGetItem, eventually consistent, of the products it shows (and a sharded one's shards). */
const stockOf = (shown: Product[]): Access[] => shown.flatMap(stockReads);

/**
 * A page of a search as `searchProducts` reads it: the list of its longest word (of the whole
 * country: no channel names a village), filtered by its other words.
 */
const searchPageOf = memoize(
  ({ text, first }: { text: string; first: number }): SearchPage => {
    const [word, ...others] = queryWords(text).sort((a, b) => b.length - a.length);
    const list = listKeys.productsWithWord(word!, null);
    const walk = walkPage(wordList(word!), first, (rank) => others.every((other) => wordsOfProduct(product(rank)).includes(other)));
    const reads = walk.queries.map((ranks) =>
      query({
        kind: 'query',
        list,
        // A query that reads nothing is charged its minimum whatever its items' size.
        sample: ranks.length > 0 ? wordListingOf(word!, ranks[0]!) : {},
        count: ranks.length,
        consistent: false,
        pages: false,
      }),
    );
    return { word: word!, reads, found: walk.found, stock: stockOf(walk.found.map((rank) => product(rank))) };
  },
  ({ text, first }) => `${first}#${text}`,
);

// How many of the first products each word is listed under, for the word's label.
const WORD_SHARE_SAMPLE = 10_000;
let wordCounts: Map<string, number> | null = null;

function wordLabel(word: string): string {
  const sample = Math.min(WORD_SHARE_SAMPLE, NETWORK.products);
  if (!wordCounts) {
    wordCounts = new Map();
    for (let rank = 0; rank < sample; rank++) {
      for (const listed of productWords(product(rank))) wordCounts.set(listed, (wordCounts.get(listed) ?? 0) + 1);
    }
  }
  return `the word "${word}" (on ${Number((((wordCounts.get(word) ?? 0) / sample) * 100).toFixed(2))}% of listings)`;
}

/**
 * A product search: a page of the list of its longest word (listing items), and when the response
 * asks for `stock`, the items of the products on it. A search names the commodity of a product
 * that buyers then order: as popular as its orders.
 */
function searchPage(draw: Scenario, first: number, withStock: boolean): Access[] {
  const wanted = draw.orderedProduct();
  const page = searchPageOf({ text: wanted.commodity ?? wanted.name, first });
  draw.word(page.word, () => wordLabel(page.word));
  if (!withStock) return page.reads;
  // Every search of the word shows the same first products: their items are read by all of them.
  page.found.forEach((rank, i) => {
    draw.shownProduct(rank, 1, `#${i + 1} listed under "${page.word}"`);
  });
  return [...page.reads, ...page.stock];
}

/** A USSD list of the caller's market: a page of their center's village's list, and the stock of its products. */
function villagePage(draw: Scenario, first: number): Access[] {
  const { villageId } = draw.center();
  const walk = walkPage(draw.villageProducts(villageId), first, () => true);
  const reads = walk.queries.map((shown) =>
    query({
      kind: 'query',
      list: listKeys.villageProducts(villageId),
      sample: shown.length > 0 ? listingItemAt(keys.villageListing(villageId, shown[0]!.code), shown[0]!) : {},
      count: shown.length,
      consistent: false,
      pages: false,
    }),
  );
  return [...reads, ...stockOf(walk.found)];
}

/** SMS FIND: a page of the products with its words; the reply shows no stock, so no product item is read. */
const findBySms = (draw: Scenario) => searchPage(draw, PEAK.pageFirst.find, false);

/** An app's products(search): a page, and its products' stock (a buyer's app shows what is there to buy). */
const searchByApp = (draw: Scenario) => searchPage(draw, PEAK.pageFirst.api, true);

/** A USSD buy journey's product list: a word searched, or a category of the caller's market; the menus show the stock. */
function ussdProducts(draw: Scenario): Access[] {
  return draw.chance('ussd word search', PEAK.ussdWordSearchShare)
    ? searchPage(draw, PEAK.pageFirst.ussd, true)
    : villagePage(draw, PEAK.pageFirst.ussd);
}

/** SMS STATUS: the buyer's latest orders (gsi1; readPage's one query, Limit 5, reads the few a buyer has). */
function myOrders(draw: Scenario): Access[] {
  const m = modeledOrder(draw, 'CASH');
  return [
    query({
      kind: 'query',
      list: listKeys.buyerOrders(m.buyer.phone),
      sample: orderItemOf(m.order),
      count: PEAK.ordersListedByStatus,
      consistent: false,
      pages: false,
    }),
  ];
}

function priceReport(id: string, crop: string, market: string, reporter: string, reportedAt: string): PriceReport {
  return {
    id,
    commodity: crop,
    market,
    unit: 'kg',
    price: { amount: 85_000, currency: 'TZS' },
    reportedAt,
    reportedBy: reporter,
    verified: false,
    standing: 'COUNTED',
  };
}

/** A market's book of a crop as busy markets' are: full, one report a minute before the modeled moment. */
const priceBook = memoize(
  ({ crop, market }: { crop: string; market: string }): PriceBook => {
    let book: PriceBook | null = null;
    for (let i = BOOK_SIZE; i > 0; i--) {
      const at = new Date(NOW.getTime() - i * 60_000).toISOString();
      book = addToBook(book, priceReport(`book-${i}`, crop, market, `+25575${String(i).padStart(7, '0')}`, at)).book;
    }
    return book!;
  },
  ({ crop, market }) => `${crop}#${market}`,
);

/** The reporter who moved a market's figures before: a phone of the book's. */
const BOOK_REPORTER = `+25575${String(1).padStart(7, '0')}`;

/** A market's figures of its book, as `putPriceReport` puts them (with who moved them last). */
const summaryOf = (book: PriceBook): Item => priceSummaryItem(summarize(book)[0]!);

/** A market's figures of a crop, from its book as busy markets' are. */
export const marketFigures = (crop: string, market: string): MarketSummary => summarize(priceBook({ crop, market }))[0]!;

/** A price alert where reports find it, as `putAlert` lists it (`market` null: any market). */
function watchedAlert(crop: string, market: string | null, phone: string): PriceAlert {
  return {
    id: `alert-${phone}`,
    number: 1,
    phone,
    commodity: crop,
    market,
    unit: 'kg',
    threshold: { amount: 90_000, currency: 'TZS' },
    direction: 'RISE',
    createdAt: AT,
  };
}

/** A week: how long a fan-out job's progress is kept (`saveJobProgress`). */
const JOB_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * A fan-out job's progress as `saveJobProgress` sets it on `keys.fanoutJob(id)`: the pages listed and
 * where the next starts (the last key read; null when the list is done).
 */
export function jobProgressItem(id: string, pages: number, next: Item | null): Item {
  return {
    ...keys.fanoutJob(id),
    type: 'FanoutJob',
    pages,
    done: next === null,
    position: next === null ? '' : JSON.stringify({ pk: next.pk, sk: next.sk }),
    expiresAt: expiresAt(NOW, JOB_TTL_SECONDS),
  };
}

/**
 * A report's move of its market's median, as the stream tells it (`alertJobs`): one fan-out job per
 * watch it crossed, its market's and any market's. A job reads its progress (none yet), lists the
 * crossed range of thresholds (one Query: the few alerts there), puts its progress; now and then one
 * alert is told, its SMS sent. The alert itself is not written: the record's id per alert and day
 * (`outboxId`) keeps one SMS an alert a day.
 */
function alertJobsOfMove(draw: Scenario, crop: string, market: string, reporter: string): Access[] {
  const subscriber = draw.villager().phone;
  const summary = marketFigures(crop, market);
  const on = AT.slice(0, 10);
  const told = draw.chance('report sets off an alert', PEAK.priceAlertSmsPerReport);
  const { from, through } = draw.priceMove();
  return [watchedAlert(crop, market, subscriber), watchedAlert(crop, null, subscriber)].flatMap((alert, i) => {
    const watch = watchOf(alert);
    const id = fanoutJobId({ kind: 'PRICE_ALERT', watch, from, through, on, summary, reportedBy: reporter });
    const listed = priceAlertItem(alert);
    const tells = told && i === 0;
    const notice = pendingNotification(alert.phone, {
      kind: 'PRICE_ALERT',
      alertId: alert.id,
      number: alert.number,
      on,
      commodity: crop,
      market,
      unit: alert.unit,
      median: { amount: summary.median, currency: summary.currency },
      direction: alert.direction,
    });
    return [
      missing(keys.fanoutJob(id), true),
      query({ kind: 'query', list: listKeys.priceAlerts(watchId(watch)), sample: listed, count: 1, consistent: false, pages: false }),
      put(jobProgressItem(id, 1, null), false),
      ...(tells ? notified(draw, notice, draw.center()) : []),
    ];
  });
}

/** SMS PRICE: a crop's figures in every market (a market named reads its own alone). */
function marketPrices(draw: Scenario): Access[] {
  const crop = draw.crop();
  return [
    query({
      kind: 'query',
      list: listKeys.priceSummaries(crop.name, null),
      sample: summaryOf(priceBook({ crop: crop.name, market: draw.market() })),
      count: NETWORK.markets,
      consistent: false,
      pages: false,
    }),
  ];
}

/**
 * REPORT: its market's book and its idempotency record read first (one BatchGetItem), then the
 * report, the book, the market's figures and the record in one transaction; the alerts its move crossed
 * are told by fan-out jobs.
 */
function reportPrice(draw: Scenario): Access[] {
  const crop = draw.crop();
  const reporter = draw.villager();
  const center = draw.center();
  const market = draw.market();
  const bySms = draw.chance('report by sms', PEAK.priceReportsBySms);
  const report = priceReport(draw.uuid(), crop.name, market, reporter.phone, AT);
  const reportItem = priceReportItem(report);
  const idempotency = idempotencyItem(draw, reporter.phone, 'reportPrice', channelKey(draw, bySms ? 'sms' : 'api'), String(reportItem.sk));
  const homeMarket = bySms && draw.chance('report without market', PEAK.smsReportsWithoutMarket);
  const book = priceBook({ crop: crop.name, market });
  return [
    // SMS REPORT without a market: the market is the village of the sender's center.
    ...(homeMarket ? [get(centerItemOf(center), false), get(villageItem(villageOf(center.villageId)), false)] : []),
    get(priceBookItem(book), true),
    missing(idempotencyKeyOf(idempotency), true),
    put(reportItem),
    update(priceBookItem(book), priceBookItem(book)),
    // Each figure names who moved it last, so that the alerts its move crosses are not told to the reporter.
    update(merge(summaryOf(book), { reportedBy: BOOK_REPORTER }), merge(summaryOf(book), { reportedBy: reporter.phone })),
    // The commodity's index entry is set by a market's first report only: these books are full.
    put(idempotency),
    ...alertJobsOfMove(draw, crop.name, market, reporter.phone),
  ];
}

/**
 * A seller changes a listing (SMS SELL): the product read twice, the seller's shops, the record read,
 * then the product replaced and its lists rewritten in one transaction, then its market reference read.
 */
function changeListing(draw: Scenario): Access[] {
  const previous = draw.listedProduct();
  const next: Product = {
    ...previous,
    price: { ...previous.price, amount: previous.price.amount + 50_000 },
    version: previous.version + 1,
  };
  const shop = shopItem(shopOf(previous.shopId));
  const idempotency = idempotencyItem(draw, previous.sellerPhone, 'upsertProduct', channelKey(draw, 'sms'), previous.code);
  for (const word of productWords(next)) draw.word(word, () => wordLabel(word));
  return [
    get(productItemOf(previous), false),
    query({ kind: 'query', list: listKeys.shopsOfPhone(previous.sellerPhone), sample: shop, count: 1, consistent: false, pages: false }),
    missing(idempotencyKeyOf(idempotency), true),
    get(productItemOf(previous), false),
    write(productItemOf(previous), productItemOf(next), true),
    ...listingWrites(previous, next),
    put(idempotency),
    // The reply shows the market median near the seller: the product's village, its commodity's figures.
    get(villageItem(villageOf(next.villageId)), false),
    ...(next.commodity
      ? [
          query({
            kind: 'query',
            list: listKeys.priceSummaries(next.commodity, null),
            sample: summaryOf(priceBook({ crop: next.commodity, market: draw.market() })),
            count: NETWORK.markets,
            consistent: false,
            pages: false,
          }),
        ]
      : []),
  ];
}

/** A USSD buy journey's session item: read on every hop, put when a hop changes its lists, and the end recorded. */
function ussdJourney(draw: Scenario): Access[] {
  const sessionId = draw.ussdSession();
  const phone = draw.villager().phone;
  const shown = Array.from({ length: 6 }, (_, i) => withoutKeys<Item>(productItemOf(product(i))));
  const lists = { products: shown.map((p) => ({ code: p.code, name: p.name, unit: p.unit, stock: p.stock, price: p.price })) };
  const session = ussdSessionItem(sessionId, { phone, lists }, NOW);
  const end = { status: 'SUCCESS', phone, errorMessage: null, hops: 8, durationMs: 41_000 };
  const { lists: _, ...ended } = { ...session, ...endedUssdSessionItem(sessionId, end, NOW) };
  return [
    ...Array.from({ length: PEAK.ussdHopsPerOrder }, () => get(session, true)),
    ...Array.from({ length: PEAK.ussdSessionPutsPerOrder }, () => write(session, session, false)),
    update(session, ended, false),
  ];
}

/** An app's request: its API key looked up by hash (cached 60 s per function instance, so once for a buyer's order). */
function authenticate(draw: Scenario): Access[] {
  const buyer = draw.villager();
  const principal = { kind: 'PHONE' as const, phone: buyer.phone };
  return [
    get(
      apiKeyItem({
        hash: buyer.apiKeyHash,
        principal,
        label: describePrincipal(principal),
        createdAt: AT,
        expiresAt: expiresAt(NOW, 86_400),
      }),
      false,
    ),
  ];
}

/** Apps' GraphQL requests a second: their orders and their searches. */
const APP_REQUESTS = PEAK.ordersPerSecond * PEAK.orderChannels.api * (1 + PEAK.searchesPerUssdOrApiOrder);
/** Apps' requests a second with an OAuth access token. */
export const APP_TOKEN_REQUESTS = APP_REQUESTS * PEAK.appTokenShare;

/** The minute a budget counts in at the modeled moment (`spendAppRequest`'s). */
export const BUDGET_MINUTE = Math.floor(NOW.getTime() / 60_000);

/**
 * An app of a rank (0 the busiest) at the peak: its token requests a second, the budget a minute they
 * need, and the app as registered, with the budget an administrator may set (at most the registration's
 * largest, at least its default).
 */
export const appAtPeak = memoize(
  (rank: number): { app: App; rate: number; neededPerMinute: number } => {
    const rate = APP_TOKEN_REQUESTS * POPULATIONS.app.probability(rank);
    const neededPerMinute = Math.ceil(rate * 60);
    const app: App = {
      clientId: appClientId(rank),
      name: 'AgriCoop Orders',
      scopes: ['catalogue.read', 'orders.read', 'orders.write'],
      status: 'ACTIVE',
      secretHash: 'a'.repeat(64),
      requestsPerMinute: Math.min(MAX_REQUESTS_PER_MINUTE, Math.max(DEFAULT_REQUESTS_PER_MINUTE, neededPerMinute)),
      webhook: { url: 'https://hooks.agricoop.example/orders', events: ['order.created', 'order.updated'] },
      webhookSecrets: [{ secret: `whsec_${'A'.repeat(43)}=`, createdAt: AT, retiresAt: null }],
      webhookDisabledAt: null,
      createdAt: AT,
      updatedAt: AT,
    };
    return { app, rate, neededPerMinute };
  },
  (rank) => String(rank),
);

/**
 * An app's GraphQL request with an OAuth access token (`authenticateToken`, then `spendAppRequest`):
 * the token and its app in one strongly consistent BatchGetItem, then one UpdateItem on a share of the
 * app's budget of the minute, picked at random among its shares. A refused request writes it too (a
 * failed condition costs its write), so a share takes its app's requests over its shares.
 */
function appTokenRequest(draw: Scenario): Access[] {
  const { rank, clientId } = draw.app();
  const buyer = draw.villager();
  const { app } = appAtPeak(rank);
  const token: TokenRecord = {
    kind: 'ACCESS',
    clientId,
    phone: buyer.phone,
    scopes: ['catalogue.read', 'orders.read', 'orders.write'],
    createdAt: AT,
    expiresAt: expiresAt(NOW, ACCESS_TOKEN_SECONDS),
    usedAt: null,
  };
  const { shares, perShare } = budgetShares(app);
  const key = keys.appBudget(clientId, draw.minute(BUDGET_MINUTE), draw.pick('budget share', shares));
  // The share as its UpdateExpression leaves it: `requests` added to, `expiresAt` set once.
  const counted = (requests: number): Item => ({ ...key, requests, expiresAt: expiresAt(NOW, BUDGET_TTL_SECONDS) });
  return [
    get(tokenItem(buyer.tokenHash, token), true),
    get(appItem(app), true),
    update(counted(Math.floor(perShare / 2)), counted(Math.floor(perShare / 2) + 1), false),
  ];
}

const orders = PEAK.ordersPerSecond;
const completed = orders * (1 - PEAK.cancelledShare);
const mobileMoney = orders * PEAK.mobileMoneyShare;
const sms = (command: keyof typeof PEAK.smsCommands) => PEAK.smsPerSecond * PEAK.smsCommands[command];
// The notifications sent a second: the seller hears of each new order and of cancellations; the buyer
// of each status change and of a declined payment; a price alert's subscriber of a report now and then.
const SELLER_MESSAGES = orders + orders * PEAK.cancelledShare;
const MESSAGES =
  SELLER_MESSAGES +
  4 * completed +
  mobileMoney * (1 - PEAK.mobileMoneyPaidShare) +
  PEAK.priceReportsPerSecond * PEAK.priceAlertSmsPerReport;

/**
 * placeOrder's stock decrements alone, as they land with no product sharded: what `shardStock` is
 * decided from (run before it, as the first operation, so that its draws are placeOrder's own).
 */
export const STOCK_DECREMENTS: Operation = {
  name: 'placeOrder',
  rate: orders,
  run: (draw) => {
    if (stockShards.size > 0) throw new Error('stock decrements are measured before any product is sharded');
    return placeOrder(draw).filter((access) => access.kind === 'write' && access.after?.type === 'Product');
  },
};

/** Every operation of the peak, with its rate a second. */
export const OPERATIONS: Operation[] = [
  { name: 'placeOrder', rate: orders, run: placeOrder },
  { name: 'acceptOrder', rate: completed, run: sellerStep('ACCEPTED') },
  { name: 'shipOrder', rate: completed, run: sellerStep('SHIPPED') },
  { name: 'markArrived', rate: completed, run: markArrived },
  { name: 'confirmDelivery', rate: completed, run: confirmDelivery },
  { name: 'cancelOrder', rate: orders * PEAK.cancelledShare, run: cancelOrder },
  { name: 'requestMobileMoneyPayment', rate: mobileMoney, run: requestMobileMoney },
  { name: 'M-Pesa callback', rate: mobileMoney, run: mpesaCallback },
  { name: 'Twilio status callbacks', rate: MESSAGES, run: statusCallbacks },
  { name: 'inbound SMS (any command)', rate: PEAK.smsPerSecond, run: inboundSms },
  { name: 'FIND (SMS product search)', rate: sms('FIND'), run: findBySms },
  { name: 'products(search) (apps)', rate: orders * PEAK.orderChannels.api * PEAK.searchesPerUssdOrApiOrder, run: searchByApp },
  {
    name: 'USSD product list (word or village)',
    rate: orders * PEAK.orderChannels.ussd * PEAK.searchesPerUssdOrApiOrder,
    run: ussdProducts,
  },
  { name: 'myOrders (SMS STATUS)', rate: sms('STATUS'), run: myOrders },
  { name: 'marketPrices (SMS PRICE)', rate: sms('PRICE'), run: marketPrices },
  { name: 'reportPrice', rate: PEAK.priceReportsPerSecond, run: reportPrice },
  { name: 'upsertProduct (listing changes)', rate: PEAK.listingChangesPerSecond, run: changeListing },
  { name: 'USSD buy journey (session item)', rate: orders * PEAK.orderChannels.ussd, run: ussdJourney },
  { name: 'API key lookup (app orders and searches)', rate: APP_REQUESTS - APP_TOKEN_REQUESTS, run: authenticate },
  { name: 'OAuth token check and budget (apps)', rate: APP_TOKEN_REQUESTS, run: appTokenRequest },
];
