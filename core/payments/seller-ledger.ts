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

/** A line of a seller's books as the table keeps it, in one of the seller's shards. */
export const sellerLedgerItem = (entry: SellerLedgerEntry) => ({
  ...keys.sellerLedger(entry.sellerPhone, entry.at, entry.orderCode, entry.kind),
  type: 'SellerLedger',
  ...entry,
});

export function sellerLedgerPut(store: Store, entry: SellerLedgerEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: sellerLedgerItem(entry),
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

/** What a center owes a seller as the table keeps it, listed in one of the seller's shards (gsi2). */
export const sellerBalanceItem = (balance: SellerBalance) => ({
  ...keys.sellerBalance(balance.centerId, balance.sellerPhone),
  ...indexKeys.sellerBalance(balance.sellerPhone, balance.centerId),
  type: 'SellerBalance',
  ...balance,
});

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
  // Every attribute of the balance's item is set, and the amount added to what it owes.
  const { centerId, sellerPhone, amount, currency } = change;
  const { pk, sk, owed, ...attributes } = sellerBalanceItem({ centerId, sellerPhone, owed: amount, currency });
  const names = Object.keys(attributes);
  return {
    Update: {
      TableName: store.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} ADD owed :amount`,
      ...(guard ? { ConditionExpression: 'owed >= :needed' } : {}),
      ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value])),
        ':amount': owed,
        ...(guard ? { ':needed': -owed } : {}),
      },
    },
  };
}
