import { describePrincipal, type OnceGuard, phoneOf, type RequestContext, requireWriter, runIdempotent } from '../access/index.js';
import {
  anyPlace,
  findProducts,
  findVillage,
  getServiceCenter,
  listCentersOfPartner,
  type Product,
  parseProductRef,
  planTake,
  productId,
  readStockShards,
  type StockPlace,
  shopsOwnedBy,
} from '../catalogue/index.js';
import {
  BusinessError,
  checkInteger,
  checkPageRequest,
  checkTransition,
  cleanCode,
  cleanId,
  cleanPhone,
  cleanText,
  ForbiddenError,
  IllegalTransitionError,
  InvalidInputError,
  MAX_AMOUNT,
  NotFoundError,
  notACursor,
  ORDER_STATUSES,
  OrderPaidError,
  type OrderStatus,
  OutOfStockError,
  orderTransitions,
  type PageRequest,
  type PaymentMethod,
  PaymentPendingError,
  pauseAfterLostRace,
  shortCode,
} from '../common/index.js';
import type { Page } from '../db/index.js';
import { newOutboxMessage } from '../outbox/index.js';
import { countMetric, logger, METRICS } from '../telemetry/index.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, type Order, type OrderLine } from './order.js';
import {
  cancelAndRestock,
  getOrder,
  listBuyerOrders,
  listCenterOrders,
  listFirstMileOrders,
  listShopOrders,
  readForPlacement,
  updateOrderStatus,
  writeNewOrder,
} from './order-repository.js';

const ORDER_CODE_LENGTH = 6;
const MAX_ATTEMPTS = 3;
/** Placing is tried more often: many orders for one popular product race for the same stock items. */
const PLACE_ATTEMPTS = 8;

