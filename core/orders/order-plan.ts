import { IDEMPOTENCY_TTL_SECONDS } from '../access/index.js';
import type { Product, ServiceCenter, StockPlace } from '../catalogue/index.js';
import { BusinessError, ForbiddenError, IdempotencyKeyReusedError, InvalidInputError, MAX_AMOUNT, NotFoundError } from '../common/index.js';
import type { Order, OrderLine, OrderRequestMark } from './order.js';
import type { PlacementReads, StockTake } from './order-repository.js';
import type { OrderRequest, ResolvedLine } from './order-request.js';

/** What placing an order decides on: the request, what was read for it, and what the caller draws by chance. */
export interface PlacementInput {
  request: OrderRequest;
  lines: ResolvedLine[];
  reads: PlacementReads;
  /** Whether `reads` were strongly consistent: a cheaper read may not show what was just created. */
  consistent: boolean;
  /**
   * The one placing it: their phone (null for an administrator or an app), how the order's history
   * names them, and the app's client_id when an app places it with a token.
   */
  placer: { phone: string | null; name: string; app?: string | null };
  now: Date;
  /** The new order's code: drawn at random, or from the request's key. */
  code: string;
  /** What the order keeps of a request made with a key, and the key itself; null without one. */
  keyed: { mark: OrderRequestMark; key: string } | null;
  /** Where a sharded product's line takes its stock, once a shard it tried ran short. */
  shardPlans: ReadonlyMap<string, StockPlace[]>;
  /** Where any other line takes its stock: its product's item, or a shard drawn at random. */
  placeOf: (product: Product) => number | null;
}

export type Placement =
  /** The order to write and the stock its transaction takes. */
  | { decision: 'write'; order: Order; takes: StockTake[] }
  /** This very request placed the order before: answer with it. */
  | { decision: 'replay'; order: Order }
  /** Another request's order holds the code this one's key draws first: draw the next. */
  | { decision: 'next-code' }
  /** A cheap read did not show something the request names: read again, consistently, before refusing. */
  | { decision: 'read-again' }
  | { decision: 'refuse'; refusal: BusinessError };

const refuse = (refusal: BusinessError): Placement => ({ decision: 'refuse', refusal });

/** Decides, from what was read, the order and what its transaction writes, or why there is none. Reads and writes nothing. */
export function planOrder(input: PlacementInput): Placement {
  const { request, reads } = input;
  if (reads.atCode) return planForTakenCode(reads.atCode, input.keyed, input.now);
  const missing = !reads.center || input.lines.some((line) => !reads.products.has(line.id));
  if (missing && !input.consistent) return { decision: 'read-again' };
  if (!reads.center) return refuse(new NotFoundError('service center', request.centerId));
  const { phone } = input.placer;
  if (phone && phone !== request.buyerPhone && phone !== reads.center.partnerPhone) {
    return refuse(new ForbiddenError('only the partner of this service center may order for somebody else'));
  }
  const lines = priceLines(input.lines, reads.products);
  if (lines instanceof BusinessError) return refuse(lines);
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
  if (subtotal > MAX_AMOUNT) return refuse(new InvalidInputError('lines', 'the order total is too large; split the order', 'MAX_TOTAL'));
  return { decision: 'write', order: newOrder(input, reads.center, lines, subtotal), takes: stockTakes(input) };
}

/**
 * An order holds the code the request's key draws: this request's (the same answer), a reuse of its key
 * (refused), or another's. A key is the order's answer for as long as an idempotency key lasts; after
 * that the key is free again, and its order is one more that holds a code.
 */
function planForTakenCode(order: Order, keyed: PlacementInput['keyed'], now: Date): Placement {
  const expired = Date.parse(order.createdAt) + IDEMPOTENCY_TTL_SECONDS * 1000 <= now.getTime();
  if (!keyed || expired || order.request?.keyHash !== keyed.mark.keyHash) return { decision: 'next-code' };
  if (order.request.requestHash !== keyed.mark.requestHash) return refuse(new IdempotencyKeyReusedError(keyed.key));
  return { decision: 'replay', order };
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

function newOrder(input: PlacementInput, center: ServiceCenter, lines: OrderLine[], subtotal: number): Order {
  // One seller's products, in one currency: the first line's product speaks for all.
  const product = input.reads.products.get(lines[0]!.productId)!;
  const at = input.now.toISOString();
  return {
    code: input.code,
    buyerPhone: input.request.buyerPhone,
    shopId: product.shopId,
    sellerPhone: product.sellerPhone,
    sellerVillageId: product.villageId,
    centerId: center.id,
    lines,
    subtotal: { amount: subtotal, currency: product.price.currency },
    total: { amount: subtotal, currency: product.price.currency },
    status: 'PLACED',
    paymentStatus: 'UNPAID',
    paymentMethod: input.request.paymentMethod,
    history: [{ status: 'PLACED', at, by: input.placer.name }],
    revision: 1,
    createdAt: at,
    updatedAt: at,
    ...(input.keyed ? { request: input.keyed.mark } : {}),
    ...(input.placer.app ? { placedBy: input.placer.app } : {}),
  };
}

/** Each line takes from its product's item, or from a random shard until a shard runs short. */
function stockTakes(input: PlacementInput): StockTake[] {
  return input.lines.flatMap((line) => {
    const read = input.reads.products.get(line.id)!;
    const places = input.shardPlans.get(line.id) ?? [{ shard: input.placeOf(read), quantity: line.quantity }];
    return places.map((place) => ({ ...place, product: line, seenVersion: read.version }));
  });
}
