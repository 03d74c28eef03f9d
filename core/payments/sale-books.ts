import type { Store } from '../db/index.js';
import type { Order, Settlement } from '../orders/index.js';
import { type CenterLedgerEntry, centerLedgerPut } from './center-ledger.js';
import { type SellerLedgerEntry, sellerBalanceUpdate, sellerLedgerPut } from './seller-ledger.js';

/**
 * Every line a handover books, for its own transaction: the handing-over center's, the collecting
 * center's on a first mile, the seller's sale, and what the partner now owes the seller in cash.
 * `sign` -1 books the reverse, for a refund of a handed-over order.
 */
export function saleBookings(
  store: Store,
  order: Order,
  settlement: Settlement,
  booked: { at: string; cashCollected: number; sign: 1 | -1 },
) {
  const { sign, at } = booked;
  const currency = order.subtotal.currency;
  const proceeds = order.subtotal.amount - settlement.commission;
  const held = settlement.heldBy !== null;
  const kind = sign === 1 ? 'HANDOVER' : 'REFUND';
  const center: CenterLedgerEntry = {
    centerId: settlement.centerId,
    orderCode: order.code,
    at,
    kind,
    subtotal: sign * order.subtotal.amount,
    commission: sign * (settlement.commission - settlement.collectingShare),
    cashCollected: booked.cashCollected,
    sellerPhone: order.sellerPhone,
    owedToSeller: held ? sign * proceeds : 0,
    owedToCenters: held ? sign * settlement.collectingShare : 0,
    currency,
  };
  const collecting: CenterLedgerEntry | null =
    order.collectingCenterId && settlement.collectingShare > 0
      ? {
          centerId: order.collectingCenterId,
          orderCode: order.code,
          at,
          kind: sign === 1 ? 'COLLECTION' : 'REFUND',
          subtotal: sign * order.subtotal.amount,
          commission: sign * settlement.collectingShare,
          cashCollected: 0,
          sellerPhone: order.sellerPhone,
          currency,
        }
      : null;
  const sale: SellerLedgerEntry = {
    sellerPhone: order.sellerPhone,
    orderCode: order.code,
    at,
    kind: sign === 1 ? 'SALE' : 'REFUND',
    subtotal: sign * order.subtotal.amount,
    commission: sign * settlement.commission,
    proceeds: sign * proceeds,
    paid: 0,
    heldBy: settlement.heldBy,
    currency,
  };
  return [
    centerLedgerPut(store, center),
    ...(collecting ? [centerLedgerPut(store, collecting)] : []),
    sellerLedgerPut(store, sale),
    ...(settlement.heldBy
      ? [sellerBalanceUpdate(store, { centerId: settlement.heldBy, sellerPhone: order.sellerPhone, amount: sign * proceeds, currency })]
      : []),
  ];
}
