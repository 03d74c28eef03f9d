import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_USSD_API_KEY } from '../../local/local-settings.js';
import { startTestServer, type TestServer } from '../support/local-server.js';
import { startMpesaStub, stkCallback } from '../support/mpesa-stub.js';
import { sendSms } from '../support/twilio-client.js';

const BUYER = '+255754100010';
const PARTNER = '+255754100001';
let test: TestServer;
let stub: Awaited<ReturnType<typeof startMpesaStub>>;
/** What the journey made, for checking the logs it left. */
let journey: { code: string; pickupCode: string } | undefined;

beforeAll(async () => {
  stub = await startMpesaStub();
  test = await startTestServer(inject('dynamoEndpoint'), 'journey', {
    MPESA_BASE_URL: stub.baseUrl,
    MPESA_CONSUMER_KEY: 'key',
    MPESA_CONSUMER_SECRET: 'secret',
    MPESA_SHORTCODE: '174379',
    MPESA_PASSKEY: 'passkey',
    MPESA_CALLBACK_SECRET: 'cb-secret',
    // The demo catalogue is in shillings of Tanzania, where M-Pesa runs too.
    MPESA_CURRENCY: 'TZS',
  });
}, 90_000);

afterAll(async () => {
  await test.stop();
  await stub.close();
});

const keyOf = (pattern: RegExp) => test.server.output().match(pattern)![1]!;

