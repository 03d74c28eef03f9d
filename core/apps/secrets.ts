import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: client secrets, tokens and auth_req_ids. */
export const randomSecret = () => randomBytes(32).toString('base64url');

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Compares a presented secret with a stored hash in constant time. */
export function matchesHash(presented: string, hash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOWER_BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A client_id: `app-` and 16 characters (80 random bits), safe in a URL, a token and a key. */
export function newClientId(): string {
  return `app-${[...randomBytes(16)].map((byte) => LOWER_BASE32[byte % 32]).join('')}`;
}
