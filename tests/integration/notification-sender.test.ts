import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SenderDeps, sendNotifications } from '../../channels/sms/notification-sender.js';
import { unconfiguredGateway } from '../../channels/sms/sms-gateway.js';
import { twilioGateway } from '../../channels/sms/twilio/twilio-messages-api.js';
import type { Store } from '../../core/db/store.js';
import { setLanguage, setNotifications } from '../../core/members/member-service.js';
import type { Order } from '../../core/orders/order.js';
import { noticesOfOrderChange } from '../../core/orders/order-notices.js';
import { acceptOrder, placeOrder } from '../../core/orders/order-service.js';
import type { PendingNotification } from '../../core/outbox/outbox-message.js';
import { getOutboxMessage, listOutbox } from '../../core/outbox/outbox-repository.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';
import { startTwilioStub, twilioError } from '../support/twilio-stub.js';

let stub: Awaited<ReturnType<typeof startTwilioStub>>;
let store: Store;
let placed: Order;
let deps: SenderDeps;
let waits: number[];

beforeAll(async () => {
  stub = await startTwilioStub();
});
afterAll(() => stub.close());

beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  stub.requests.length = 0;
  stub.calls.length = 0;
  waits = [];
  deps = {
    store,
    gateway: twilioGateway({ accountSid: 'AC0', authToken: 'x', from: '+15005550006', apiBaseUrl: stub.baseUrl }),
    backoff: { baseMs: 100, maxMs: 1000, tries: 3 },
    // The waits are recorded, not waited.
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  placed = ok(
    await placeOrder(contextFor(store, phone(BUYER)), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'RICE5', quantity: 2 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'k1',
    }),
  );
});

const newOrderNotice = async () => (await noticesOfOrderChange(null, placed, async () => null))[0]!;

/** Notifications to distinct phones, as a fan-out page holds them. */
const pageOf = (count: number): PendingNotification[] =>
  Array.from({ length: count }, (_, i) => {
    const to = `+2557550${String(i).padStart(5, '0')}`;
    return {
      id: `TEST-${i}-${to.slice(1)}`,
      to,
      notification: { kind: 'PICKUP_LOCKED', orderCode: placed.code, centerId: 'TST01', until: 'x' },
    };
  });

