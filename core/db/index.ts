export { failedCondition, isConditionFailure, isTransactionConflict, transactionFailures } from './dynamo-errors.js';
export { expiresAt, IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord, requestHash } from './idempotency-record.js';
export { getIdempotencyRecord, idempotencyPut, liveIdempotencyRecord } from './idempotency-repository.js';
export { indexKeys, keys, withoutKeys } from './keys.js';
export { indexPrefix, queryAll } from './query.js';
export { createStore, ensureTable, type Store } from './store.js';
export { tableSchema } from './table-schema.js';
export { type Idempotency, transact, writeAll } from './transaction.js';
