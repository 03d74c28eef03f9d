import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { failedCondition, type ItemFailure, isTransactionConflict, staleOrThrow, transactionFailures } from './dynamo-errors.js';
import { type IdempotencyRecord, idempotencyPut } from './idempotency-repository.js';
import type { Store } from './store.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type TransactionOutcome =
  | { outcome: 'done' }
  /** The idempotency record was there: this very request was done before. */
  | { outcome: 'repeat' }
  /** A condition failed: one entry per item, undefined where the item was fine. */
  | { outcome: 'failed'; failures: (ItemFailure | undefined)[] }
  /** Another transaction wrote one of the items at the same moment: nothing was written; read again and try again. */
  | { outcome: 'conflict' };

export type Idempotency = { record: IdempotencyRecord; now: Date } | null;

/** Writes the items in one TransactWriteItems, with the request's idempotency record when it has one. */
export async function transact(store: Store, items: TransactItem[], idempotency: Idempotency): Promise<TransactionOutcome> {
  const all = idempotency ? [...items, idempotencyPut(store, idempotency.record, idempotency.now)] : items;
  try {
    await store.doc.send(new TransactWriteCommand({ TransactItems: all }));
    return { outcome: 'done' };
  } catch (error) {
    const failures = transactionFailures(error);
    if (!failures) throw error;
    if (idempotency && failedCondition(failures, items.length)) return { outcome: 'repeat' };
    if (failures.some((failure) => failure?.code === 'ConditionalCheckFailed')) return { outcome: 'failed', failures };
    if (isTransactionConflict(failures)) return { outcome: 'conflict' };
    throw error;
  }
}

/**
 * Writes the items in one TransactWriteItems whose conditions say "as it was read": 'stale' when one
 * failed or another transaction won, so that the caller reads again and decides anew.
 */
export async function writeAll(store: Store, items: TransactItem[]): Promise<'done' | 'stale'> {
  try {
    await store.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return 'done';
  } catch (error) {
    return staleOrThrow(error);
  }
}
