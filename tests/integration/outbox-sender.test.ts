import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationText } from '../../channels/sms/notification-text.js';
import { deliverOutboxMessage, LEASE_MS, type SenderDeps, SendLaterError, sweepOutbox } from '../../channels/sms/outbox-sender.js';
import { unconfiguredGateway } from '../../channels/sms/sms-gateway.js';
import { twilioGateway } from '../../channels/sms/twilio/twilio-messages-api.js';
import type { Store } from '../../core/db/store.js';
import { setLanguage, setNotifications } from '../../core/members/member-service.js';
import type { Order } from '../../core/orders/order.js';
import { acceptOrder, cancelOrder, placeOrder } from '../../core/orders/order-service.js';
import { outboxId } from '../../core/outbox/outbox-message.js';
import { claimOutboxMessage, getOutboxMessage, listOpenOutbox, listOutbox } from '../../core/outbox/outbox-repository.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';
import { startTwilioStub, twilioError } from '../support/twilio-stub.js';

let stub: Awaited<ReturnType<typeof startTwilioStub>>;
let store: Store;
let placed: Order;
let deps: SenderDeps;

beforeAll(async () => {
  stub = await startTwilioStub();
});
afterAll(() => stub.close());

beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  stub.requests.length = 0;
  stub.calls.length = 0;
  deps = {
    store,
    gateway: twilioGateway({ accountSid: 'AC0', authToken: 'x', from: '+15005550006', apiBaseUrl: stub.baseUrl }),
    backoffMs: [0, 0],
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

const newOrderId = () => outboxId(SELLER, { kind: 'NEW_ORDER', orderCode: placed.code, lines: [], total: placed.total });

describe('the outbox', () => {
  it('is written in the same transaction as the order: one message for the seller', async () => {
    const messages = (await listOutbox(store, SELLER, { first: 10, after: null }))!.items;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: newOrderId(), status: 'PENDING', notification: { kind: 'NEW_ORDER', orderCode: placed.code } });
  });

  it('sends a message once however often its event is delivered', async () => {
    expect(await deliverOutboxMessage(deps, newOrderId())).toBe('SENT');
    expect(await deliverOutboxMessage(deps, newOrderId())).toBeNull();
    expect(await Promise.all([deliverOutboxMessage(deps, newOrderId()), deliverOutboxMessage(deps, newOrderId())])).toEqual([null, null]);
    expect(await listOpenOutbox(store, new Date(Date.now() + 3_600_000).toISOString(), 10)).toEqual([]);
    expect(stub.requests).toHaveLength(1);
    // One POST to the Messages API of the account, form-encoded, with the account's basic auth.
    expect(stub.calls[0]).toEqual({
      method: 'POST',
      path: '/2010-04-01/Accounts/AC0/Messages.json',
      authorization: `Basic ${Buffer.from('AC0:x').toString('base64')}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(stub.requests[0]).toMatchObject({ To: SELLER, From: '+15005550006' });
    expect(stub.requests[0]!.Body).toBe(`New order ${placed.code}: 2 x RICE5. Total TZS 33,000. Reply ACCEPT ${placed.code}`);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({
      status: 'SENT',
      attempts: 1,
      providerId: expect.stringMatching(/^SM/),
    });
  });

  it('asks Twilio to report delivery to the status callback', async () => {
    expect(await deliverOutboxMessage({ ...deps, statusCallbackBase: 'https://api.example.test' }, newOrderId())).toBe('SENT');
    expect(stub.requests[0]!.StatusCallback).toBe(`https://api.example.test/sms/status?outbox=${encodeURIComponent(newOrderId())}`);
  });

  it('lets only one of concurrent senders send; the others are told to try later', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => deliverOutboxMessage(deps, newOrderId())));
    const sent = results.filter((result) => result.status === 'fulfilled' && result.value === 'SENT');
    const later = results.filter((result) => result.status === 'rejected' && result.reason instanceof SendLaterError);
    expect(sent.length + later.length + results.filter((r) => r.status === 'fulfilled' && r.value === null).length).toBe(3);
    expect(sent).toHaveLength(1);
    expect(stub.requests).toHaveLength(1);
  });

  it('retries transient failures with backoff, then leaves the message for the next delivery', async () => {
    stub.answer(twilioError(500, 20500, 'Internal'), twilioError(503, 20503, 'Unavailable'), twilioError(429, 20429, 'Too many'));
    await expect(deliverOutboxMessage(deps, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    expect(stub.requests).toHaveLength(3);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({ status: 'PENDING', attempts: 1 });
    // The stream delivers the event again: the message goes out, once.
    expect(await deliverOutboxMessage(deps, newOrderId())).toBe('SENT');
    expect(await deliverOutboxMessage(deps, newOrderId())).toBeNull();
    expect(stub.requests).toHaveLength(4);
  });

  it('sweeps up a message whose sender crashed holding it, once, after its lease ran out', async () => {
    expect((await claimOutboxMessage(store, newOrderId(), new Date(), LEASE_MS)).claimed).not.toBeNull();
    // The crashed sender never sends. While its lease holds, a redelivery is told to come back later.
    await expect(deliverOutboxMessage(deps, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    const later = { ...deps, now: () => new Date(Date.now() + 6 * 60_000) };
    expect(await sweepOutbox(later)).toEqual({ SENT: 1 });
    expect(await sweepOutbox(later)).toEqual({});
    expect(stub.requests).toHaveLength(1);
  });

  it('sweeps up a message the stream gave up on after transient failures', async () => {
    stub.answer(twilioError(503, 20503, 'Unavailable'), twilioError(503, 20503, 'Unavailable'), twilioError(503, 20503, 'Unavailable'));
    await expect(deliverOutboxMessage(deps, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    expect(await sweepOutbox({ ...deps, now: () => new Date(Date.now() + 6 * 60_000) })).toEqual({ SENT: 1 });
  });

  it('retries a wrong-credentials answer instead of giving the message up', async () => {
    stub.answer(twilioError(401, 20003, 'Authenticate'), twilioError(401, 20003, 'Authenticate'), twilioError(401, 20003, 'Authenticate'));
    await expect(deliverOutboxMessage(deps, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({ status: 'PENDING' });
  });

  it('gives up waiting on a hung request and tries again later', async () => {
    const impatient = {
      ...deps,
      gateway: twilioGateway({ accountSid: 'AC0', authToken: 'x', from: '+1', apiBaseUrl: stub.baseUrl, timeoutMs: 50 }),
    };
    stub.answer(
      { ...twilioError(503, 20503, 'Unavailable'), delayMs: 500 },
      { ...twilioError(503, 20503, 'Unavailable'), delayMs: 500 },
      { ...twilioError(503, 20503, 'Unavailable'), delayMs: 500 },
    );
    await expect(deliverOutboxMessage(impatient, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({ status: 'PENDING', error: expect.stringMatching(/timeout/i) });
  });

  it('tries again when the network fails', async () => {
    const unreachable = {
      ...deps,
      gateway: twilioGateway({ accountSid: 'AC0', authToken: 'x', from: '+1', apiBaseUrl: 'http://127.0.0.1:9' }),
    };
    await expect(deliverOutboxMessage(unreachable, newOrderId())).rejects.toBeInstanceOf(SendLaterError);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({ status: 'PENDING' });
  });

  it('records a permanent failure without retrying', async () => {
    stub.answer(twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
    expect(await deliverOutboxMessage(deps, newOrderId())).toBe('FAILED');
    expect(stub.requests).toHaveLength(1);
    expect(await getOutboxMessage(store, newOrderId())).toMatchObject({ status: 'FAILED', error: expect.stringContaining('21610') });
  });

  it('without Twilio credentials on Lambda, records the message SKIPPED with the reason and logs no text of it', async () => {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      expect(await deliverOutboxMessage({ ...deps, gateway: unconfiguredGateway() }, newOrderId())).toBe('SKIPPED');
    } finally {
      vi.restoreAllMocks();
    }
    const message = await getOutboxMessage(store, newOrderId());
    expect(message).toMatchObject({ status: 'SKIPPED', error: expect.stringContaining('no Twilio credentials') });
    expect(message?.body).toBeUndefined();
    expect(stub.requests).toHaveLength(0);
    const logged = written.join('');
    expect(logged).toContain('notification not sent');
    expect(logged).not.toContain(notificationText(message!.notification, 'en', ''));
    expect(logged).not.toContain(SELLER.slice(1));
  });

  it('tells the seller of a cancellation, and not the buyer who cancelled', async () => {
    ok(await cancelOrder(contextFor(store, phone(BUYER)), placed.code));
    expect(
      (await listOutbox(store, SELLER, { first: 10, after: null }))!.items.map(
        (m) => m.notification.kind === 'ORDER_STATUS' && m.notification.status,
      ),
    ).toContain('CANCELLED');
    expect((await listOutbox(store, BUYER, { first: 10, after: null }))!.items).toEqual([]);
  });

  it('sends opted-out phones nothing, and others their own language', async () => {
    const accepted = ok(await acceptOrder(contextFor(store, phone(SELLER)), placed.code));
    const statusId = outboxId(BUYER, { kind: 'ORDER_STATUS', orderCode: accepted.code, status: 'ACCEPTED', centerId: 'TST01' });
    ok(await setNotifications(contextFor(store, phone(BUYER)), false));
    expect(await deliverOutboxMessage(deps, statusId)).toBe('SKIPPED');
    expect(stub.requests).toHaveLength(0);

    ok(await setLanguage(contextFor(store, phone(SELLER)), 'sw'));
    await deliverOutboxMessage(deps, newOrderId());
    expect(stub.requests[0]!.Body).toBe(`Oda mpya ${placed.code}: 2 x RICE5. Jumla TZS 33,000. Jibu KUBALI ${placed.code}`);
  });
});
