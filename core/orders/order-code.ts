import { createHash } from 'node:crypto';
import type { IdempotentRequest } from '../access/index.js';
import { KEYPAD_ALPHABET, shortCode } from '../common/index.js';
import type { OrderRequestMark } from './order.js';

const ORDER_CODE_LENGTH = 6;

/** The code of an order placed without an idempotency key: drawn at random. */
export const randomOrderCode = (): string => shortCode(ORDER_CODE_LENGTH);

/** What an order placed with a key keeps of its request: enough to know a retry from a reuse of the key. */
export function requestMark(request: IdempotentRequest): OrderRequestMark {
  return {
    keyHash: createHash('sha256').update(`${request.scope}\n${request.key}`).digest('hex').slice(0, 32),
    requestHash: request.requestHash.slice(0, 32),
  };
}

/**
 * The code of an order placed with a key, drawn from the key: a retry reads the order where its code
 * says, without a record of its own. Another request's order may hold a code first (one chance in
 * about a billion an order): `candidate` counts the codes tried, the same in every retry.
 */
export function keyedOrderCode(mark: OrderRequestMark, candidate: number): string {
  const digest = createHash('sha256').update(`${mark.keyHash}#${candidate}`).digest();
  // 256 is a multiple of the alphabet's 32 letters: every letter is as likely.
  return Array.from(digest.subarray(0, ORDER_CODE_LENGTH), (byte) => KEYPAD_ALPHABET[byte % KEYPAD_ALPHABET.length]).join('');
}
