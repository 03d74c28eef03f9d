export { failedCondition, isConditionFailure } from './dynamo-errors.js';
export { getItem, getItems } from './get-item.js';
export {
  alertThresholdKey,
  CATALOGUE_SHARDS,
  indexKeys,
  keys,
  type ListKey,
  listKeys,
  OPEN_MOBILE_MONEY_SHARDS,
  PHONE_OUTBOX_SHARDS,
  PRICE_INDEX_SHARDS,
  SELLER_LEDGER_SHARDS,
  SHOP_ORDER_SHARDS,
  WEBHOOK_DELIVERY_SHARDS,
  WEEKLY_SLOTS,
  weeklySlotOf,
  withoutKeys,
} from './keys.js';
export { type Page, type PageOptions, readMergedPage, readPage } from './page.js';
export { type ListPosition, listCondition, queryAll, queryFrom, queryShards } from './query.js';
export { createStore, ensureTable, type Store } from './store.js';
export { tableSchema } from './table-schema.js';
export { transactRetrying } from './transact-retrying.js';
export { type Idempotency, type TransactItem, type TransactionOutcome, transact, writeAll } from './transaction.js';
export { expiresAt } from './ttl.js';
