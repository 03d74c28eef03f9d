import { pauseAfterLostRace } from '../common/index.js';
import type { Store } from './store.js';
import { type Idempotency, type TransactItem, type TransactionOutcome, transact } from './transaction.js';

/** How often a transaction is tried in all while it keeps losing races. */
const CONFLICT_ATTEMPTS = 4;

/**
 * `transact`, tried again after a pause while it loses races with other transactions: a conflict
 * wrote nothing, and each try checks the conditions anew. A write planned from a read that it would
 * rather make again answers 'conflict' to its own loop instead. A transaction that keeps losing is a fault.
 */
export async function transactRetrying(
  store: Store,
  items: TransactItem[],
  idempotency: Idempotency,
): Promise<Exclude<TransactionOutcome, { outcome: 'conflict' }>> {
  for (let attempt = 1; ; attempt++) {
    const result = await transact(store, items, idempotency);
    if (result.outcome !== 'conflict') return result;
    if (attempt >= CONFLICT_ATTEMPTS) throw new Error(`a transaction of ${items.length} items lost ${attempt} races in a row`);
    await pauseAfterLostRace(attempt);
  }
}
