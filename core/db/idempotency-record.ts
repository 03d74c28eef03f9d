import { createHash } from 'node:crypto';

/** How long a retried request still finds its first result. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Remembers that a request was done, and what it made: written in the same transaction as its effect. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  resultId: string;
  createdAt: string;
  expiresAt: number;
}

/** A stable fingerprint of a request, so that a key reused for a different request is caught. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export function expiresAt(now: Date, seconds: number): number {
  return Math.floor(now.getTime() / 1000) + seconds;
}
