export { currencyOfPhone } from './country-currency.js';
export {
  AlertLimitError,
  AmbiguousProductCodeError,
  AmountMismatchError,
  BusinessError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  IllegalTransitionError,
  InvalidInputError,
  NotFoundError,
  OrderPaidError,
  type OrderRule,
  OutOfStockError,
  OverpaymentError,
  PaymentPendingError,
  PaymentRequiredError,
  PickupCodeExpiredError,
  PickupLockedError,
  WrongConsentCodeError,
  WrongPickupCodeError,
} from './errors.js';
export { formatMoney, MAX_AMOUNT, type Money, minorDigits, parseMajorAmount } from './money.js';
export { ORDER_STATUSES, type OrderStatus } from './order-state.js';
export { checkPageRequest, MAX_PAGE_SIZE, notACursor, type PageRequest } from './paging.js';
export { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus, paymentTransitions } from './payment-state.js';
export { countryOfPhone, normalizePhone, normalizePhoneNear } from './phone.js';
export { pauseAfterLostRace } from './retry-pause.js';
export { KEYPAD_ALPHABET, shortCode } from './short-code.js';
export { checkTransition } from './state-machine.js';
export { checkInteger, cleanCode, cleanId, cleanPhone, cleanText, collect, validateMoney } from './validation.js';