async function graphqlAs(key: string, query: string) {
  const response = await fetch(`${test.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
}

const orderState = async (code: string) =>
  (
    await test.graphql(
      `{ order(code: "${code}") { ... on OrderSuccess { data { status paymentStatus payments { method reference amount { amount } } } } } }`,
    )
  ).order.data;
const stockOf = async (code: string) => (await test.demoProduct(code, 'stock')).stock as number;

async function ussd(phone: string, ...inputs: string[]) {
  const sessionId = `journey-${Date.now()}-${Math.random()}`;
  let body = '';
  for (let i = 0; i <= inputs.length; i++) {
    const response = await fetch(`${test.url}/ussd?key=${LOCAL_USSD_API_KEY}`, {
      method: 'POST',
      body: new URLSearchParams({ sessionId, phoneNumber: phone, serviceCode: '*384#', text: inputs.slice(0, i).join('*') }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    body = await response.text();
  }
  return body;
}

describe('one order across every channel', () => {
  it('SMS order with MOMO, M-Pesa callback, shipped through GraphQL, checked in by SMS, handed over through USSD', async () => {
    const stock = await stockOf('RICE5');

    // 1. The buyer orders by SMS and chooses mobile money: an STK push goes to their phone.
    const ordered = await sendSms(test.url, BUYER, 'ORDER 1 RICE5 MOMO');
    expect(ordered.reply).toMatch(
      /^Order ([2-9A-HJ-NP-Z]{6}): TZS 16,500\. Approve the M-Pesa request on your phone\. Pick up at Mwanga Service Center\.$/,
    );
    const code = ordered.reply!.slice(6, 12);
    expect(stub.pushes.at(-1)).toMatchObject({ Amount: 16_500, AccountReference: code, PartyA: '255754100010' });
    expect(await orderState(code)).toMatchObject({ status: 'PLACED', paymentStatus: 'PENDING', payments: [] });
    expect(await stockOf('RICE5')).toBe(stock - 1);

    // 2. M-Pesa calls back: paid. A forged secret changes nothing; a repeat changes nothing.
    const callback = stkCallback(stub.checkouts.at(-1)!, 0, { amount: 16_500, receipt: 'QKT4JOURNEY', phone: BUYER });
    const post = (secret: string) =>
      fetch(`${test.url}/payments/mpesa/callback/${secret}`, {
        method: 'POST',
        body: JSON.stringify(callback),
        headers: { 'content-type': 'application/json' },
      });
    expect((await post('forged')).status).toBe(403);
    expect((await orderState(code)).paymentStatus).toBe('PENDING');
    expect((await post('cb-secret')).status).toBe(200);
    expect((await post('cb-secret')).status).toBe(200);
    expect(await orderState(code)).toMatchObject({
      paymentStatus: 'PAID',
      payments: [{ method: 'MOBILE_MONEY', reference: 'QKT4JOURNEY', amount: { amount: 1_650_000 } }],
    });

    // 3. The seller accepts and ships through GraphQL, with their own key.
    const sellerKey = keyOf(/seller\s+\+255754100002 \(RICE5.*\): (\S+)/);
    expect((await graphqlAs(sellerKey, `mutation { acceptOrder(code: "${code}") { __typename } }`)).acceptOrder.__typename).toBe(
      'AcceptOrderSuccess',
    );
    expect((await graphqlAs(sellerKey, `mutation { shipOrder(code: "${code}") { __typename } }`)).shipOrder.__typename).toBe(
      'ShipOrderSuccess',
    );
    expect((await orderState(code)).status).toBe('SHIPPED');

    // 4. The partner checks the parcel in by SMS; the buyer gets the pickup code by SMS.
    expect((await sendSms(test.url, PARTNER, `ARRIVED ${code}`)).reply).toBe(
      `Order ${code} is at the center. The buyer got a pickup code.`,
    );
    expect((await orderState(code)).status).toBe('AT_CENTER');
    // Without Twilio credentials the local stand-in for Twilio prints each SMS: that is the buyer's phone here.
    await expect
      .poll(() => test.server.output().match(new RegExp(`Order ${code} is at Mwanga Service Center\\. Your pickup code is (\\d{6})`)), {
        timeout: 10_000,
      })
      .toBeTruthy();
    const pickupCode = test.server
      .output()
      .match(new RegExp(`Order ${code} is at Mwanga Service Center\\. Your pickup code is (\\d{6})`))![1]!;
    // What the outbox keeps of that SMS has the code masked. The record is written just after the SMS is sent.
    const keptPickupSms = async () => {
      const outbox = await test.graphql(
        `{ outbox(phone: "${BUYER}") { ... on OutboxSuccess { data { nodes { kind orderCode body } } } } }`,
      );
      return outbox.outbox.data.nodes.find((m: { kind: string; orderCode: string }) => m.kind === 'PICKUP_CODE' && m.orderCode === code) as
        | { body: string }
        | undefined;
    };
    await expect.poll(keptPickupSms, { timeout: 10_000 }).toBeDefined();
    const kept = (await keptPickupSms())!;
    expect(kept.body).toContain('******');
    expect(kept.body).not.toContain(pickupCode);

    // 5. The partner hands the order over through USSD with the buyer's code.
    const tasks = await ussd(PARTNER, '5');
    const line = tasks.split('\n').find((l) => l.includes(code))!;
    const choice = line.split(' ')[0]!;
    expect(await ussd(PARTNER, '5', choice)).toContain('1 Hand over');
    expect(await ussd(PARTNER, '5', choice, '1', pickupCode)).toBe(`END Order ${code} handed over.`);

    // After the journey: delivered, paid once, stock taken once, the commission booked.
    expect(await orderState(code)).toMatchObject({ status: 'DELIVERED', paymentStatus: 'PAID', payments: [{ reference: 'QKT4JOURNEY' }] });
    expect(await stockOf('RICE5')).toBe(stock - 1);
    const partnerKey = keyOf(/partner \+255754100001 \(center MWG01\): (\S+)/);
    const statement = (
      await graphqlAs(
        partnerKey,
        '{ partnerStatement(from: "2000-01-01", to: "2100-01-01") { ... on PartnerStatementSuccess { data { ordersHandled commission { amount } cashCollected { amount } } } } }',
      )
    ).partnerStatement.data;
    // 16,500.00 TZS at 500 bps: 825.00 TZS; no cash, it was paid by M-Pesa.
    expect(statement).toEqual({ ordersHandled: 1, commission: { amount: 82_500 }, cashCollected: { amount: 0 } });
    expect(test.server.output()).not.toMatch(/"level":"error"/i);
    journey = { code, pickupCode };
  }, 60_000);

  it('logs the journey as one JSON object a line, phones masked, no pickup code', () => {
    expect(journey).toBeDefined();
    const { code, pickupCode } = journey!;
    const lines = test.server
      .output()
      .split('Ctrl-C stops the server and DynamoDB Local.')[1]!
      .split('\n')
      .filter((line) => line.trim() !== '')
      // What a local run prints instead of sending an SMS, whole, for the developer: never written in the cloud.
      .filter((line) => !line.includes('SMS not sent'));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) expect(typeof record).toBe('object');
    expect(records).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'order placed', orderCode: code }));
    expect(records).toContainEqual(
      expect.objectContaining({ message: 'M-Pesa callback', outcome: 'paid', function_request_id: expect.any(String) }),
    );
    const text = lines.join('\n');
    for (const phone of [BUYER, PARTNER, '+255754100002']) expect(text).not.toContain(phone.slice(1));
    expect(text).not.toContain(pickupCode);
  });
});
