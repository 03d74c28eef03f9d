import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { PickupState } from '../orders/index.js';

/** How long a pickup code is valid, how many wrong codes lock an order, and for how long. */
export const PICKUP_CODE_DAYS = 14;
export const MAX_WRONG_CODES = 5;
export const LOCK_MINUTES = 60;

export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Salted with the order code, so that equal codes of two orders hash differently. */
function hashPickupCode(orderCode: string, code: string): string {
  return createHash('sha256').update(`${orderCode}:${code}`).digest('hex');
}

export function pickupCodeMatches(orderCode: string, code: string, pickup: PickupState): boolean {
  return timingSafeEqual(Buffer.from(hashPickupCode(orderCode, code), 'hex'), Buffer.from(pickup.codeHash, 'hex'));
}

export function newPickupState(orderCode: string, code: string, now: Date): PickupState {
  return {
    codeHash: hashPickupCode(orderCode, code),
    expiresAt: new Date(now.getTime() + PICKUP_CODE_DAYS * 86_400_000).toISOString(),
    wrongAttempts: 0,
    lockedUntil: null,
  };
}
