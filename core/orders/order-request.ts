import { phoneOf, type RequestContext, requireWriter } from '../access/index.js';
import { getServiceCenter, parseProductRef, productId } from '../catalogue/index.js';
import {
  BusinessError,
  checkInteger,
  cleanCode,
  cleanPhone,
  cleanText,
  InvalidInputError,
  NotFoundError,
  type PaymentMethod,
} from '../common/index.js';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './order.js';

export interface PlaceOrderInput {
  buyerPhone?: string | null;
  serviceCenterId: string;
  lines: { productCode: string; quantity: number }[];
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

/** A placeOrder request as checked: the buyer named (the caller by default), each code once, lines sorted. */
export interface OrderRequest {
  buyerPhone: string;
  centerId: string;
  lines: { productCode: string; quantity: number }[];
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

export function cleanOrderRequest(ctx: RequestContext, input: PlaceOrderInput): OrderRequest | BusinessError {
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
  const lines = cleanLines(input.lines);
  if (lines instanceof BusinessError) return lines;
  const centerId = cleanCode('serviceCenterId', input.serviceCenterId);
  if (centerId instanceof BusinessError) return centerId;
  return { buyerPhone: buyer, centerId, lines, paymentMethod: input.paymentMethod, idempotencyKey };
}

function cleanLines(input: PlaceOrderInput['lines']): OrderRequest['lines'] | BusinessError {
  // The same code twice becomes one line.
  const quantities = new Map<string, number>();
  for (const line of input) {
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
  return [...quantities]
    .map(([productCode, quantity]) => ({ productCode, quantity }))
    .sort((a, b) => a.productCode.localeCompare(b.productCode));
}

/** An order line with the product it names: `id` is the product's global id. */
export interface ResolvedLine {
  id: string;
  villageId: string;
  code: string;
  quantity: number;
}

/**
 * The products the order's lines name. A code typed without its village names a product of the
 * market where the order is picked up: the village of the order's service center.
 */
export async function resolveLines(ctx: RequestContext, request: OrderRequest): Promise<ResolvedLine[] | BusinessError> {
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
