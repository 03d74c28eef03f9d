import { describePrincipal, idempotentRequest, phoneOf, type RequestContext } from '../access/index.js';
import {
  anyPlace,
  findProducts,
  findVillage,
  getServiceCenter,
  listCentersOfPartner,
  type Product,
  planTake,
  readStockShards,
  type StockPlace,
  shopsOwnedBy,
} from '../catalogue/index.js';
import {
  BusinessError,
  checkPageRequest,
  cleanCode,
  cleanId,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  notACursor,
  ORDER_STATUSES,
  OrderPaidError,
  type OrderStatus,
  OutOfStockError,
  type PageRequest,
  PaymentPendingError,
  pauseAfterLostRace,
} from '../common/index.js';
import type { Page } from '../db/index.js';
import { countMetric, logger, METRICS } from '../telemetry/index.js';
import type { Order, StatusChange } from './order.js';
import { keyedOrderCode, randomOrderCode, requestMark } from './order-code.js';
import { type PlacementInput, planOrder } from './order-plan.js';
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
import { cleanOrderRequest, type OrderRequest, type PlaceOrderInput, type ResolvedLine, resolveLines } from './order-request.js';
import { type Actor, type OrderMove, targetOf, transitionOf } from './order-state-machine.js';

const MAX_ATTEMPTS = 3;
/** Placing is tried more often: many orders for one popular product race for the same stock items. */
const PLACE_ATTEMPTS = 8;

/**
 * Places an order. With an idempotency key the order is its own record of the request: its code is
 * drawn from the key, so that a retry reads it where a first try wrote it and gets the same answer.
 */
export async function placeOrder(ctx: RequestContext, input: PlaceOrderInput): Promise<Order | BusinessError> {
  const request = cleanOrderRequest(ctx, input);
  if (request instanceof BusinessError) return request;
  const keyed = idempotentRequest(ctx, 'placeOrder', request.idempotencyKey, request);
  if (keyed instanceof BusinessError) return keyed;
  return writeOrder(ctx, request, keyed ? { mark: requestMark(keyed), key: keyed.key } : null);
}

/**
 * Reads, plans (order-plan.ts) and writes the order until a write holds: a lost race for stock, a
 * product changed meanwhile or a taken code is read and planned anew, a short shard first gets a
 * plan over its product's other shards.
 */
async function writeOrder(ctx: RequestContext, request: OrderRequest, keyed: PlacementInput['keyed']): Promise<Order | BusinessError> {
  const lines = await resolveLines(ctx, request);
  if (lines instanceof BusinessError) return lines;
  const shardPlans = new Map<string, StockPlace[]>();
  const app = ctx.principal.kind === 'ADMIN' ? null : (ctx.principal.via?.clientId ?? null);
  const placer = { phone: phoneOf(ctx.principal), name: describePrincipal(ctx.principal), app };
  let candidate = 0;
  for (let attempt = 0; attempt < PLACE_ATTEMPTS; attempt++) {
    // The first retry is at once: it may only have needed a consistent read.
    if (attempt > 1) await pauseAfterLostRace(attempt - 1);
    // The write's conditions check what the plan decides on about products (versions, stock) and the
    // order's code, and a center never changes once made: a stale read costs a retry, never a wrong
    // order, so read cheaply first.
    const consistent = attempt > 0;
    const now = ctx.now();
    const code = keyed ? keyedOrderCode(keyed.mark, candidate) : randomOrderCode();
    const reads = await readForPlacement(ctx.store, lines, request.centerId, keyed ? code : null, consistent);
    const plan = planOrder({ request, lines, reads, consistent, placer, now, code, keyed, shardPlans, placeOf: anyPlace });
    if (plan.decision === 'refuse') return plan.refusal;
    if (plan.decision === 'replay') return plan.order;
    if (plan.decision === 'next-code') candidate++;
    if (plan.decision !== 'write') continue;
    const write = await writeNewOrder(ctx.store, plan.order, plan.takes);
    switch (write.outcome) {
      case 'placed':
        logger.info('order placed', { orderCode: code, lines: lines.length, paymentMethod: plan.order.paymentMethod });
        countMetric(METRICS.ordersPlaced);
        return plan.order;
      case 'out-of-stock':
        return new OutOfStockError(write.productCode, write.available);
      case 'shard-short': {
        const line = lines.find((candidateLine) => candidateLine.code === write.product.code)!;
        const shards = await planOverShards(ctx, line, reads.products.get(line.id)!);
        if (shards instanceof OutOfStockError) return shards;
        shardPlans.set(line.id, shards);
        break;
      }
      // A keyed code is read again (consistently) and judged: this request's order, or another's.
      case 'code-taken':
      case 'conflict':
        break;
    }
  }
  throw new Error(`placeOrder gave up after ${PLACE_ATTEMPTS} attempts`);
}

/** Where a line takes its stock once a shard it tried ran short: the fullest shards first, read consistently. */
async function planOverShards(ctx: RequestContext, line: ResolvedLine, product: Product): Promise<StockPlace[] | OutOfStockError> {
  const shards = await readStockShards(ctx.store, product, true);
  return (
    planTake(shards, line.quantity) ??
    new OutOfStockError(
      line.code,
      shards.reduce((sum, shard) => sum + shard.stock, 0),
    )
  );
}

/** Those who may see an order: anyone who takes part in it. */
const EVERYONE: readonly Actor[] = ['buyer', 'seller', 'partner', 'collector', 'admin'];

