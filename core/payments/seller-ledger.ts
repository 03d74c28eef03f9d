import { indexKeys, keys, type Store } from '../db/index.js';

/**
 * A line of a seller's books, in minor units:
 * - SALE: an order handed over to its buyer: its subtotal, the commission, and the proceeds, held
 *   by the center whose partner took the cash (`heldBy`), or by the service (mobile money, or cash
 *   an administrator recorded: `heldBy` null);
 * - REFUND: a refunded sale, the same amounts negative;
 * - PAYOUT: cash a center's partner handed the seller.
 */
export interface SellerLedgerEntry {
  sellerPhone: string;
  /** The order; for a payout, its id. */
  orderCode: string;
  at: string;
  kind: 'SALE' | 'REFUND' | 'PAYOUT';
  subtotal: number;
  commission: number;
  proceeds: number;
  paid: number;
  heldBy: string | null;
  currency: string;
}

export function sellerLedgerPut(store: Store, entry: SellerLedgerEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...keys.sellerLedger(entry.sellerPhone, entry.at, entry.orderCode, entry.kind), type: 'SellerLedger', ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** What a center's partner owes a seller in cash, now: one item per center and seller. */
export interface SellerBalance {
  centerId: string;
  sellerPhone: string;
  owed: number;
  currency: string;
}

/**
 * Adds to (or, negative, takes from) what a center owes a seller. A payout passes `'atMostOwed'`: it
 * may not take more than is owed. A refund of a sale already paid out may leave it below zero:
 * the seller then owes the center.
 */
export function sellerBalanceUpdate(
  store: Store,
  change: { centerId: string; sellerPhone: string; amount: number; currency: string },
  guard: 'atMostOwed' | null = null,
) {
  return {
    Update: {
      TableName: store.tableName,
      Key: keys.sellerBalance(change.centerId, change.sellerPhone),
      UpdateExpression:
        'SET #type = :type, centerId = :center, sellerPhone = :seller, currency = :currency, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk ADD owed :amount',
      ...(guard ? { ConditionExpression: 'owed >= :needed' } : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'SellerBalance',
        ':center': change.centerId,
        ':seller': change.sellerPhone,
        ':currency': change.currency,
        ':gsi2pk': indexKeys.sellerBalance(change.sellerPhone, change.centerId).gsi2pk,
        ':gsi2sk': indexKeys.sellerBalance(change.sellerPhone, change.centerId).gsi2sk,
        ':amount': change.amount,
        ...(guard ? { ':needed': -change.amount } : {}),
      },
    },
  };
}
