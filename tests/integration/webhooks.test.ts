import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getApp } from '../../core/apps/app-repository.js';
import { registerApp } from '../../core/apps/app-service.js';
import { decideConsent, pollConsent, startConsent } from '../../core/apps/consent-service.js';
import { sha256 } from '../../core/apps/secrets.js';
import { rotateWebhookSecret } from '../../core/apps/webhook-secrets.js';
import { checkWebhookHost } from '../../core/apps/webhook-target.js';
import { InvalidInputError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { acceptOrder, placeOrder, shipOrder } from '../../core/orders/order-service.js';
import { redeliverWebhook, webhookDeliveries } from '../../core/webhooks/delivery-service.js';
import { webhookPost } from '../../core/webhooks/webhook-post.js';
import { BUYER, ok, SELLER, seedCatalogue } from '../support/fixtures.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';
import { type Answer, type Received, startReceiver, webhookPump } from '../support/webhook-receiver.js';

let store: Store;
const closers: (() => unknown)[] = [];
beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const asAdmin = () => contextFor(store, admin);

/** A receiver answering as told, an app whose webhook goes to it, and the pump that delivers. */
async function setUp(answer: (request: Omit<Received, 'answer'>, seen: number) => Answer, schedule = [1, 1, 1]) {
  const receiver = await startReceiver(answer);
  closers.push(receiver.close);
  const registered = ok(
    await registerApp(
      asAdmin(),
      {
        name: 'AgriCoop',
        scopes: ['orders.read', 'orders.write'],
        webhook: { url: receiver.url, events: ['order.created', 'order.updated'] },
      },
      true,
    ),
  );
  const pump = await webhookPump(store, { schedule, timeoutMs: 400 });
  closers.push(pump.close);
  return { receiver, app: registered.app, secret: registered.webhookSecret!, pump };
}

/** The buyer, acting through the app's token: the order records the app that placed it. */
const viaApp = (clientId: string) => contextFor(store, { kind: 'PHONE', phone: BUYER, via: { clientId, scopes: ['orders.write'] } });

const placeRice = async (clientId: string) =>
  ok(
    await placeOrder(viaApp(clientId), {
      serviceCenterId: 'TST01',
      lines: [{ productCode: 'RICE5', quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: randomUUID(),
    }),
  );

const dataOf = (request: Received) =>
  JSON.parse(request.body) as { type: string; data: { code: string; sequence: number; status: string } };

describe('app webhooks', () => {
  it('sends an order placed by the app and every move of it, signed, each with its sequence', async () => {
    const { receiver, app, secret, pump } = await setUp(() => 200);
    const order = await placeRice(app.clientId);
    ok(await acceptOrder(contextFor(store, phone(SELLER)), order.code));
    ok(await shipOrder(contextFor(store, phone(SELLER)), order.code));
    await pump.run();
    const verifier = new Webhook(secret);
    for (const request of receiver.received) expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
    expect(receiver.received.map((request) => [dataOf(request).type, dataOf(request).data.sequence, dataOf(request).data.status])).toEqual([
      ['order.created', 1, 'PLACED'],
      ['order.updated', 2, 'ACCEPTED'],
      ['order.updated', 3, 'SHIPPED'],
    ]);
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(3);
    const listed = ok(await webhookDeliveries(asAdmin(), app.clientId, { first: 10, after: null }));
    expect(
      listed.items.map((delivery) => [delivery.sequence, delivery.status, delivery.attempts.map((attempt) => attempt.responseCode)]),
    ).toEqual([
      [3, 'DELIVERED', [200]],
      [2, 'DELIVERED', [200]],
      [1, 'DELIVERED', [200]],
    ]);
  });

  it('gets every event to a receiver that fails, times out and comes back, each webhook-id accepted once', async () => {
    // Each delivery's first attempt meets a 500, its second a hang past the timeout, its third a 503 asking for a wait, then 200.
    const answers: Answer[] = [500, 'hang', { status: 503, headers: { 'retry-after': '2' } }, 200];
    const { receiver, app, secret, pump } = await setUp((_, seen) => answers[Math.min(seen, answers.length - 1)]!, [1, 1, 1, 1]);
    const order = await placeRice(app.clientId);
    ok(await acceptOrder(contextFor(store, phone(SELLER)), order.code));
    const started = Date.now();
    await pump.run();
    const verifier = new Webhook(secret);
    for (const request of receiver.received) expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
    const accepted = receiver.received.filter((request) => request.answer === 200);
    expect(accepted.map((request) => dataOf(request).data.sequence).sort()).toEqual([1, 2]);
    expect(new Set(accepted.map((request) => request.headers['webhook-id'])).size).toBe(2);
    // Every attempt of one event carries its id and the same bytes.
    for (const request of receiver.received) {
      const twin = accepted.find((done) => done.headers['webhook-id'] === request.headers['webhook-id'])!;
      expect(request.body).toBe(twin.body);
    }
    // The 503's Retry-After of 2 seconds was waited out, not the schedule's 1.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    const listed = ok(await webhookDeliveries(asAdmin(), app.clientId, { first: 10, after: null }));
    for (const delivery of listed.items) {
      expect(delivery.status).toBe('DELIVERED');
      expect(delivery.attempts.map((attempt) => attempt.responseCode ?? attempt.error)).toEqual([500, 'timeout', 503, 200]);
    }
  });

  it('signs with both secrets during a rotation, each verifying alone', async () => {
    const { receiver, app, secret, pump } = await setUp(() => 200);
    const order = await placeRice(app.clientId);
    await pump.run();
    const rotated = ok(await rotateWebhookSecret(asAdmin(), app.clientId));
    expect(rotated.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.webhookSecret).not.toBe(secret);
    ok(await acceptOrder(contextFor(store, phone(SELLER)), order.code));
    await pump.run();
    const [before, during] = receiver.received;
    expect(before!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(during!.body, during!.headers)).not.toThrow();
    expect(() => new Webhook(rotated.webhookSecret).verify(during!.body, during!.headers)).not.toThrow();
    expect(() => new Webhook(rotated.webhookSecret).verify(before!.body, before!.headers)).toThrow();
  });

  it('stops signing with the old secret once the overlap is over', async () => {
    const { app, secret } = await setUp(() => 200);
    const later = new Date(Date.now() + 25 * 3600 * 1000);
    ok(await rotateWebhookSecret(asAdmin(), app.clientId));
    const again = ok(
      await rotateWebhookSecret(
        contextFor(store, admin, () => later),
        app.clientId,
      ),
    );
    const kept = (await getApp(store, app.clientId))!.webhookSecrets.map((entry) => entry.secret);
    expect(kept).not.toContain(secret);
    expect(kept).toContain(again.webhookSecret);
    expect(kept).toHaveLength(2);
  });

  it('sends the orders a grant lets the app read, and nothing to an app without one', async () => {
    const { receiver, app, pump } = await setUp(() => 200);
    // Placed by the buyer directly: the app hears of it only once the buyer lets it read their orders.
    const place = () =>
      placeOrder(contextFor(store, phone(BUYER)), {
        serviceCenterId: 'TST01',
        lines: [{ productCode: 'BEANS2', quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: randomUUID(),
      });
    ok(await place());
    await pump.run();
    expect(receiver.received).toHaveLength(0);
    const started = await startConsent(
      store,
      app,
      { loginHint: BUYER, scope: 'orders.read', bindingMessage: null, requestedExpiry: null },
      new Date(),
    );
    if (!('auth_req_id' in started)) throw new Error(started.error);
    await decideConsent(store, BUYER, sha256(started.auth_req_id), true, new Date());
    // The grant is made when the app collects its tokens.
    expect(await pollConsent(store, app, started.auth_req_id, new Date())).toHaveProperty('access_token');
    const granted = ok(await place());
    await pump.run();
    expect(receiver.received.map((request) => dataOf(request).data.code)).toEqual([granted.code]);
  });

  it('turns the endpoint off when it answers 410, and fails the delivery without retrying', async () => {
    const { receiver, app, pump } = await setUp(() => 410);
    const order = await placeRice(app.clientId);
    await pump.run();
    expect(receiver.received).toHaveLength(1);
    expect((await getApp(store, app.clientId))!.webhookDisabledAt).not.toBeNull();
    ok(await acceptOrder(contextFor(store, phone(SELLER)), order.code));
    await pump.run();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = ok(await webhookDeliveries(asAdmin(), app.clientId, { first: 10, after: null })).items;
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: [{ responseCode: 410, outcome: 'FAILED' }] });
  });

  it('fails on another 4xx without retrying, and an administrator redelivers it as it was', async () => {
    let refuse = true;
    const { receiver, app, secret, pump } = await setUp(() => (refuse ? 400 : 204));
    await placeRice(app.clientId);
    await pump.run();
    expect(receiver.received).toHaveLength(1);
    const [failed] = ok(await webhookDeliveries(asAdmin(), app.clientId, { first: 1, after: null })).items;
    expect(failed!.status).toBe('FAILED');
    refuse = false;
    ok(await redeliverWebhook(asAdmin(), failed!.id));
    await pump.run();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(failed!.id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(() => new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers)).not.toThrow();
    const [again] = ok(await webhookDeliveries(asAdmin(), app.clientId, { first: 1, after: null })).items;
    expect(again).toMatchObject({ status: 'DELIVERED', round: 1 });
    expect(again!.attempts.map((attempt) => [attempt.round, attempt.responseCode])).toEqual([
      [0, 400],
      [1, 204],
    ]);
  });

  it('sends a repeat of the stream record once: the same webhook-id is not delivered twice', async () => {
    const { receiver, app, pump } = await setUp(() => 200);
    await placeRice(app.clientId);
    await pump.run();
    const [first] = pump.queue.length === 0 ? receiver.received : [];
    const message = {
      id: first!.headers['webhook-id']!,
      clientId: app.clientId,
      orderCode: dataOf(first!).data.code,
      sequence: 1,
      event: 'order.created' as const,
      body: first!.body,
      attempt: 0,
      round: 0,
      notBefore: null,
    };
    await pump.deps.requeue(message, 0);
    await pump.run();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhook addresses in the cloud', () => {
  it('refuses a private, loopback or link-local address at registration', async () => {
    for (const url of [
      'https://10.0.0.5/hooks',
      'https://169.254.169.254/latest',
      'https://[::1]/hooks',
      'https://localhost/hooks',
      'http://127.0.0.1:9/hooks',
    ]) {
      const result = await registerApp(
        asAdmin(),
        { name: 'Probe', scopes: ['orders.read'], webhook: { url, events: ['order.created'] } },
        false,
      );
      expect(result, url).toBeInstanceOf(InvalidInputError);
    }
  });

  it('refuses a name that resolves to a private address, and takes one that resolves to public ones', async () => {
    const resolve = (addresses: string[]) => async () => addresses.map((address) => ({ address }));
    expect(await checkWebhookHost('https://hooks.example.com/in', false, resolve(['93.184.216.34', '10.1.2.3']))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(await checkWebhookHost('https://hooks.example.com/in', false, resolve(['::ffff:192.168.1.1']))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(await checkWebhookHost('https://hooks.example.com/in', false, resolve(['93.184.216.34', '2606:2800:220:1::1']))).toBeNull();
    expect(await checkWebhookHost('https://hooks.example.com/in', true, resolve(['10.1.2.3']))).toBeNull();
  });

  it('refuses at delivery time to reach a private address, whatever the registration saw', async () => {
    const receiver = await startReceiver(() => 200);
    closers.push(receiver.close);
    expect(await webhookPost(false)(receiver.url, {}, '{}')).toEqual({ kind: 'error', error: 'address' });
    expect(await webhookPost(true)(receiver.url, {}, '{}')).toMatchObject({ kind: 'response', status: 200 });
    expect(receiver.received).toHaveLength(1);
  });
});
