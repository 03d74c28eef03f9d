import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys, type Store, writeAll } from '../../core/db/index.js';
import { memberItem } from '../../core/members/member-item.js';
import { updateMember } from '../../core/members/member-repository.js';
import { sellerBalanceItem, sellerBalanceUpdate } from '../../core/payments/seller-ledger.js';
import { createTestStore } from '../support/test-store.js';

// Items written by an update rather than a put: what the update leaves is the item the entity's builder
// makes (the shape the capacity model measures).

let store: Store;
const stored = async (key: { pk: string; sk: string }) =>
  (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }))).Item;

beforeEach(async () => {
  store = await createTestStore();
});

describe('items written by an update have their builder’s shape', () => {
  it('a member, created and then changed', async () => {
    const phone = '+255754000111';
    const created = await updateMember(store, phone, { centerId: 'TST01', centerName: 'Test', language: 'sw' }, '2026-01-01T00:00:00.000Z');
    expect(await stored(keys.member(phone))).toEqual(memberItem(created));
    const changed = await updateMember(store, phone, { notifications: false }, '2026-01-02T00:00:00.000Z');
    expect(await stored(keys.member(phone))).toEqual(memberItem(changed));
  });

  it("a seller's balance at a center, added to twice", async () => {
    const balance = { centerId: 'TST01', sellerPhone: '+255754000222', currency: 'TZS' };
    const add = (amount: number) => writeAll(store, [sellerBalanceUpdate(store, { ...balance, amount })]);
    expect(await add(7_000)).toBe('done');
    expect(await add(-2_000)).toBe('done');
    expect(await stored(keys.sellerBalance(balance.centerId, balance.sellerPhone))).toEqual(sellerBalanceItem({ ...balance, owed: 5_000 }));
  });
});