export interface PlaceOrderInput {
  buyerPhone?: string | null;
  serviceCenterId: string;
  lines: { productCode: string; quantity: number }[];
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

interface CleanOrderRequest {
  buyerPhone: string;
  centerId: string;
  lines: { productCode: string; quantity: number }[];
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

function cleanRequest(ctx: RequestContext, input: PlaceOrderInput): CleanOrderRequest | BusinessError {
  const readOnly = requireWriter(ctx.principal);
  if (readOnly) return readOnly;
  const buyer = input.buyerPhone ? cleanPhone('buyerPhone', input.buyerPhone) : phoneOf(ctx.principal);
  if (buyer === null) return new InvalidInputError('buyerPhone', 'is required when ordering for somebody else');
  if (buyer instanceof BusinessError) return buyer;
  const idempotencyKey = cleanText('idempotencyKey', input.idempotencyKey, 100);
  if (idempotencyKey instanceof BusinessError) return idempotencyKey;
  if (input.lines.length === 0) return new InvalidInputError('lines', 'an order needs at least one line');
  if (input.lines.length > MAX_ORDER_LINES)
    return new InvalidInputError('lines', `an order has at most ${MAX_ORDER_LINES} lines`, 'MAX_LINES');

  // The same code twice becomes one line.
  const quantities = new Map<string, number>();
  for (const line of input.lines) {
    const ref = parseProductRef('productCode', line.productCode);
    if (ref instanceof BusinessError) return ref;
    if (Number.isInteger(line.quantity) && line.quantity > MAX_LINE_QUANTITY)
      return new InvalidInputError('quantity', `at most ${MAX_LINE_QUANTITY} of a product`, 'MAX_QUANTITY');
    const quantity = checkInteger('quantity', line.quantity, 1, MAX_LINE_QUANTITY);
    if (quantity instanceof BusinessError) return quantity;
    const typed = ref.villageId === null ? ref.code : productId({ code: ref.code, villageId: ref.villageId });
    quantities.set(typed, (quantities.get(typed) ?? 0) + quantity);
  }
  // Sorted, so that the same order with its lines in another order is the same request.
  const lines = [...quantities]
    .map(([productCode, quantity]) => ({ productCode, quantity }))
    .sort((a, b) => a.productCode.localeCompare(b.productCode));
  const centerId = cleanCode('serviceCenterId', input.serviceCenterId);
  if (centerId instanceof BusinessError) return centerId;
  return {
    buyerPhone: buyer,
    centerId,
    lines,
    paymentMethod: input.paymentMethod,
    idempotencyKey,
  };
}

/** An order line with the product it names: `id` is the product's global id. */
interface ResolvedLine {
  id: string;
  villageId: string;
  code: string;
  quantity: number;
}

/**
 * The products the order's lines name. A code typed without its village names a product of the
 * market where the order is picked up: the village of the order's service center.
 */
async function resolveLines(ctx: RequestContext, request: CleanOrderRequest): Promise<ResolvedLine[] | BusinessError> {
  const refs = request.lines.map((line) => ({ ref: parseProductRef('productCode', line.productCode), quantity: line.quantity }));
  let market: string | null = null;
  if (refs.some(({ ref }) => !(ref instanceof BusinessError) && ref.villageId === null)) {
    const center = await getServiceCenter(ctx.store, request.centerId);
    if (!center) return new NotFoundError('service center', request.centerId);
    market = center.villageId;
  }
  // A product named twice (bare and with its village) is one line: a transaction may touch each product once.
  const byId = new Map<string, ResolvedLine>();
  for (const { ref, quantity } of refs) {
    if (ref instanceof BusinessError) return ref;
    const villageId = ref.villageId ?? market!;
    const id = productId({ code: ref.code, villageId });
    const quantitySoFar = byId.get(id)?.quantity ?? 0;
    byId.set(id, { id, villageId, code: ref.code, quantity: quantitySoFar + quantity });
  }
  const lines = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const tooMany = lines.find((line) => line.quantity > MAX_LINE_QUANTITY);
  if (tooMany) return new InvalidInputError('quantity', `at most ${MAX_LINE_QUANTITY} of ${tooMany.code}`, 'MAX_QUANTITY');
  return lines;
}

function priceLines(resolved: ResolvedLine[], products: Map<string, Product>): OrderLine[] | BusinessError {
  const lines: OrderLine[] = [];
  for (const { id, code, quantity } of resolved) {
    const product = products.get(id);
    // Stock is left to the transaction's condition: a read here may predate a concurrent retry of this very order.
    if (!product) return new NotFoundError('product', code);
    lines.push({
      productId: id,
      productCode: code,
      name: product.name,
      unit: product.unit,
      quantity,
      unitPrice: product.price,
      lineTotal: { amount: product.price.amount * quantity, currency: product.price.currency },
    });
  }
  const first = products.get(lines[0]!.productId)!;
  if (lines.some((line) => products.get(line.productId)!.shopId !== first.shopId)) {
    return new InvalidInputError('lines', 'one order buys from one seller; place one order per seller', 'ONE_SELLER');
  }
  if (lines.some((line) => line.unitPrice.currency !== first.price.currency)) {
    return new InvalidInputError('lines', 'all products of an order must have the same currency');
  }
  return lines;
}

export async function placeOrder(ctx: RequestContext, input: PlaceOrderInput): Promise<Order | BusinessError> {
  const request = cleanRequest(ctx, input);
  if (request instanceof BusinessError) return request;
  return runIdempotent(ctx, 'placeOrder', {
    key: request.idempotencyKey,
    request,
    writeReadsRecord: true,
    write: (guard) => writeOrder(ctx, request, guard),
    load: (code) => getOrder(ctx.store, code),
  });
}

/** Prices and writes the order; a lost race for stock, a product changed meanwhile or a taken code is tried again. */
async function writeOrder(
  ctx: RequestContext,
  request: CleanOrderRequest,
  guard: OnceGuard<Order>,
): Promise<Order | 'repeat' | BusinessError> {
  const resolved = await resolveLines(ctx, request);
  if (resolved instanceof BusinessError) return resolved;
  /** Where a sharded product's line takes its stock, once a shard it tried ran short. */
  const plans = new Map<string, StockPlace[]>();
  for (let attempt = 0; attempt < PLACE_ATTEMPTS; attempt++) {
    // The first retry is at once: it may only have needed a consistent read.
    if (attempt > 1) await pauseAfterLostRace(attempt - 1);
    const reads = await readForPlacement(
      ctx.store,
      resolved,
      request.centerId,
      guard.record,
      ctx.now(),
      // The write's conditions check what this read decides on about products (versions, stock) and
      // the idempotency record, and a center never changes once made: a stale read costs a retry,
      // never a wrong order, so read cheaply first.
      attempt > 0,
    );
    if (reads.idempotency) return guard.replay(reads.idempotency);
    // Something just created may not show in a cheap read yet: look again before saying it does not exist.
    const missing = !reads.center || resolved.some((line) => !reads.products.has(line.id));
    if (missing && attempt === 0) continue;
    if (!reads.center) return new NotFoundError('service center', request.centerId);
    const principalPhone = phoneOf(ctx.principal);
    if (principalPhone && principalPhone !== request.buyerPhone && principalPhone !== reads.center.partnerPhone) {
      return new ForbiddenError('only the partner of this service center may order for somebody else');
    }
    const lines = priceLines(resolved, reads.products);
    if (lines instanceof BusinessError) return lines;
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
    if (subtotal > MAX_AMOUNT) return new InvalidInputError('lines', 'the order total is too large; split the order', 'MAX_TOTAL');

    const product = reads.products.get(lines[0]!.productId)!;
    const now = ctx.now();
    const at = now.toISOString();
    const order: Order = {
      code: shortCode(ORDER_CODE_LENGTH),
      buyerPhone: request.buyerPhone,
      shopId: product.shopId,
      sellerPhone: product.sellerPhone,
      sellerVillageId: product.villageId,
      centerId: reads.center.id,
      lines,
      subtotal: { amount: subtotal, currency: product.price.currency },
      total: { amount: subtotal, currency: product.price.currency },
      status: 'PLACED',
      paymentStatus: 'UNPAID',
      paymentMethod: request.paymentMethod,
      history: [{ status: 'PLACED', at, by: describePrincipal(ctx.principal) }],
      createdAt: at,
      updatedAt: at,
    };
    // Each line takes from its product's item, or from a random shard until a shard runs short.
    const takes = resolved.flatMap((line) => {
      const read = reads.products.get(line.id)!;
      const places = plans.get(line.id) ?? [{ shard: anyPlace(read), quantity: line.quantity }];
      return places.map((place) => ({ ...place, product: line, seenVersion: read.version }));
    });
    const sellerNotice = newOutboxMessage(
      order.sellerPhone,
      {
        kind: 'NEW_ORDER',
        orderCode: order.code,
        lines: lines.map(({ productCode, quantity }) => ({ productCode, quantity })),
        total: order.total,
      },
      now,
    );
    const write = await writeNewOrder(ctx.store, order, takes, sellerNotice, guard.idempotency(order.code), now);
    switch (write.outcome) {
      case 'placed':
        logger.info('order placed', { orderCode: order.code, lines: lines.length, paymentMethod: order.paymentMethod });
        countMetric(METRICS.ordersPlaced);
        return order;
      case 'out-of-stock':
        return new OutOfStockError(write.productCode, write.available);
      case 'shard-short': {
        const line = resolved.find((candidate) => candidate.code === write.product.code)!;
        const shards = await readStockShards(ctx.store, reads.products.get(line.id)!, true);
        const plan = planTake(shards, line.quantity);
        if (!plan)
          return new OutOfStockError(
            line.code,
            shards.reduce((sum, shard) => sum + shard.stock, 0),
          );
        plans.set(line.id, plan);
        break;
      }
      case 'already-done':
        return 'repeat';
      case 'code-taken':
      case 'conflict':
        break;
    }
  }
  throw new Error(`placeOrder gave up after ${PLACE_ATTEMPTS} attempts`);
}

/** The buyer, the seller, the partners of the order's centers, and admins may see an order. */
const mayAccess = (ctx: RequestContext, order: Order) => isActor(ctx, order, ['buyer', 'seller', 'partner', 'collector']);

export async function findOrder(ctx: RequestContext, code: string): Promise<Order | BusinessError> {
  const normalized = cleanCode('code', code);
  if (normalized instanceof BusinessError) return new NotFoundError('order', code.slice(0, 12));
  const order = await getOrder(ctx.store, normalized);
  // An order the caller may not see looks the same as one that does not exist.
  if (!order || !(await mayAccess(ctx, order))) return new NotFoundError('order', normalized);
  return order;
}

/** A page of the caller's orders as a buyer, newest first. */
export async function myOrders(ctx: RequestContext, request: PageRequest): Promise<Page<Order> | BusinessError> {
  const phone = phoneOf(ctx.principal);
  if (!phone) return new ForbiddenError('only a phone number has orders of its own');
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  return (await listBuyerOrders(ctx.store, phone, page)) ?? notACursor();
}

/** `partner`: of the order's (the buyer's) center; `collector`: of the center it is collected at on a first mile. */
type Actor = 'buyer' | 'seller' | 'partner' | 'collector';

async function isActor(ctx: RequestContext, order: Order, actors: Actor[]): Promise<boolean> {
  if (ctx.principal.kind === 'ADMIN') return true;
  const phone = phoneOf(ctx.principal);
  if (!phone) return false;
  if (actors.includes('buyer') && phone === order.buyerPhone) return true;
  if (actors.includes('seller') && phone === order.sellerPhone) return true;
  const centerIds = [
    ...(actors.includes('partner') ? [order.centerId] : []),
    ...(actors.includes('collector') && order.collectingCenterId ? [order.collectingCenterId] : []),
  ];
  for (const centerId of centerIds) if ((await getServiceCenter(ctx.store, centerId))?.partnerPhone === phone) return true;
  return false;
}

/** Who may move an order to a status: shipping is the seller's, or on a first mile the collecting partner's. */
function actorsFor(order: Order, to: OrderStatus): Actor[] {
  switch (to) {
    case 'ACCEPTED':
      return ['seller'];
    case 'RECEIVED':
      return ['collector'];
    case 'SHIPPED':
      return order.collectingCenterId ? ['collector'] : ['seller'];
    case 'CANCELLED':
      // The collecting partner has a say once the goods are with them.
      return order.status === 'RECEIVED' ? ['buyer', 'seller', 'partner', 'collector'] : ['buyer', 'seller', 'partner'];
    default:
      return [];
  }
}

/**
 * A step the order's route leaves out: an order without a collecting center is never received,
 * and one with a collecting center never ships straight from its seller.
 */
function offRoute(order: Order, to: OrderStatus): boolean {
  if (to === 'RECEIVED') return !order.collectingCenterId;
  return to === 'SHIPPED' && order.status === 'ACCEPTED' && Boolean(order.collectingCenterId);
}

/** The phone of the partner of a first-mile order's collecting center; null for an order without one. */
export async function collectingPartner(ctx: RequestContext, order: Order): Promise<string | null> {
  if (!order.collectingCenterId) return null;
  return (await getServiceCenter(ctx.store, order.collectingCenterId))?.partnerPhone ?? null;
}

/** The center an accepted order is dropped off at: its seller's village's, when that is not the buyer's. */
async function collectingCenterOf(ctx: RequestContext, order: Order): Promise<string | undefined> {
  const centerId = (await findVillage(ctx, order.sellerVillageId))?.centerId;
  return centerId && centerId !== order.centerId ? centerId : undefined;
}

/**
 * Who hears of a status change: the buyer, and for a cancellation the seller too, but never
 * the one who made the change (they have their answer already).
 */
function statusNotices(ctx: RequestContext, order: Order, to: OrderStatus, now: Date, reason?: 'UNPAID') {
  const recipients = to === 'CANCELLED' || to === 'RECEIVED' ? [order.buyerPhone, order.sellerPhone] : [order.buyerPhone];
  // A drop-off is told with the name of the center that received it.
  const centerId = to === 'RECEIVED' && order.collectingCenterId ? order.collectingCenterId : order.centerId;
  const actor = phoneOf(ctx.principal);
  return [...new Set(recipients)]
    .filter((phone) => phone !== actor)
    .map((phone) =>
      newOutboxMessage(phone, { kind: 'ORDER_STATUS', orderCode: order.code, status: to, centerId, ...(reason ? { reason } : {}) }, now),
    );
}

async function changeStatus(
  ctx: RequestContext,
  code: string,
  to: OrderStatus,
  actors: (order: Order) => Actor[],
  reason?: 'UNPAID',
): Promise<Order | BusinessError> {
  const found = await findOrder(ctx, code);
  if (found instanceof BusinessError) return found;
  let order = found;
  const by = describePrincipal(ctx.principal);
  // Where an accepted order is dropped off depends on the villages alone: read once, whatever the retries.
  const collectingCenterId = to === 'ACCEPTED' ? await collectingCenterOf(ctx, order) : undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // A retry of a change this caller already made gets the same answer, not an illegal transition.
    const last = order.history.at(-1);
    if (order.status === to && last?.status === to && last.by === by) return order;
    // Whoever may see the order may learn that a step does not apply to it now.
    const illegal = offRoute(order, to)
      ? new IllegalTransitionError('ORDER', order.status, to)
      : checkTransition('ORDER', orderTransitions, order.status, to);
    if (illegal) return illegal;
    if (!(await isActor(ctx, order, actors(order)))) return new ForbiddenError(`you may not move order ${order.code} to ${to}`);
    const now = ctx.now();
    const change = { status: to, at: now.toISOString(), by };
    const notices = statusNotices(ctx, order, to, now, reason);
    if (to === 'CANCELLED') {
      // Goods already at the collecting center go back to the seller from there: its partner is told.
      const collector = order.status === 'RECEIVED' ? await collectingPartner(ctx, order) : null;
      if (collector && collector !== phoneOf(ctx.principal))
        notices.push(
          newOutboxMessage(
            collector,
            { kind: 'ORDER_STATUS', orderCode: order.code, status: to, centerId: order.collectingCenterId! },
            now,
          ),
        );
      if (order.paymentStatus === 'PAID') return new OrderPaidError(order.code);
      // Money may be on its way: cancelling now could take it for an order that no longer exists.
      if (order.paymentStatus === 'PENDING') return new PaymentPendingError(order.code);
      // The stock goes back to each product's item, or to a random shard of it.
      const products = await findProducts(
        ctx,
        order.lines.map((line) => line.productId),
      );
      const places = products.map((product) => (product ? anyPlace(product) : null));
      if ((await cancelAndRestock(ctx.store, order, change, notices, places)) === 'cancelled') {
        return { ...order, status: to, updatedAt: change.at, history: [...order.history, change] };
      }
    } else {
      const updated = await updateOrderStatus(ctx.store, order, change, notices, collectingCenterId);
      if (updated !== 'stale') return updated;
    }
    // Somebody else changed the order meanwhile: judge the transition again on what it is now.
    const current = await getOrder(ctx.store, order.code);
    if (!current) throw new Error(`order ${order.code} disappeared`);
    order = current;
  }
  throw new Error(`order ${order.code} kept changing`);
}

const byRoute = (to: OrderStatus) => (order: Order) => actorsFor(order, to);
export const acceptOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'ACCEPTED', byRoute('ACCEPTED'));
/** The goods are at the collecting center of a first-mile order: its partner confirms the drop-off. */
export const receiveOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'RECEIVED', byRoute('RECEIVED'));
export const shipOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'SHIPPED', byRoute('SHIPPED'));
export const cancelOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'CANCELLED', byRoute('CANCELLED'));
/** A mobile-money order nobody paid in time: cancelled (by the expiry sweep), and both sides told why. */
export const cancelUnpaidOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'CANCELLED', () => [], 'UNPAID');

