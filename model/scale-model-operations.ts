// The national peak as a list of operations: how often each runs, and what each reads and writes,
// item by item. Every item of core/'s domains is built by its domain's builder (`orderItem`,
// `productItem`, `memberItem`, ...), the one its repository writes, and through the repositories'
// write helpers and plans where they are pure (`outboxPut`, `idempotencyPut`, `stockUpdate`,
// `saleBookings`), so a changed item or key shows in the model at once. The channels' own items (an
// inbound SMS, a phone's rate log, a USSD session) are built by their channel's builders
// (`inboundSmsItem`, `withRateWindow`, `ussdSessionItem`, `endedUssdSessionItem`) likewise.
// Which items an operation reads and writes follows its repository functions: when one of them reads
// or writes another item, or one more, change its operation here.

import { inboundSmsItem, withRateWindow } from '../channels/sms/inbound-sms-items.js';
import { notificationText } from '../channels/sms/notification-text.js';
import { endedUssdSessionItem, ussdSessionItem } from '../channels/ussd/ussd-session-items.js';
import { apiKeyItem, describePrincipal, IDEMPOTENCY_TTL_SECONDS, idempotencyPut } from '../core/access/index.js';
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
import { expiresAt, indexKeys, keys, listKeys, type Store, withoutKeys } from '../core/db/index.js';
import { partnerCommission } from '../core/delivery/index.js';
import { type Member, memberItem } from '../core/members/index.js';
import {
  type Order,
  type OrderLine,
  openMobileMoneyItem,
  orderItem,
  type Payment,
  type Settlement,
  type StatusChange,
} from '../core/orders/index.js';
import { type Notification, type OutboxMessage, pendingNotification } from '../core/outbox/index.js';
import { outboxItem } from '../core/outbox/index.js';
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
  type MarketSummary,
  type PriceAlert,
  type PriceBook,
  type PriceReport,
  priceAlertItem,
  priceBookItem,
  priceReportItem,
  priceSummaryItem,
  summarize,
} from '../core/prices/index.js';
import type { Access, Item } from './scale-model-capacity.js';
import { AT, NETWORK, NOW, product, productsByVillage, type Scenario, shopOf, type Villager, villageOf } from './scale-model-network.js';

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

/** The item without some attributes (an update's REMOVE). */
function without(item: Item, names: string[]): Item {
  const copy = merge(item);
  for (const name of names) delete copy[name];
  return copy;
}

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

/** A new outbox message's item, as `outboxPut` puts it in the transaction of the change it tells about. */
const outboxPutItem = (message: OutboxMessage): Item => outboxItem(message, NOW);

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
    createdAt: AT,
    updatedAt: AT,
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

function outboxMessage(to: string, notification: Notification): OutboxMessage {
  const at = NOW.toISOString();
  return { ...pendingNotification(to, notification), status: 'SENT', attempts: 1, createdAt: at, updatedAt: at };
}

// The operations.

function placeOrder(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const channel = draw.choose('order channel', PEAK.orderChannels);
  const idempotency = idempotencyItem(draw, m.buyer.phone, 'placeOrder', channelKey(draw, channel), m.order.code);
  const notice = outboxMessage(m.order.sellerPhone, {
    kind: 'NEW_ORDER',
    orderCode: m.order.code,
    lines: m.order.lines.map((line) => ({ productCode: line.productCode, quantity: line.quantity })),
    total: m.order.total,
  });
  return [
    // One BatchGetItem, eventually consistent on the first attempt.
    // The products' items (a sharded product's too: not its shards).
    ...m.products.map((p) => get(productItemOf(kept(p)), false)),
    get(centerItemOf(m.center), false),
    missing(idempotencyKeyOf(idempotency), false),
    // One TransactWriteItems.
    put(orderItemOf(m.order)),
    ...m.products.map((p, i) => stockChange(p, -(i + 1))),
    put(outboxPutItem(notice)),
    ...(m.order.paymentMethod === 'MOBILE_MONEY' ? [put(openMobileMoneyItem(m.order))] : []),
    put(idempotency),
  ];
}

