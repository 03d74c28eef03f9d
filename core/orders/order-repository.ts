import { type Product, type ServiceCenter, type StockPlace, stockUpdate } from '../catalogue/index.js';
import {
  failedCondition,
  getItem,
  getItems,
  keys,
  listKeys,
  type Page,
  type PageOptions,
  readMergedPage,
  readPage,
  SHOP_ORDER_SHARDS,
  type Store,
  type TransactionOutcome,
  transact,
  withoutKeys,
  writeAll,
} from '../db/index.js';
import type { Order, StatusChange } from './order.js';
import { firstMileTaskItem, openMobileMoneyItem, orderItem } from './order-items.js';

/** What placing an order reads: its products (by global id), its service center and the order at the code its key names. */
export interface PlacementReads {
  products: Map<string, Product>;
  center: ServiceCenter | null;
  /** The order at the code drawn from the request's key: this request's, placed before, or another's. */
  atCode: Order | null;
}

// Access pattern: one BatchGetItem for an order's products, its service center and, for a request with a key, the order at its code.
export async function readForPlacement(
  store: Store,
  productKeys: { id: string; villageId: string; code: string }[],
  centerId: string,
  keyedCode: string | null,
  consistent: boolean,
): Promise<PlacementReads> {
  const keyList = [
    ...productKeys.map((product) => keys.product(product.villageId, product.code)),
    keys.center(centerId),
    ...(keyedCode ? [keys.order(keyedCode)] : []),
  ];
  const items = await getItems<Record<string, unknown>>(store, keyList, { consistent, read: (item) => item });
  const products = new Map<string, Product>();
  productKeys.forEach((product, i) => {
    const item = items[i];
    if (item) products.set(product.id, withoutKeys<Product>(item));
  });
  const [center, atCode] = items.slice(productKeys.length);
  return {
    products,
    center: center ? withoutKeys<ServiceCenter>(center) : null,
    atCode: atCode ? withoutKeys<Order>(atCode) : null,
  };
}

/** Stock an order takes from one place of a product: its item, or one of its shards. */
export interface StockTake extends StockPlace {
  product: { villageId: string; code: string };
  /** The version of the product the order was priced at. */
  seenVersion: number;
}

type NewOrderWrite =
  | { outcome: 'placed' }
  | { outcome: 'out-of-stock'; productCode: string; available: number }
  /** A shard held less than was asked of it: the product's other shards may hold the rest. */
  | { outcome: 'shard-short'; product: { villageId: string; code: string } }
  /** An order has the code already: another drawn at random, or this very request placed a moment ago. */
  | { outcome: 'code-taken' }
  /** A product changed since it was read, or another transaction won the race: read again and plan anew. */
  | { outcome: 'conflict' };

// Access pattern: the order (its own idempotency record) and every stock decrement, in one TransactWriteItems.
export async function writeNewOrder(store: Store, order: Order, takes: StockTake[]): Promise<NewOrderWrite> {
  const result = await transact(
    store,
    [
      {
        Put: {
          TableName: store.tableName,
          Item: orderItem(order),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      // Unchanged since we read its price and seller, and enough of it left.
      ...takes.map((take) => stockUpdate(store, take.product, take.shard, -take.quantity, take.seenVersion)),
      ...(order.paymentMethod === 'MOBILE_MONEY' ? [openMobileMoneyPut(store, order)] : []),
    ],
    null,
  );
  switch (result.outcome) {
    case 'done':
      return { outcome: 'placed' };
    case 'repeat':
      throw new Error(`order ${order.code}: a transaction without an idempotency record reported a repeat`);
    case 'conflict':
      return { outcome: 'conflict' };
    case 'failed':
      return whyRefused(order, takes, result.failures);
  }
}

/** What transact() reports of a transaction whose conditions failed: one entry per item. */
type ItemFailures = Extract<TransactionOutcome, { outcome: 'failed' }>['failures'];

/** Which condition of a new order's transaction failed: the order's own (item 0), else a stock take's (items 1 to takes.length). */
function whyRefused(order: Order, takes: StockTake[], failures: ItemFailures): NewOrderWrite {
  // First the order's own: a retry of this very request may find its stock taken by the first try.
  if (failedCondition(failures, 0)) return { outcome: 'code-taken' };
  for (const [i, take] of takes.entries()) {
    if (!failedCondition(failures, i + 1)) continue;
    const place = failures[i + 1]?.item;
    const available = Number(place?.stock ?? 0);
    // The product itself changed (price, seller), or another order took the stock first: read again and retry.
    if (place && Number(place.version) !== take.seenVersion) return { outcome: 'conflict' };
    if (take.shard !== null) return { outcome: 'shard-short', product: take.product };
    if (place && available >= take.quantity) return { outcome: 'conflict' };
    return { outcome: 'out-of-stock', productCode: take.product.code, available };
  }
  throw new Error(`order ${order.code}: a condition failed that a new order's transaction does not expect`);
}

// Access pattern: get an order by its code.
export async function getOrder(store: Store, code: string): Promise<Order | null> {
  return getItem<Order>(store, keys.order(code), { consistent: true });
}

// Access pattern: a page of a buyer's orders, newest first (gsi1).
export async function listBuyerOrders(
  store: Store,
  phone: string,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<Order> | null> {
  return readPage<Order>(store, [listKeys.buyerOrders(phone)], { ...page, backwards: true });
}

/** Only orders in one of the statuses. */
function statusFilter(statuses: string[]) {
  const values = Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status]));
  return { expression: `#status IN (${Object.keys(values).join(', ')})`, names: { '#status': 'status' }, values };
}