/** Orders of a shop (the seller's own; an admin names one) in the given statuses (all by default), newest first. */
export async function shopOrders(
  ctx: RequestContext,
  input: { shopId?: string | null; statuses?: OrderStatus[] | null },
  request: PageRequest,
): Promise<Page<Order> | BusinessError> {
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  const statuses = input.statuses?.length ? input.statuses : ORDER_STATUSES;
  if (statuses.some((status) => !ORDER_STATUSES.includes(status))) return new InvalidInputError('statuses', 'unknown status');
  const wanted = input.shopId ? cleanId('shopId', input.shopId) : null;
  if (wanted instanceof BusinessError) return wanted;
  let shopId: string;
  if (ctx.principal.kind === 'ADMIN') {
    if (!wanted) return new InvalidInputError('shopId', 'is required for an administrator');
    shopId = wanted;
  } else {
    const phone = phoneOf(ctx.principal);
    const shops = phone ? await shopsOwnedBy(ctx, phone) : [];
    if (shops.length === 0) return new NotFoundError('shop', phone ?? ctx.principal.kind);
    const shop = wanted ? shops.find((s) => s.id === wanted) : shops[0];
    if (!shop) return new ForbiddenError("only a shop's seller sees its orders");
    shopId = shop.id;
  }
  return (await listShopOrders(ctx.store, shopId, [...new Set(statuses)], page)) ?? notACursor();
}

