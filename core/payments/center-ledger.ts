import { keys, type Store } from '../db/index.js';

export type CenterLedgerKind = 'HANDOVER' | 'CASH' | 'REFUND' | 'COLLECTION' | 'PAYOUT';

/**
 * A line of a center's books, in minor units:
 * - HANDOVER: an order handed over at the center: its commission share, any cash taken, and what of
 *   the cash the partner now holds for the seller and for the center that collected it on a first mile;
 * - COLLECTION: the collecting center's share of the commission of a first-mile order, when it is handed over;
 * - CASH: cash for an order that the partner recorded before its handover;
 * - REFUND: a refund, the reverse of what the order had booked here;
 * - PAYOUT: cash the partner handed a seller.
 */
export interface CenterLedgerEntry {
  centerId: string;
  /** The order; for a payout, its id. */
  orderCode: string;
  at: string;
  /** Lines written before kinds existed have none: they are handovers. */
  kind?: CenterLedgerKind;
  subtotal: number;
  commission: number;
  cashCollected: number;
  /** The seller of the order, or the seller paid. */
  sellerPhone?: string;
  /** Proceeds of a sale the partner holds in cash for its seller (negative when a refund reverses them). */
  owedToSeller?: number;
  /** The collecting center's share of a commission, taken in cash here on a first mile. */
  owedToCenters?: number;
  paidToSeller?: number;
  currency: string;
}

/** A line of a center's books as the table keeps it: a handover's line (or one of no kind) keyed as lines always were. */
export const centerLedgerItem = (entry: CenterLedgerEntry) => ({
  ...keys.centerLedger(entry.centerId, entry.at, entry.orderCode, !entry.kind || entry.kind === 'HANDOVER' ? null : entry.kind),
  type: 'CenterLedger',
  ...entry,
});

/** The Put of a ledger line, for the transaction of the handover, payment, refund or payout it records. */
export function centerLedgerPut(store: Store, entry: CenterLedgerEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: centerLedgerItem(entry),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
