import { getItem, keys, listCondition, listKeys, queryAll, type Store, type TransactItem } from '../db/index.js';
import type { Grant } from './app.js';

const grantItem = (grant: Grant) => ({ ...keys.grant(grant.phone, grant.clientId), type: 'Grant', ...grant });

/**
 * The Put of a grant as it now is, on condition that it is still as it was read (`before`, or none):
 * two consents or a consent and a revocation at the same moment cannot both win.
 */
export function grantPut(store: Store, grant: Grant, before: Grant | null): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: grantItem(grant),
      ...(before
        ? { ConditionExpression: 'version = :before', ExpressionAttributeValues: { ':before': before.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

// Access pattern: get what a phone lets an app do.
export async function getGrant(store: Store, phone: string, clientId: string): Promise<Grant | null> {
  return getItem<Grant>(store, keys.grant(phone, clientId), { consistent: true });
}

// Access pattern: the apps a phone has let in, by client_id (a phone lets in a handful).
export async function listGrants(store: Store, phone: string): Promise<Grant[]> {
  return queryAll<Grant>(store, { ...listCondition(listKeys.grantsOfPhone(phone)), ConsistentRead: true });
}
