import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getItem, keys, type Store, withoutKeys } from '../db/index.js';
import type { Member } from './member.js';

// Access pattern: get a phone's member record.
export async function getMember(store: Store, phone: string): Promise<Member | null> {
  return getItem<Member>(store, keys.member(phone), { consistent: true });
}

// Access pattern: set some fields of a phone's member record, creating it on first use.
export async function updateMember(
  store: Store,
  phone: string,
  changes: Partial<Pick<Member, 'centerId' | 'centerName' | 'centerVillageId' | 'language' | 'notifications'>>,
  now: string,
): Promise<Member> {
  const defaults = { centerId: null, centerName: null, centerVillageId: null, language: null, notifications: true };
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':now': now, ':phone': phone, ':type': 'Member' };
  const sets = ['updatedAt = :now', 'phone = :phone', 'createdAt = if_not_exists(createdAt, :now)', '#type = :type'];
  for (const field of Object.keys(defaults) as (keyof typeof defaults)[]) {
    names[`#${field}`] = field;
    if (field in changes) {
      values[`:${field}`] = changes[field];
      sets.push(`#${field} = :${field}`);
    } else {
      // A new member gets the default; an existing one keeps what it has.
      values[`:${field}`] = defaults[field];
      sets.push(`#${field} = if_not_exists(#${field}, :${field})`);
    }
  }
  const { Attributes } = await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.member(phone),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return withoutKeys<Member>(Attributes ?? {});
}