/** What a partner's center is waiting for: orders on their way to it, or there awaiting pickup. */
const AWAITING_PARTNER: OrderStatus[] = ['SHIPPED', 'AT_CENTER'];

/** The center a list is read for: a partner's own (the one named, or their first), or the one an admin names. */
async function centerOfCaller(ctx: RequestContext, named: string | null | undefined): Promise<string | BusinessError> {
  if (ctx.principal.kind === 'ADMIN') {
    if (!named) return new InvalidInputError('centerId', 'is required for an administrator');
    return cleanCode('centerId', named);
  }
  const phone = phoneOf(ctx.principal);
  const centers = phone ? await listCentersOfPartner(ctx.store, phone) : [];
  const center = named ? centers.find((c) => c.id === named.trim().toUpperCase()) : centers[0];
  if (!center) return new ForbiddenError("only a center's partner sees its orders");
  return center.id;
}

/** Orders of the caller's center (a partner's own; an admin names one) in the given statuses, newest first. */
export async function centerOrders(
  ctx: RequestContext,
  input: { centerId?: string | null; statuses?: OrderStatus[] | null },
  request: PageRequest,
): Promise<Page<Order> | BusinessError> {
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  const statuses = input.statuses?.length ? input.statuses : AWAITING_PARTNER;
  if (statuses.some((status) => !ORDER_STATUSES.includes(status))) return new InvalidInputError('statuses', 'unknown status');
  const centerId = await centerOfCaller(ctx, input.centerId);
  if (centerId instanceof BusinessError) return centerId;
  return (await listCenterOrders(ctx.store, centerId, statuses, page)) ?? notACursor();
}

/** Orders a partner's center collects from its village's sellers for other villages: to receive, or received and to send on; oldest first. */
export async function firstMileOrders(
  ctx: RequestContext,
  input: { centerId?: string | null },
  request: PageRequest,
): Promise<Page<Order> | BusinessError> {
  const page = checkPageRequest(request);
  if (page instanceof BusinessError) return page;
  const centerId = await centerOfCaller(ctx, input.centerId);
  if (centerId instanceof BusinessError) return centerId;
  return (await listFirstMileOrders(ctx.store, centerId, page)) ?? notACursor();
}
