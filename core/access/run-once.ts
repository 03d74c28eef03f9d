import { BusinessError, cleanText, IdempotencyKeyReusedError } from '../common/index.js';
import {
  expiresAt,
  getIdempotencyRecord,
  IDEMPOTENCY_TTL_SECONDS,
  type Idempotency,
  type IdempotencyRecord,
  requestHash,
} from '../db/index.js';
import { describePrincipal } from './principal.js';
import type { RequestContext } from './request-context.js';

/** What a write is given to make itself idempotent. */
export interface OnceGuard<T> {
  /** Where the idempotency record lives, for a write that reads it in its own batch; null without a key. */
  record: { scope: string; key: string } | null;
  /** The record to put in the write's transaction, naming what the write made (null without a key). */
  idempotency: (resultId: string) => Idempotency;
  /** The answer to a repeat, for a write that found the record in its own batch read. */
  replay: (record: IdempotencyRecord) => Promise<T | BusinessError>;
}

interface IdempotentWrite<T> {
  /** The caller's key; without one the write simply happens. */
  key: string | null | undefined;
  /** What the caller asked for: the same key with another request is refused. */
  request: unknown;
  /**
   * True when `write` reads the record itself (in the batch read it makes anyway, to save a round
   * trip) and answers with `guard.replay` when it finds one; otherwise the record is read before the write.
   */
  writeReadsRecord?: boolean;
  /** Answers 'repeat' when the record was already there: this very request was done before. */
  write: (guard: OnceGuard<T>) => Promise<T | 'repeat' | BusinessError>;
  load: (resultId: string) => Promise<T | null>;
}

/** Runs a write at most once per caller and key: a repeat answers with what the first write made. */
export async function once<T>(ctx: RequestContext, operation: string, spec: IdempotentWrite<T>): Promise<T | BusinessError> {
  if (!spec.key) {
    const result = await spec.write({
      record: null,
      idempotency: () => null,
      replay: () => Promise.reject(new Error(`${operation} replayed without an idempotency key`)),
    });
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

  if (!spec.writeReadsRecord) {
    const existing = await getIdempotencyRecord(ctx.store, scope, key, ctx.now());
    if (existing) return replay(existing);
  }
  const idempotency = (resultId: string): Idempotency => {
    const now = ctx.now();
    const record = {
      scope,
      key,
      requestHash: hash,
      resultId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt(now, IDEMPOTENCY_TTL_SECONDS),
    };
    return { record, now };
  };
  const result = await spec.write({ record: { scope, key }, idempotency, replay });
  if (result !== 'repeat') return result;
  const winner = await getIdempotencyRecord(ctx.store, scope, key, ctx.now());
  if (!winner) throw new Error(`${operation}: idempotency record ${key} vanished`);
  return replay(winner);
}
