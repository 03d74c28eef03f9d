import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import { findProduct } from '../../core/catalogue/catalogue-service.js';
import { DEFAULT_SMS_RATE_LIMITS } from '../../core/config/settings.js';
import { keys } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { joinServiceCenter } from '../../core/members/member-service.js';
import { acceptOrder, placeOrder } from '../../core/orders/order-service.js';
import { BUYER, OTHER_BUYER, ok, PARTNER, SELLER, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let sid = 0;
const text = (from: string, body: string, now = new Date()) =>
  handleInboundSms(store, { from, body, messageSid: `SMtest${++sid}` }, 'test', now);

let villageId: string;
beforeEach(async () => {
  store = await createTestStore();
  villageId = (await seedCatalogue(store)).village.id;
  ok(await joinServiceCenter(contextFor(store, phone(BUYER)), 'TST01'));
  ok(await joinServiceCenter(contextFor(store, phone(OTHER_BUYER)), 'TST01'));
});

describe('inbound SMS', () => {
  it(`answers ${DEFAULT_SMS_RATE_LIMITS.buyer} commands of a buyer in any 10 minutes, then once politely, then not at all`, async () => {
    const limit = DEFAULT_SMS_RATE_LIMITS.buyer;
    const now = new Date('2026-11-28T10:00:00Z');
    const replies = [];
    for (let i = 0; i < limit + 2; i++) replies.push(await text(BUYER, 'HELP', now));
    expect(replies.slice(0, limit).every((reply) => reply?.startsWith('FIND rice'))).toBe(true);
    expect(replies[limit]).toBe('Too many messages. Please wait 10 minutes, then try again.');
    expect(replies[limit + 1]).toBeNull();
    // The window slides: nine minutes on, the phone is still over the limit; ten minutes on, it is not.
    expect(await text(BUYER, 'HELP', new Date('2026-11-28T10:09:00Z'))).toBeNull();
    expect(await text(BUYER, 'HELP', new Date('2026-11-28T10:10:01Z'))).toMatch(/^FIND rice/);
    // Other phones were never limited.
    expect(await text(OTHER_BUYER, 'HELP', now)).toMatch(/^FIND rice/);
  });

  it('gives sellers and partners the higher limits of their roles', async () => {
    const limits = { buyer: 2, seller: 4, partner: 6 };
    const now = new Date('2026-11-28T10:00:00Z');
    const answered = async (from: string) => {
      const replies = [];
      for (let i = 0; i < 8; i++)
        replies.push(await handleInboundSms(store, { from, body: 'HELP', messageSid: `SMrole${++sid}` }, 'test', now, null, limits));
      return replies.filter((reply) => reply !== null && !reply.startsWith('Too many')).length;
    };
    expect(await answered(BUYER)).toBe(2);
    expect(await answered(SELLER)).toBe(4);
    expect(await answered(PARTNER)).toBe(6);
  });

  it("cannot act on another phone's order", async () => {
    const theirs = ok(
      await placeOrder(contextFor(store, phone(OTHER_BUYER)), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'RICE5', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: 'k',
      }),
    );
    expect(await text(BUYER, `CANCEL ${theirs.code}`)).toBe(`Order ${theirs.code} not found. Check the code.`);
    expect(await text(BUYER, `STATUS ${theirs.code}`)).toBe(`Order ${theirs.code} not found. Check the code.`);
  });

  it('says what is wrong with a command in its usage line', async () => {
    expect(await text(BUYER, 'ORDER two RICE5')).toBe(
      'Please check: ORDER <qty> <code> [<qty> <code>...] [CASH or MOMO]. Example: ORDER 2 RICE5 1 BEANS2 CASH',
    );
    expect(await text(BUYER, 'ORDER 0 RICE5')).toMatch(/^Please check: ORDER/);
    expect(await text(BUYER, 'ORDER 99 RICE5')).toBe('Sorry, only 10 of RICE5 left. Nothing was ordered.');
    expect(await text(BUYER, 'ORDER 1 NOPE7')).toBe('Product NOPE7 not found. Check the code.');
  });

  it('replays the first reply for a repeated MessageSid, even when the state has moved on', async () => {
    const order = (await text(BUYER, 'ORDER 1 RICE5'))!.slice(6, 12);
    const status = { from: BUYER, body: `STATUS ${order}`, messageSid: 'SMstatus1' };
    const first = await handleInboundSms(store, status, 'test', new Date());
    expect(first).toMatch(/: placed,/);
    ok(await acceptOrder(contextFor(store, phone(SELLER)), order));
    expect(await handleInboundSms(store, status, 'test', new Date())).toBe(first);
    expect(await text(BUYER, `STATUS ${order}`)).toMatch(/: accepted,/);
  });

  it('names the pickup center from the member record, and from the API for a record older than the name on it', async () => {
    expect(await text(BUYER, 'ORDER 1 RICE5')).toMatch(/Pick up at Test Center\./);
    // A member saved before members kept their center's name.
    await store.doc.send(
      new UpdateCommand({ TableName: store.tableName, Key: keys.member(OTHER_BUYER), UpdateExpression: 'REMOVE centerName' }),
    );
    expect(await text(OTHER_BUYER, 'ORDER 1 RICE5')).toMatch(/Pick up at Test Center\./);
  });

  it('sets stock once for a repeated STOCK message, not over an order placed in between', async () => {
    const stock = { from: SELLER, body: 'STOCK RICE5 4', messageSid: 'SMstock1' };
    expect(await handleInboundSms(store, stock, 'test', new Date())).toBe('RICE5: stock 4.');
    await text(BUYER, 'ORDER 1 RICE5');
    // Twilio's retry of the first message must not set the stock back to 4.
    await handleInboundSms(store, { ...stock, messageSid: 'SMstock1' }, 'test', new Date());
    expect((await findProduct(contextFor(store, phone(BUYER)), 'RICE5', villageId))!.stock).toBe(3);
  });
});
