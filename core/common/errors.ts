import type { Money } from './money.js';

/**
 * An expected business outcome. Services return these; the schema turns them into
 * union members and the text channels into short localized replies. Faults throw plain Errors.
 */
export abstract class BusinessError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends BusinessError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} ${key} not found`);
  }
}

export class ForbiddenError extends BusinessError {
  readonly code = 'FORBIDDEN';
}

/** Limits of an order that a caller may meet, named so that a channel can say them in its own words. */
export type OrderRule = 'ONE_SELLER' | 'MAX_LINES' | 'MAX_QUANTITY' | 'MAX_TOTAL';

export class InvalidInputError extends BusinessError {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly rule: OrderRule | null = null,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A bare product code that several villages' products have, for a caller without a village of their own. */
export class AmbiguousProductCodeError extends BusinessError {
  readonly code = 'AMBIGUOUS_PRODUCT_CODE';
  constructor(
    readonly productCode: string,
    /** The ids (CODE.VILLAGE) of the products with the code, the first few of them. */
    readonly matches: string[],
    /** More products than `matches` have the code. */
    readonly moreMatches: boolean,
  ) {
    super(
      `${productCode} is the code of products in several villages (${matches.join(', ')}${moreMatches ? ', ...' : ''}): name one by its id`,
    );
  }
}

export class OutOfStockError extends BusinessError {
  readonly code = 'OUT_OF_STOCK';
  constructor(
    readonly productCode: string,
    readonly available: number,
  ) {
    super(`${productCode}: only ${available} in stock`);
  }
}

export class IllegalTransitionError extends BusinessError {
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(
    readonly machine: 'ORDER' | 'PAYMENT',
    readonly from: string,
    readonly to: string,
  ) {
    super(`${machine.toLowerCase()} cannot go from ${from} to ${to}`);
  }
}

export class AmountMismatchError extends BusinessError {
  readonly code = 'AMOUNT_MISMATCH';
  constructor(
    readonly expected: Money,
    readonly received: Money,
  ) {
    super(`expected ${expected.amount} ${expected.currency}, received ${received.amount} ${received.currency}`);
  }
}

export class IdempotencyKeyReusedError extends BusinessError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly key: string) {
    super(`idempotency key ${key} was already used for a different request`);
  }
}

export class OrderPaidError extends BusinessError {
  readonly code = 'ORDER_PAID';
  constructor(readonly orderCode: string) {
    super(`order ${orderCode} is paid; the service center handles a refund`);
  }
}

export class WrongPickupCodeError extends BusinessError {
  readonly code = 'WRONG_PICKUP_CODE';
  constructor(readonly attemptsLeft: number) {
    super(`wrong pickup code; ${attemptsLeft} tries left before the order is locked`);
  }
}

export class PickupLockedError extends BusinessError {
  readonly code = 'PICKUP_LOCKED';
  constructor(readonly until: string) {
    super(`too many wrong pickup codes; locked until ${until}`);
  }
}

export class PickupCodeExpiredError extends BusinessError {
  readonly code = 'PICKUP_CODE_EXPIRED';
  constructor(readonly orderCode: string) {
    super(`the pickup code of order ${orderCode} has expired`);
  }
}

export class PaymentPendingError extends BusinessError {
  readonly code = 'PAYMENT_PENDING';
  constructor(readonly orderCode: string) {
    super(`a mobile-money payment for order ${orderCode} is in progress; wait for its answer`);
  }
}

export class PaymentRequiredError extends BusinessError {
  readonly code = 'PAYMENT_REQUIRED';
  constructor(readonly orderCode: string) {
    super(`order ${orderCode} is to be paid by mobile money before it is handed over`);
  }
}

/** A payout of more than a center owes the seller. */
export class OverpaymentError extends BusinessError {
  readonly code = 'OVERPAYMENT';
  constructor(readonly owed: Money) {
    super(`at most ${owed.amount} ${owed.currency} is owed`);
  }
}

export class AlertLimitError extends BusinessError {
  readonly code = 'ALERT_LIMIT';
  constructor(readonly limit: number) {
    super(`a phone may have at most ${limit} price alerts`);
  }
}

/** A YES or NO to an app's consent request with a code that picks none of the phone's waiting requests. */
export class WrongConsentCodeError extends BusinessError {
  readonly code = 'WRONG_CONSENT_CODE';
  constructor(readonly triesLeft: number) {
    super(`no waiting request has that code; ${triesLeft} tries left before the phone's waiting requests end`);
  }
}
