import type { Money, OrderStatus, PaymentMethod, PaymentStatus } from '../common/index.js';

export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 10_000;

export interface OrderLine {
  /** The product's global id (CODE.VILLAGE). */
  productId: string;
  /** Its code within its own village, as its seller knows it. */
  productCode: string;
  name: string;
  unit: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

export interface StatusChange {
  status: OrderStatus;
  at: string;
  by: string;
  /** Why, when the move says (the expiry sweep's cancellation of an order nobody paid): those told of it hear why. */
  reason?: 'UNPAID';
}

/**
 * The request an order was placed by, when it came with an idempotency key: the order is its own
 * idempotency record, its code drawn from the key (order-code.ts). Hashes only, to keep the item small.
 */
export interface OrderRequestMark {
  /** Of the caller and the key: tells this request's order from another's that drew the same code. */
  keyHash: string;
  /** Of the request: the same key with another request is refused. */
  requestHash: string;
}

export interface Order {
  code: string;
  buyerPhone: string;
  shopId: string;
  sellerPhone: string;
  /** The village of the seller's shop, whose market its products' codes belong to. */
  sellerVillageId: string;
  /** The buyer's center, where the order is picked up. */
  centerId: string;
  /**
   * Set when the seller accepts an order for another village's center and the seller's own village
   * has one: the seller drops the goods off there (RECEIVED), and its partner sends them on.
   */
  collectingCenterId?: string;
  lines: OrderLine[];
  subtotal: Money;
  total: Money;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  paymentMethod: PaymentMethod;
  history: StatusChange[];
  /** Set when the order arrives at the center. */
  pickup?: PickupState;
  /** Set when the order is handed over. */
  settlement?: Settlement;
  /** The M-Pesa request in flight while the payment is PENDING. */
  mpesaCheckoutId?: string;
  /** Why the last mobile-money payment failed (M-Pesa's result code, or 'amount'): the buyer is told. */
  paymentFailure?: string;
  /** Set when the order was placed with an idempotency key. */
  request?: OrderRequestMark;
  /** The client_id of the app that placed it for its buyer (a token's `via`): the app is sent its webhooks. */
  placedBy?: string;
  /**
   * Counts the order's states: 1 when placed, one more at every status or payment change (each such
   * update adds 1 with `ADD revision :one`). An app's webhook carries it as the event's sequence.
   */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface Payment {
  /** A refund gives back what was paid; without a kind, a payment. */
  kind?: 'REFUND';
  orderCode: string;
  reference: string;
  method: PaymentMethod;
  amount: Money;
  recordedAt: string;
  recordedBy: string;
}

/** The pickup code of an order at the center, kept only as a hash. */
export interface PickupState {
  codeHash: string;
  expiresAt: string;
  wrongAttempts: number;
  lockedUntil: string | null;
}

/** How a handed-over order's money was shared, kept on the order so that a refund can reverse exactly that. */
export interface Settlement {
  /** The center that handed it over. */
  centerId: string;
  commission: number;
  /** The collecting center's share of the commission on a first mile; 0 otherwise. */
  collectingShare: number;
  /** The center whose partner holds the cash, or null when the service holds the money (mobile money, cash an administrator recorded). */
  heldBy: string | null;
}