/** ACCEPT and SHIP by the seller: the order read, its status and the buyer's SMS in one transaction. */
function sellerStep(step: 'ACCEPTED' | 'SHIPPED') {
  return (draw: Scenario): Access[] => {
    const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
    const before = orderBefore(m, step);
    const after = changed(before, step, m.order.sellerPhone);
    const notice = outboxMessage(m.buyer.phone, { kind: 'ORDER_STATUS', orderCode: before.code, status: step, centerId: m.center.id });
    return [get(orderItemOf(before), true), update(orderItemOf(before), orderItemOf(after)), put(outboxPutItem(notice))];
  };
}

/** ARRIVED by the partner: the order and its center read; AT_CENTER, the pickup code's hash and the buyer's SMS. */
function markArrived(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const before = orderBefore(m, 'AT_CENTER');
  const after = changed(before, 'AT_CENTER', m.center.partnerPhone, { pickup: pickupState(before.code) });
  const notice = outboxMessage(m.buyer.phone, {
    kind: 'PICKUP_CODE',
    orderCode: before.code,
    centerId: m.center.id,
    pickupCode: '482913',
    expiresAt: after.pickup!.expiresAt,
  });
  return [
    get(orderItemOf(before), true),
    get(centerItemOf(m.center), false),
    update(orderItemOf(before), orderItemOf(after)),
    put(outboxPutItem(notice)),
  ];
}

/**
 * DELIVERED by the partner: DELIVERED with its settlement, the cash payment (cash orders), the books' lines
 * (the center's, the seller's sale, and for cash what the center owes the seller), the buyer's SMS. An order
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
  const notice = outboxMessage(m.buyer.phone, { kind: 'ORDER_STATUS', orderCode: before.code, status: 'DELIVERED', centerId: m.center.id });
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
    put(outboxPutItem(notice)),
  ];
}

function cancelOrder(draw: Scenario): Access[] {
  const m = modeledOrder(draw, draw.chance('mobile money', PEAK.mobileMoneyShare) ? 'MOBILE_MONEY' : 'CASH');
  const before = m.order;
  const after = changed(before, 'CANCELLED', m.buyer.phone);
  const notice = outboxMessage(before.sellerPhone, {
    kind: 'ORDER_STATUS',
    orderCode: before.code,
    status: 'CANCELLED',
    centerId: m.center.id,
  });
  return [
    get(orderItemOf(before), true),
    ...m.products.flatMap(stockReads),
    update(orderItemOf(before), orderItemOf(after)),
    ...m.products.map((p, i) => stockChange(p, i + 1)),
    put(outboxPutItem(notice)),
    ...(before.paymentMethod === 'MOBILE_MONEY' ? [remove(openMobileMoneyItem(before))] : []),
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
    const { mpesaCheckoutId: _, ...unpaid } = { ...pending, paymentStatus: 'UNPAID' as const };
    const notice = outboxMessage(m.buyer.phone, { kind: 'PAYMENT_FAILED', orderCode: m.order.code, reason: '1032' });
    return [
      ...reads,
      update(request, { ...request, status: 'FAILED' }),
      update(orderItemOf(pending), orderItemOf(unpaid)),
      put(outboxPutItem(notice)),
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

const texts = new Map<string, string>();

/** The text an outbox item keeps once sent, in Swahili; the same length for every order of a kind (measured once). */
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
 * The outbox sender with one message: claimed (a conditional update), the recipient's member record
 * read, the center's name read when the text names it, settled SENT (leaving the open index), and
 * Twilio's status callbacks recorded.
 */