export async function findOrder(ctx: RequestContext, code: string): Promise<Order | BusinessError> {
  const normalized = cleanCode('code', code);
  if (normalized instanceof BusinessError) return new NotFoundError('order', code.slice(0, 12));
  const order = await getOrder(ctx.store, normalized);
  // An order the caller may not see looks the same as one that does not exist.
  if (!order || !(await isActor(ctx, order, EVERYONE))) return new NotFoundError('order', normalized);
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

/** The phone of one who takes part in an order: null for an administrator, and for a collector of an order without one. */
async function phoneOfActor(ctx: RequestContext, order: Order, actor: Actor): Promise<string | null> {
  switch (actor) {
    case 'buyer':
      return order.buyerPhone;
    case 'seller':
      return order.sellerPhone;
    case 'partner':
      return (await getServiceCenter(ctx.store, order.centerId))?.partnerPhone ?? null;
    case 'collector':
      return collectingPartner(ctx, order);
    case 'admin':
      return null;
  }
}

async function isActor(ctx: RequestContext, order: Order, actors: readonly Actor[]): Promise<boolean> {
  if (ctx.principal.kind === 'ADMIN') return actors.includes('admin');
  const phone = phoneOf(ctx.principal);
  if (!phone) return false;
  for (const actor of actors) if ((await phoneOfActor(ctx, order, actor)) === phone) return true;
  return false;
}

/** The phone of the partner of a first-mile order's collecting center; null for an order without one. */
async function collectingPartner(ctx: RequestContext, order: Order): Promise<string | null> {
  if (!order.collectingCenterId) return null;
  return (await getServiceCenter(ctx.store, order.collectingCenterId))?.partnerPhone ?? null;
}

/** The center an accepted order is dropped off at: its seller's village's, when that is not the buyer's. */
async function collectingCenterOf(ctx: RequestContext, order: Order): Promise<string | undefined> {
  const centerId = (await findVillage(ctx, order.sellerVillageId))?.centerId;
  return centerId && centerId !== order.centerId ? centerId : undefined;
}

/** Makes a move on an order, as its state machine (order-state-machine.ts) allows. */
async function changeStatus(ctx: RequestContext, code: string, move: OrderMove): Promise<Order | BusinessError> {
  const found = await findOrder(ctx, code);
  if (found instanceof BusinessError) return found;
  let order = found;
  // Where an accepted order is dropped off depends on the villages alone: read once, whatever the retries.
  const collectingCenterId = move === 'acceptOrder' ? await collectingCenterOf(ctx, order) : undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const moved = await tryMove(ctx, order, move, collectingCenterId);
    if (moved !== 'stale') return moved;
    // Somebody else changed the order meanwhile: judge the move again on what it is now.
    const current = await getOrder(ctx.store, order.code);
    if (!current) throw new Error(`order ${order.code} disappeared`);
    order = current;
  }
  throw new Error(`order ${order.code} kept changing`);
}

/** One try of a move on the order as it was read: 'stale' when somebody else changed it meanwhile. */
async function tryMove(
  ctx: RequestContext,
  order: Order,
  move: OrderMove,
  collectingCenterId: string | undefined,
): Promise<Order | BusinessError | 'stale'> {
  const to = targetOf(move);
  const by = describePrincipal(ctx.principal);
  // A retry of a change this caller already made gets the same answer, not an illegal transition.
  const last = order.history.at(-1);
  if (order.status === to && last?.status === to && last.by === by) return order;
  // Whoever may see the order may learn that a move does not apply to it now.
  const transition = transitionOf(order, move);
  if (transition instanceof BusinessError) return transition;
  if (!(await isActor(ctx, order, transition.by))) return new ForbiddenError(`you may not move order ${order.code} to ${to}`);
  const change: StatusChange = { status: to, at: ctx.now().toISOString(), by, ...(transition.reason ? { reason: transition.reason } : {}) };
  if (to !== 'CANCELLED') return updateOrderStatus(ctx.store, order, change, collectingCenterId);
  if (order.paymentStatus === 'PAID') return new OrderPaidError(order.code);
  // Money may be on its way: cancelling now could take it for an order that no longer exists.
  if (order.paymentStatus === 'PENDING') return new PaymentPendingError(order.code);
  return cancelWithStock(ctx, order, change);
}

/** Cancels the order and puts its stock back, to each product's item or to a random shard of it. */
async function cancelWithStock(ctx: RequestContext, order: Order, change: StatusChange): Promise<Order | 'stale'> {
  const products = await findProducts(
    ctx,
    order.lines.map((line) => line.productId),
  );
  const places = products.map((product) => (product ? anyPlace(product) : null));
  if ((await cancelAndRestock(ctx.store, order, change, places)) === 'stale') return 'stale';
  return { ...order, status: change.status, updatedAt: change.at, history: [...order.history, change] };
}

export const acceptOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'acceptOrder');
/** The goods are at the collecting center of a first-mile order: its partner confirms the drop-off. */
export const receiveOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'receiveOrder');
export const shipOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'shipOrder');
export const cancelOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'cancelOrder');
/** A mobile-money order nobody paid in time: cancelled by the expiry sweep, and those told of it are told why. */
export const cancelUnpaidOrder = (ctx: RequestContext, code: string) => changeStatus(ctx, code, 'cancelUnpaidOrder');

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
