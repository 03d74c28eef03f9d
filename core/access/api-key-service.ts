import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../db/index.js';
import { type ApiKeyRecord, getApiKey, putApiKey } from './api-key-repository.js';
import type { Principal } from './principal.js';

/** Known keys are remembered this long per function instance: a revoked key may work this long. */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 1000;
const cache = new Map<string, { principal: Principal; until: number }>();

function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Makes a new key for a principal and stores only its hash; the key itself is returned once. */
export async function issueApiKey(store: Store, principal: Principal, label: string, now: Date, validForSeconds?: number): Promise<string> {
  const key = `vt_${randomBytes(24).toString('base64url')}`;
  await registerApiKey(store, key, principal, label, now, validForSeconds);
  return key;
}

/** Stores the hash of a key chosen elsewhere (ADMIN_API_KEY); storing the same key twice is harmless. */
export async function registerApiKey(
  store: Store,
  key: string,
  principal: Principal,
  label: string,
  now: Date,
  validForSeconds?: number,
): Promise<void> {
  // A lifetime that rounds to nothing must not become a key that never expires.
  if (validForSeconds !== undefined && !(Number.isInteger(validForSeconds) && validForSeconds >= 1)) {
    throw new Error(`a key must be valid for at least one whole second, not ${validForSeconds}`);
  }
  const record: ApiKeyRecord = {
    hash: hashApiKey(key),
    principal,
    label,
    createdAt: now.toISOString(),
    ...(validForSeconds === undefined ? {} : { expiresAt: Math.floor(now.getTime() / 1000) + validForSeconds }),
  };
  await putApiKey(store, record);
}

/** The principal of a presented key, or null when it is unknown or expired. */
export async function authenticate(store: Store, key: string, now: Date): Promise<Principal | null> {
  const hash = hashApiKey(key);
  const cached = cache.get(hash);
  if (cached && cached.until > now.getTime()) return cached.principal;
  cache.delete(hash);
  const record = await getApiKey(store, hash);
  const valid = record && (!record.expiresAt || record.expiresAt * 1000 > now.getTime());
  // Unknown keys are not remembered: random tokens must not fill the memory.
  if (!valid) return null;
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(hash, { principal: record.principal, until: Math.min(now.getTime() + CACHE_MS, (record.expiresAt ?? Infinity) * 1000) });
  return record.principal;
}
