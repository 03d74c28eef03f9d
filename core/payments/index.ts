export { type CenterLedgerEntry, type CenterLedgerKind, centerLedgerPut } from './center-ledger.js';
export { type MpesaRequest, mpesaRequestItem } from './mobile-money-repository.js';
export { parseStkCallback, requestMobileMoneyPayment, settleStkResult, sweepMobileMoney } from './mobile-money-service.js';
export { paymentItem, paymentReferenceItem } from './payment-items.js';
export { getPayment } from './payment-repository.js';
export { paymentsOf, type RecordedPayment, recordPayment, refundOrder } from './payment-service.js';
export { centerBalances, type Payout, payOutSeller, type SellerStatement, sellerStatement } from './payout-service.js';
export { saleBookings } from './sale-books.js';
export { type SellerBalance, type SellerLedgerEntry, sellerBalanceItem } from './seller-ledger.js';