describe('sending notifications', () => {
  it('sends the seller of a new order one SMS and records it once, however often its page is delivered', async () => {
    const notice = await newOrderNotice();
    expect(await sendNotifications(deps, [notice])).toEqual({ tally: { SENT: 1 }, unsent: [] });
    expect(await sendNotifications(deps, [notice])).toEqual({ tally: { already: 1 }, unsent: [] });
    expect(stub.requests).toHaveLength(1);
    expect(stub.calls[0]).toEqual({
      method: 'POST',
      path: '/2010-04-01/Accounts/AC0/Messages.json',
      authorization: `Basic ${Buffer.from('AC0:x').toString('base64')}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(stub.requests[0]).toMatchObject({ To: SELLER, From: '+15005550006' });
    expect(stub.requests[0]!.Body).toBe(`New order ${placed.code}: 2 x RICE5. Total TZS 33,000. Reply ACCEPT ${placed.code}`);
    expect(await getOutboxMessage(store, notice.id)).toMatchObject({
      status: 'SENT',
      attempts: 1,
      providerId: expect.stringMatching(/^SM/),
    });
    expect((await listOutbox(store, SELLER, { first: 10, after: null }))!.items.map((m) => m.id)).toEqual([notice.id]);
  });

  it('sends a notification named twice in one page once', async () => {
    const notice = await newOrderNotice();
    expect(await sendNotifications(deps, [notice, notice])).toEqual({ tally: { SENT: 1 }, unsent: [] });
    expect(stub.requests).toHaveLength(1);
  });

  it('asks Twilio to report delivery to the status callback', async () => {
    const notice = await newOrderNotice();
    await sendNotifications({ ...deps, statusCallbackBase: 'https://api.example.test' }, [notice]);
    expect(stub.requests[0]!.StatusCallback).toBe(`https://api.example.test/sms/status?outbox=${encodeURIComponent(notice.id)}`);
  });

  it('a sender that fails halfway and is retried sends each message once', async () => {
    const page = pageOf(6);
    // The provider takes three, then fails every try of the fourth.
    stub.answer(
      ...[0, 1, 2].map((i) => ({ status: 201, body: { sid: `SMok${i}` } })),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
      twilioError(503, 20503, 'Unavailable'),
    );
    const first = await sendNotifications(deps, page);
    expect(first.tally).toEqual({ SENT: 3 });
    expect(first.unsent.map((notice) => notice.id)).toEqual(page.slice(3).map((notice) => notice.id));
    // The page comes back (the queue's redelivery): only what was missed goes out.
    const second = await sendNotifications(deps, page);
    expect(second).toEqual({ tally: { already: 3, SENT: 3 }, unsent: [] });
    const delivered = stub.requests.filter((_, i) => i < 3 || i >= 12).map((request) => request.To);
    expect(delivered.sort()).toEqual(page.map((notice) => notice.to).sort());
    expect(new Set(delivered).size).toBe(6);
  });

  it("slows down on the provider's 429, for at least its Retry-After, and loses nothing", async () => {
    const page = pageOf(3);
    stub.answer(
      { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'retry-after': '2' } },
      { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'retry-after': '3' } },
    );
    expect(await sendNotifications(deps, page)).toEqual({ tally: { SENT: 3 }, unsent: [] });
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(3000);
    // Five asks, three messages: each phone got one.
    expect(stub.requests).toHaveLength(5);
    expect(new Set(stub.requests.map((request) => request.To)).size).toBe(3);
  });

  it('every try waits for the pace', async () => {
    let taken = 0;
    const pace = {
      take: async () => {
        taken++;
      },
    };
    stub.answer(twilioError(503, 20503, 'Unavailable'));
    await sendNotifications({ ...deps, pace }, pageOf(2));
    expect(taken).toBe(3);
  });

  it('records a permanent failure without retrying', async () => {
    const notice = await newOrderNotice();
    stub.answer(twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
    expect((await sendNotifications(deps, [notice])).tally).toEqual({ FAILED: 1 });
    expect(stub.requests).toHaveLength(1);
    expect(await getOutboxMessage(store, notice.id)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('21610') });
  });

  it('gives up waiting on a hung request and leaves the message to the next delivery', async () => {
    const impatient = {
      ...deps,
      gateway: twilioGateway({ accountSid: 'AC0', authToken: 'x', from: '+1', apiBaseUrl: stub.baseUrl, timeoutMs: 50 }),
    };
    const hung = { ...twilioError(503, 20503, 'Unavailable'), delayMs: 500 };
    stub.answer(hung, hung, hung);
    const notice = await newOrderNotice();
    expect((await sendNotifications(impatient, [notice])).unsent).toEqual([notice]);
    expect(await getOutboxMessage(store, notice.id)).toBeNull();
  });

  it('without Twilio credentials on Lambda, records the message SKIPPED with the reason and logs no text of it', async () => {
    const notice = await newOrderNotice();
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      expect((await sendNotifications({ ...deps, gateway: unconfiguredGateway() }, [notice])).tally).toEqual({ SKIPPED: 1 });
    } finally {
      vi.restoreAllMocks();
    }
    const message = await getOutboxMessage(store, notice.id);
    expect(message).toMatchObject({ status: 'SKIPPED', error: expect.stringContaining('no Twilio credentials') });
    expect(message?.body).toBeUndefined();
    const logged = written.join('');
    expect(logged).toContain('notification not sent');
    expect(logged).not.toContain(`New order ${placed.code}`);
    expect(logged).not.toContain(SELLER.slice(1));
  });

  it('sends opted-out phones nothing, and others their own language', async () => {
    const accepted = ok(await acceptOrder(contextFor(store, phone(SELLER)), placed.code));
    const [status] = await noticesOfOrderChange(placed, accepted, async () => null);
    ok(await setNotifications(contextFor(store, phone(BUYER)), false));
    expect((await sendNotifications(deps, [status!])).tally).toEqual({ SKIPPED: 1 });
    expect(stub.requests).toHaveLength(0);

    ok(await setLanguage(contextFor(store, phone(SELLER)), 'sw'));
    await sendNotifications(deps, [await newOrderNotice()]);
    expect(stub.requests[0]!.Body).toBe(`Oda mpya ${placed.code}: 2 x RICE5. Jumla TZS 33,000. Jibu KUBALI ${placed.code}`);
  });
});
