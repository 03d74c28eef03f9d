export { type CenterLedgerEntry, centerLedgerPut } from './center-ledger.js';
export { parseStkCallback, requestMobileMoneyPayment, settleStkResult, sweepMobileMoney } from './mobile-money-service.js';
export { getPayment } from './payment-repository.js';
export { paymentsOf, type RecordedPayment, recordPayment, refundOrder } from './payment-service.js';
