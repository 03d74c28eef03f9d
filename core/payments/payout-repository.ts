import {
  failedCondition,
  getItem,
  type Idempotency,
  keys,
  listCondition,
  listKeys,
  queryAll,
  queryShards,
  SELLER_LEDGER_SHARDS,
  type Store,
  transactRetrying,
} from '../db/index.js';
import { type CenterLedgerEntry, centerLedgerPut } from './center-ledger.js';
import { type SellerBalance, type SellerLedgerEntry, sellerBalanceUpdate, sellerLedgerPut } from './seller-ledger.js';

// Access pattern: what a center owes one seller now.
export async function getSellerBalance(store: Store, centerId: string, sellerPhone: string): Promise<SellerBalance | null> {
  return getItem<SellerBalance>(store, keys.sellerBalance(centerId, sellerPhone), { consistent: true });
}

// Access pattern: what a center owes each seller now (its own partition).
export async function listCenterBalances(store: Store, centerId: string): Promise<SellerBalance[]> {
  return queryAll<SellerBalance>(store, listCondition(listKeys.centerSellerBalances(centerId)));
}

const sellerShards = <T>(list: (shard: number) => T) => Array.from({ length: SELLER_LEDGER_SHARDS }, (_, shard) => list(shard));

// Access pattern: what each center owes a seller now (gsi2, every shard).
export async function listSellerBalances(store: Store, sellerPhone: string): Promise<SellerBalance[]> {
  return queryShards<SellerBalance>(
    store,
    sellerShards((shard) => listKeys.sellerBalances(sellerPhone, shard)),
    {},
  );
}

// Access pattern: a seller's ledger lines between two moments (every shard of their partition, merged by time).
export async function listSellerLedgerBetween(store: Store, sellerPhone: string, from: string, to: string): Promise<SellerLedgerEntry[]> {
  return queryShards<SellerLedgerEntry>(
    store,
    sellerShards((shard) => listKeys.sellerLedger(sellerPhone, shard)),
    { from, through: to },
  );
}

// Access pattern: a payout: what the center owes the seller goes down (never below zero), and both books show it, in one transaction.
// A payout racing a handover, a refund or another payout for the same balance may lose its transaction: it is tried again.
export async function writePayout(
  store: Store,
  payout: { centerLine: CenterLedgerEntry; sellerLine: SellerLedgerEntry },
  idempotency: Idempotency,
): Promise<'done' | 'repeat' | 'too-much'> {
  const { centerLine, sellerLine } = payout;
  const result = await transactRetrying(
    store,
    [
      sellerBalanceUpdate(
        store,
        { centerId: centerLine.centerId, sellerPhone: sellerLine.sellerPhone, amount: -sellerLine.paid, currency: sellerLine.currency },
        'atMostOwed',
      ),
      centerLedgerPut(store, centerLine),
      sellerLedgerPut(store, sellerLine),
    ],
    idempotency,
  );
  if (result.outcome === 'failed') {
    if (failedCondition(result.failures, 0)) return 'too-much';
    throw new Error(`payout ${centerLine.orderCode} conflicted with an existing line`);
  }
  return result.outcome;
}

// Access pattern: a payout's line in its center's books, by the id that names it (center, moment and payout).
export async function getPayoutLine(store: Store, resultId: string): Promise<CenterLedgerEntry | null> {
  const [centerId, at, payoutId] = resultId.split('|');
  if (!centerId || !at || !payoutId) return null;
  return getItem<CenterLedgerEntry>(store, keys.centerLedger(centerId, at, payoutId, 'PAYOUT'), { consistent: true });
}