function sendNotification(recipient: 'seller' | 'buyer') {
  return (draw: Scenario): Access[] => {
    const m = modeledOrder(draw, 'CASH');
    const to = recipient === 'seller' ? m.order.sellerPhone : m.buyer.phone;
    const notification: Notification =
      recipient === 'seller'
        ? {
            kind: 'NEW_ORDER',
            orderCode: m.order.code,
            lines: m.order.lines.map((line) => ({ productCode: line.productCode, quantity: line.quantity })),
            total: m.order.total,
          }
        : { kind: 'ORDER_STATUS', orderCode: m.order.code, status: 'SHIPPED', centerId: m.center.id };
    const pending = outboxPutItem(outboxMessage(to, notification));
    const sending = merge(pending, { status: 'SENDING', leaseUntil: AT, attempts: 1 });
    // Settled, it leaves the sparse index of open messages (REMOVE of the open list's index keys).
    const openIndexKeys = Object.keys(indexKeys.openOutbox(AT, String(pending.id)));
    const sent = without(merge(sending, { status: 'SENT', body: smsText(notification, m.center.name), providerId: draw.messageSid() }), [
      'leaseUntil',
      ...openIndexKeys,
    ]);
    const callbacks: Access[] = [];
    let last: Item = sent;
    for (let i = 0; i < PEAK.statusCallbacksPerSms; i++) {
      const next = { ...last, deliveryStatus: i === 0 ? 'sent' : 'delivered', deliveryRank: 3 + 3 * i };
      callbacks.push(update(last, next, false));
      last = next;
    }
    return [
      update(pending, sending, false),
      get(memberItemOf(to, m.center), true),
      ...(notification.kind === 'ORDER_STATUS' ? [get(centerItemOf(m.center), false)] : []),
      update(sending, sent, false),
      ...callbacks,
    ];
  };
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

/** A market's figures of its book, as `putPriceReport` puts them. */
const summaryOf = (book: PriceBook): Item => priceSummaryItem(summarize(book)[0]!);

/** A market's figures of a crop, from its book as busy markets' are. */
export const marketFigures = (crop: string, market: string): MarketSummary => summarize(priceBook({ crop, market }))[0]!;

/** A price alert where reports find it, as `putAlert` lists it (`market` null: any market). */
function watchedAlert(crop: string, market: string | null, phone: string): Item {
  const alert: PriceAlert = {
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
  return priceAlertItem(alert);
}

/**
 * The alerts a report's move of its market's median crossed: those of its market and those of any
 * market (a range of thresholds each, read when the median moved), and now and then one told, with
 * its day set and its SMS in the outbox, in the report's transaction.
 */
function priceAlertAccesses(draw: Scenario, crop: string, market: string): Access[] {
  const subscriber = draw.villager().phone;
  const watched = [watchedAlert(crop, market, subscriber), watchedAlert(crop, null, subscriber)];
  const reads = watched.map((sample) =>
    query({ kind: 'query', list: { pk: String(sample.pk), prefix: '' }, sample, count: 1, consistent: false, pages: false }),
  );
  if (!draw.chance('report sets off an alert', PEAK.priceAlertSmsPerReport)) return reads;
  const alert = watched[0]!;
  const notification: Notification = {
    kind: 'PRICE_ALERT',
    alertId: String(alert.id),
    number: 1,
    on: AT.slice(0, 10),
    commodity: crop,
    market,
    unit: 'kg',
    median: { amount: 90_000, currency: 'TZS' },
    direction: 'RISE',
  };
  return [
    ...reads,
    update(alert, merge(alert, { lastAlertOn: AT.slice(0, 10) })),
    put(outboxPutItem(outboxMessage(subscriber, notification))),
  ];
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
 * report, the book, the market's figures and the record in one transaction.
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
    update(summaryOf(book), summaryOf(book)),
    ...priceAlertAccesses(draw, crop.name, market),
    // The commodity's index entry is set by a market's first report only: these books are full.
    put(idempotency),
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

const orders = PEAK.ordersPerSecond;
const completed = orders * (1 - PEAK.cancelledShare);
const mobileMoney = orders * PEAK.mobileMoneyShare;
const sms = (command: keyof typeof PEAK.smsCommands) => PEAK.smsPerSecond * PEAK.smsCommands[command];

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
  // The seller hears of each new order and of cancellations; the buyer of each status change and of a declined payment.
  { name: 'send SMS to a seller', rate: orders + orders * PEAK.cancelledShare, run: sendNotification('seller') },
  {
    name: 'send SMS to a buyer',
    rate: 4 * completed + mobileMoney * (1 - PEAK.mobileMoneyPaidShare),
    run: sendNotification('buyer'),
  },
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
  {
    name: 'API key lookup (app orders and searches)',
    rate: orders * PEAK.orderChannels.api * (1 + PEAK.searchesPerUssdOrApiOrder),
    run: authenticate,
  },
];
