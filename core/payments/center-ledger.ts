import { keys, type Store } from '../db/index.js';

/**
 * A line of a center's books: a handed-over order (its commission, and any cash taken at the
 * handover), or cash for an order that the center's partner recorded before its handover.
 */
export interface CenterLedgerEntry {
  centerId: string;
  orderCode: string;
  at: string;
  /** Lines written before cash lines existed have no kind: they are handovers. A refund's cash is negative. */
  kind?: 'HANDOVER' | 'CASH' | 'REFUND';
  subtotal: number;
  commission: number;
  cashCollected: number;
  currency: string;
}

/** The Put of a ledger line, for the transaction of the handover or the payment it records. */
export function centerLedgerPut(store: Store, entry: CenterLedgerEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...keys.centerLedger(entry.centerId, entry.at, entry.orderCode, entry.kind ?? 'HANDOVER'), type: 'CenterLedger', ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
