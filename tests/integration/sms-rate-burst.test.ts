import { beforeEach, describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import { DEFAULT_SMS_RATE_LIMITS } from '../../core/config/settings.js';
import type { Store } from '../../core/db/store.js';
import { joinServiceCenter, setLanguage } from '../../core/members/member-service.js';
import { getOrder } from '../../core/orders/order-repository.js';
import { BUYER, ok, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

const LIMIT = DEFAULT_SMS_RATE_LIMITS.buyer;
const NOW = new Date('2026-12-07T10:00:00Z');
const SWAHILI_REFUSAL = 'Ujumbe mwingi mno. Tafadhali subiri dakika 10, kisha jaribu tena.';
const STRANGER = '+255754299999';

let store: Store;
let calls: string[];
beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  ok(await joinServiceCenter(contextFor(store, phone(BUYER)), 'TST01'));
  ok(await setLanguage(contextFor(store, phone(BUYER)), 'sw'));
  calls = [];
  // Every DynamoDB call the SMS path makes, those a condition refused included.
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
});

const send = (from: string, body: string, messageSid: string) => handleInboundSms(store, { from, body, messageSid }, 'test', NOW);

/** The replies to `count` messages from one phone, all sent at once. */
const burst = (from: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => send(from, 'HELP', `SMburst${from}${i}`)));

describe('the SMS rate limit under a burst', () => {
  it(`answers exactly ${LIMIT} of 40 messages sent at once, refuses one politely in the phone's language, and is silent to the rest`, async () => {
    const replies = await burst(BUYER, 40);
    expect(replies.filter((reply) => reply !== null && reply !== SWAHILI_REFUSAL)).toHaveLength(LIMIT);
    expect(replies.filter((reply) => reply === SWAHILI_REFUSAL)).toHaveLength(1);
    expect(replies.filter((reply) => reply === null)).toHaveLength(40 - LIMIT - 1);
  });

  it('holds the limit for a phone that is no member', async () => {
    const replies = await burst(STRANGER, 40);
    expect(replies.filter((reply) => reply !== null && !reply.startsWith('Too many'))).toHaveLength(LIMIT);
    expect(replies.filter((reply) => reply?.startsWith('Too many'))).toHaveLength(1);
  });

  it('counts a repeated MessageSid once', async () => {
    for (let i = 0; i < 3; i++) expect(await send(BUYER, 'HELP', 'SMsame')).not.toBeNull();
    const replies = await Promise.all(Array.from({ length: LIMIT - 1 }, (_, i) => send(BUYER, 'HELP', `SMother${i}`)));
    expect(replies.every((reply) => reply !== null && reply !== SWAHILI_REFUSAL)).toBe(true);
    expect(await send(BUYER, 'HELP', 'SMone-more')).toBe(SWAHILI_REFUSAL);
  });
});

describe('ORDER by SMS', () => {
  it('takes 3 DynamoDB calls, and a repeat of its MessageSid gets the same reply from the same order, stored nowhere else', async () => {
    calls = [];
    const first = await send(BUYER, 'ORDER 1 RICE5', 'SMorder1');
    expect(first).toMatch(/^Oda [2-9A-HJ-NP-Z]{6}:/);
    expect(calls).toEqual(['UpdateItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    calls = [];
    expect(await send(BUYER, 'ORDER 1 RICE5', 'SMorder1')).toBe(first);
    // The repeat reads the order where its key puts it, and writes nothing.
    expect(calls).toEqual(['UpdateItemCommand', 'BatchGetItemCommand']);
    const code = first!.slice(4, 10);
    expect((await getOrder(store, code))?.lines[0]?.quantity).toBe(1);
  });
});