// Access pattern: a page of a center's orders in some statuses, newest first (gsi3).
export async function listCenterOrders(
  store: Store,
  centerId: string,
  statuses: string[],
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<Order> | null> {
  return readPage<Order>(store, [listKeys.centerOrders(centerId)], { ...page, backwards: true, filter: statusFilter(statuses) });
}

// Access pattern: a page of a shop's orders in some statuses, newest first (gsi2, every shard).
export async function listShopOrders(
  store: Store,
  shopId: string,
  statuses: string[],
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<Order> | null> {
  const shards = Array.from({ length: SHOP_ORDER_SHARDS }, (_, shard) => listKeys.shopOrders(shopId, shard));
  return readMergedPage<Order>(store, shards, { ...page, backwards: true, filter: statusFilter(statuses) });
}

/** Unpaid mobile-money orders, listed by age for the expiry sweep. */
function openMobileMoneyPut(store: Store, order: Order) {
  return {
    Put: {
      TableName: store.tableName,
      Item: openMobileMoneyItem(order),
    },
  };
}

export function openMobileMoneyDelete(store: Store, order: Order) {
  return { Delete: { TableName: store.tableName, Key: keys.openMobileMoney(order.createdAt, order.code) } };
}

/**
 * The order's own update in a status change: only from the status it was read in (and, when
 * guarded, the payment status and pickup state it was read with), setting any other fields given.
 */
export function statusUpdate(
  store: Store,
  order: Order,
  change: StatusChange,
  guard: { paymentStatus?: boolean; pickup?: boolean } = {},
  set: Record<string, unknown> = {},
) {
  const conditions = [
    '#status = :from',
    ...(guard.paymentStatus ? ['paymentStatus = :seenPayment'] : []),
    ...(guard.pickup ? ['pickup = :seenPickup'] : []),
  ];
  const fields = Object.entries(set);
  return {
    Update: {
      TableName: store.tableName,
      Key: keys.order(order.code),
      UpdateExpression: `SET #status = :to, updatedAt = :at, history = list_append(history, :change)${fields.map(([name]) => `, #${name} = :set_${name}`).join('')} ADD revision :one`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(fields.map(([name]) => [`#${name}`, name])) },
      ExpressionAttributeValues: {
        ':to': change.status,
        ':from': order.status,
        ':at': change.at,
        ':change': [change],
        ':one': 1,
        ...(guard.paymentStatus ? { ':seenPayment': order.paymentStatus } : {}),
        ...(guard.pickup ? { ':seenPickup': order.pickup } : {}),
        ...Object.fromEntries(fields.map(([name, value]) => [`:set_${name}`, value])),
      },
    },
  };
}

/** A first-mile order on its collecting center's list of tasks: put when accepted. */
function firstMileTaskPut(store: Store, order: Order, centerId: string) {
  return {
    Put: {
      TableName: store.tableName,
      Item: firstMileTaskItem(order, centerId),
    },
  };
}

/** Off the collecting center's list, when the order leaves it or is cancelled; nothing for an order without one. */
export function firstMileTaskDelete(store: Store, order: Order) {
  if (!order.collectingCenterId) return [];
  return [{ Delete: { TableName: store.tableName, Key: keys.firstMileTask(order.collectingCenterId, order.createdAt, order.code) } }];
}

// Access pattern: a page of the orders a center collects from its village's sellers, oldest first, then each order.
export async function listFirstMileOrders(
  store: Store,
  centerId: string,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<Order> | null> {
  const tasks = await readPage<{ orderCode: string }>(store, [listKeys.firstMileTasks(centerId)], page);
  if (!tasks) return null;
  const orders = await getItems<Order>(
    store,
    tasks.items.map((task) => keys.order(task.orderCode)),
  );
  return { ...tasks, items: orders.filter((order): order is Order => order !== null) };
}

// Access pattern: move an order to a new status, only from the status it was read in; accepting a first-mile order records its collecting center and puts it on that
// center's tasks, and sending it on takes it off them.
export async function updateOrderStatus(
  store: Store,
  order: Order,
  change: StatusChange,
  collectingCenterId?: string,
): Promise<Order | 'stale'> {
  const result = await writeAll(store, [
    statusUpdate(store, order, change, {}, collectingCenterId ? { collectingCenterId } : {}),
    ...(collectingCenterId ? [firstMileTaskPut(store, order, collectingCenterId)] : []),
    ...(change.status === 'SHIPPED' ? firstMileTaskDelete(store, order) : []),
  ]);
  if (result === 'stale') return 'stale';
  return {
    ...order,
    ...(collectingCenterId ? { collectingCenterId } : {}),
    status: change.status,
    updatedAt: change.at,
    history: [...order.history, change],
    revision: order.revision + 1,
  };
}

// Access pattern: cancel an order, put its stock back and take it off the lists of
// unpaid mobile-money orders and of first-mile tasks, in one transaction.
export async function cancelAndRestock(
  store: Store,
  order: Order,
  change: StatusChange,
  /** Where each line's stock goes back: its product's item (null) or one of its shards. */
  places: (number | null)[],
): Promise<'cancelled' | 'stale'> {
  const result = await writeAll(store, [
    // A payment recorded meanwhile stops the cancellation.
    statusUpdate(store, order, change, { paymentStatus: true }),
    ...order.lines.map((line, i) =>
      stockUpdate(store, { villageId: order.sellerVillageId, code: line.productCode }, places[i] ?? null, line.quantity, null),
    ),
    ...(order.paymentMethod === 'MOBILE_MONEY' ? [openMobileMoneyDelete(store, order)] : []),
    ...firstMileTaskDelete(store, order),
  ]);
  return result === 'stale' ? 'stale' : 'cancelled';
}
