import { createHash } from 'node:crypto';
import { BusinessError, cleanText, IdempotencyKeyReusedError } from '../common/index.js';
import { expiresAt, getItem, type Idempotency, keys, type Store, withoutKeys } from '../db/index.js';
import { describePrincipal } from './principal.js';
import type { RequestContext } from './request-context.js';

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
function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** A request made with an idempotency key: the key, cleaned, the scope it counts in (the caller and the operation) and the request's fingerprint. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  requestHash: string;
}

/** The request's key, scope and fingerprint; null without a key. */
export function idempotentRequest(
  ctx: RequestContext,
  operation: string,
  key: string | null | undefined,
  request: unknown,
): IdempotentRequest | null | BusinessError {
  if (!key) return null;
  const cleaned = cleanText('idempotencyKey', key, 100);
  if (cleaned instanceof BusinessError) return cleaned;
  return { scope: `${describePrincipal(ctx.principal)}#${operation}`, key: cleaned, requestHash: requestHash(request) };
}

/** A record read from the table, or null once it has expired: TTL deletion can lag by days. */
export function liveIdempotencyRecord(item: Record<string, unknown>, now: Date): IdempotencyRecord | null {
  const expiresAt = Number(item.expiresAt);
  if (expiresAt * 1000 <= now.getTime()) return null;
  return { ...withoutKeys<IdempotencyRecord>(item), expiresAt };
}

/** The Put of an idempotency record inside a transaction: it fails while a live record has the key. */
export function idempotencyPut(store: Store, record: IdempotencyRecord, now: Date) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...keys.idempotency(record.scope, record.key), type: 'Idempotency', ...record },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    },
  };
}

// Access pattern: get a live idempotency record by its scope and key.
async function getIdempotencyRecord(store: Store, scope: string, key: string, now: Date): Promise<IdempotencyRecord | null> {
  return getItem(store, keys.idempotency(scope, key), { consistent: true, read: (item) => liveIdempotencyRecord(item, now) });
}

/** What a write is given to make itself idempotent. */
export interface IdempotencyGuard<T> {
  /** Where the idempotency record lives, for a write that reads it in its own batch; null without a key. */
  record: { scope: string; key: string } | null;
  /** The record's Put for the write's transaction (`transact` puts it last), naming what the write made; null without a key. */
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
  write: (guard: IdempotencyGuard<T>) => Promise<T | 'repeat' | BusinessError>;
  load: (resultId: string) => Promise<T | null>;
}

/** The write without a key: it simply happens, and has no record to find. */
async function writeWithoutKey<T>(operation: string, spec: IdempotentWrite<T>): Promise<T | BusinessError> {
  const result = await spec.write({
    record: null,
    idempotency: () => null,
    replay: () => Promise.reject(new Error(`${operation} replayed without an idempotency key`)),
  });
  if (result === 'repeat') throw new Error(`${operation} reported a repeat without an idempotency key`);
  return result;
}

/**
 * Runs a write at most once per caller and key: the write's transaction puts the key's record, and a
 * repeat (the record found before the write, or by the write's transaction) answers with what the first write made.
 */
export async function runIdempotent<T>(ctx: RequestContext, operation: string, spec: IdempotentWrite<T>): Promise<T | BusinessError> {
  const request = idempotentRequest(ctx, operation, spec.key, spec.request);
  if (request instanceof BusinessError) return request;
  if (!request) return writeWithoutKey(operation, spec);
  const { scope, key, requestHash: hash } = request;
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
    return { put: idempotencyPut(ctx.store, record, now) };
  };
  const result = await spec.write({ record: { scope, key }, idempotency, replay });
  if (result !== 'repeat') return result;
  const winner = await getIdempotencyRecord(ctx.store, scope, key, ctx.now());
  if (!winner) throw new Error(`${operation}: idempotency record ${key} vanished`);
  return replay(winner);
}
