import { getItem, type Idempotency, keys, type Store, type TransactItem, transact } from '../db/index.js';
import type { PhoneAlerts, PriceAlert } from './price-alert.js';
import { phoneAlertsItem, priceAlertItem, priceAlertKey } from './price-items.js';

/** An alert where reports find it, with the day it last sent an SMS. */
export type ListedAlert = PriceAlert & { lastAlertOn?: string };

// Access pattern: a phone's price alerts (one item).
export async function getPhoneAlerts(store: Store, phone: string): Promise<PhoneAlerts | null> {
  return getItem<PhoneAlerts>(store, keys.phoneAlerts(phone), { consistent: true });
}

/** The phone's list as it is now, put on the version it was read at. */
function phoneAlertsPut(store: Store, next: PhoneAlerts, readVersion: number) {
  return {
    Put: {
      TableName: store.tableName,
      Item: phoneAlertsItem(next),
      ...(readVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': readVersion } }),
    },
  };
}

type Outcome = 'done' | 'repeat' | 'stale';

/** 'stale' when the phone's list changed since it was read, or another transaction wrote it at the same moment: read it again. */
async function write(store: Store, items: TransactItem[], idempotency: Idempotency): Promise<Outcome> {
  const result = await transact(store, items, idempotency);
  return result.outcome === 'failed' || result.outcome === 'conflict' ? 'stale' : result.outcome;
}

// Access pattern: add an alert to its phone's list and to its watch's list, in one transaction on the
// version of the phone's list read. 'stale' when the list changed since.
export async function putAlert(store: Store, next: PhoneAlerts, readVersion: number, alert: PriceAlert, idempotency: Idempotency) {
  const listed = { Put: { TableName: store.tableName, Item: priceAlertItem(alert) } };
  return write(store, [phoneAlertsPut(store, next, readVersion), listed], idempotency);
}

// Access pattern: take an alert out of its phone's list and its watch's list, in one transaction on the
// version of the phone's list read.
export async function deleteAlert(store: Store, next: PhoneAlerts, readVersion: number, alert: PriceAlert, idempotency: Idempotency) {
  const unlisted = { Delete: { TableName: store.tableName, Key: priceAlertKey(alert) } };
  return write(store, [phoneAlertsPut(store, next, readVersion), unlisted], idempotency);
}
