import type { RequestContext } from './request-context.js';
import { BusinessError, cleanText, IdempotencyKeyReusedError } from '../common/index.js';
import { expiresAt, getIdempotencyRecord, type Idempotency, IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord, requestHash } from '../db/index.js';
import { describePrincipal } from './principal.js';

export interface IdempotentWrite<T> {
  /** The caller's key; without one the write simply happens. */
  key: string | null | undefined;
  /** What the caller asked for: the same key with another request is refused. */
  request: unknown;
  /** The id of what the write makes, stored so that a repeat can find it. */
  resultId: string;
  write: (idempotency: Idempotency) => Promise<T | 'repeat' | BusinessError>;
  load: (resultId: string) => Promise<T | null>;
}

/** Runs a write at most once per caller and key: a repeat answers with what the first write made. */
export async function once<T>(ctx: RequestContext, operation: string, spec: IdempotentWrite<T>): Promise<T | BusinessError> {
  if (!spec.key) {
    const result = await spec.write(null);
    if (result === 'repeat') throw new Error(`${operation} reported a repeat without an idempotency key`);
    return result;
  }
  const key = cleanText('idempotencyKey', spec.key, 100);
  if (key instanceof BusinessError) return key;
  const scope = `${describePrincipal(ctx.principal)}#${operation}`;
  const hash = requestHash(spec.request);
  const replay = async (record: IdempotencyRecord) => {
    if (record.requestHash !== hash) return new IdempotencyKeyReusedError(key);
    const result = await spec.load(record.resultId);
    if (result === null) throw new Error(`${operation}: idempotency record ${key} points at missing ${record.resultId}`);
    return result;
  };

  const existing = await getIdempotencyRecord(ctx.store, scope, key, ctx.now());
  if (existing) return replay(existing);
  const now = ctx.now();
  const record: IdempotencyRecord = {
    scope,
    key,
    requestHash: hash,
    resultId: spec.resultId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt(now, IDEMPOTENCY_TTL_SECONDS),
  };
  const result = await spec.write({ record, now });
  if (result !== 'repeat') return result;
  const winner = await getIdempotencyRecord(ctx.store, scope, key, ctx.now());
  if (!winner) throw new Error(`${operation}: idempotency record ${key} vanished`);
  return replay(winner);
}
