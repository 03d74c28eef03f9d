import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_TWILIO_AUTH_TOKEN } from '../../local/local-settings.js';
import { type LocalServer, startTestServer, type TestServer } from '../support/local-server.js';
import { sendSms } from '../support/twilio-client.js';

const BUYER = '+255754100010';
const SELLER = '+255754100002';
let test: TestServer;
let server: LocalServer;
let url: string;
const graphql = (query: string, variables?: Record<string, unknown>) => test.graphql(query, variables);

const stockOf = async (code: string) => (await test.demoProduct(code, 'stock')).stock as number;
const ordersOf = async (phone: string) =>
  (await graphql(`{ outbox(phone: "${phone}") { ... on OutboxSuccess { data { nodes { kind orderCode status body } } } } }`)).outbox.data
    .nodes as {
    kind: string;
    orderCode: string;
    status: string;
    body: string | null;
  }[];
const sms = (from: string, body: string, messageSid?: string) => sendSms(url, from, body, { messageSid });

beforeAll(async () => {
  test = await startTestServer(inject('dynamoEndpoint'), 'sms', { LOCAL_MPESA: 'off' });
  ({ server, url } = test);
}, 90_000);

afterAll(() => test.stop());

describe('SMS over the Twilio webhook', () => {
  it('welcomes a first-time sender and lets them JOIN a center', async () => {
    const stranger = '+255754100050';
    // A Tanzanian number that chose no language: Swahili, until a command in another language.
    expect((await sms(stranger, 'hello')).reply).toMatch(/^Karibu Village Trade! Tuma JIUNGE/);
    expect((await sms('+2348031234567', 'hello')).reply).toMatch(/^Welcome to Village Trade! Send JOIN/);
    expect((await sms(stranger, 'ORDER 1 RICE5')).reply).toBe('Join your service center first: send JOIN and its code, e.g. JOIN MWG01.');
    expect((await sms(stranger, 'join mwg01')).reply).toBe(
      'You joined Mwanga Service Center (MWG01). Send FIND rice to look for products, or HELP.',
    );
    expect((await graphql(`{ outbox(phone: "${stranger}") { __typename } }`)).outbox.__typename).toBe('OutboxSuccess');
  });

  it('FINDs products with code and price', async () => {
    expect((await sms(BUYER, 'find rice')).reply).toBe('RICE5 Rice 5 kg bag TZS 16,500');
  });

  it('ORDERs once for a repeated MessageSid, replies with code, total and pickup, and tells the seller', async () => {
    const before = await stockOf('RICE5');
    const first = await sms(BUYER, 'ORDER 2 RICE5', 'SMrepeat0001');
    const again = await sms(BUYER, 'ORDER 2 RICE5', 'SMrepeat0001');
    expect(first.reply).toMatch(/^Order [2-9A-HJ-NP-Z]{6}: TZS 33,000\. Pick up at Mwanga Service Center\. Pay cash at pickup\.$/);
    expect(again.reply).toBe(first.reply);
    expect(await stockOf('RICE5')).toBe(before - 2);
    const code = first.reply!.slice(6, 12);
    // The stream poller sends (here: logs) the seller's notification.
    await expect.poll(async () => (await ordersOf(SELLER)).find((m) => m.orderCode === code)?.status, { timeout: 10_000 }).toBe('SENT');
  });

  it('shows STATUS, CANCELs and restocks', async () => {
    const code = (await sms(BUYER, 'ORDER 1 BEANS2')).reply!.slice(6, 12);
    expect((await sms(BUYER, 'STATUS')).reply).toMatch(new RegExp(`^Your orders: ${code} placed TZS 7,000`));
    expect((await sms(BUYER, `status ${code}`)).reply).toBe(`Order ${code}: placed, TZS 7,000, unpaid. Pickup: Mwanga Service Center`);
    const stock = await stockOf('BEANS2');
    expect((await sms(BUYER, `CANCEL ${code}`)).reply).toBe(`Order ${code} is cancelled.`);
    expect(await stockOf('BEANS2')).toBe(stock + 1);
    // The seller hears of it; the buyer, who cancelled, has the reply already.
    await expect
      .poll(async () => (await ordersOf(SELLER)).find((m) => m.orderCode === code && m.kind === 'ORDER_STATUS')?.body, { timeout: 10_000 })
      .toBe(`Order ${code} was cancelled.`);
    expect((await ordersOf(BUYER)).filter((m) => m.orderCode === code)).toEqual([]);
  });

  it("runs a seller's SELL, ACCEPT and SHIP", async () => {
    // Rice at TZS 3,400 a kg, against the demo markets' medians of about 2,900 a kg.
    expect((await sms(SELLER, 'SELL RICE5 17,000 30')).reply).toMatch(
      /^RICE5 TZS 17,000, stock 30\. (Arusha|Moshi) median TZS [\d,]+\/kg, today\.$/,
    );
    // Maize at TZS 300 a kg, against about 850: under 70% of the market.
    expect((await sms(SELLER, 'SELL MAIZE10 3000 30')).reply).toMatch(
      /^MAIZE10 TZS 3,000, stock 30\. (Arusha|Moshi) median TZS [\d,]+\/kg, today\. Yours is under 70% of it!$/,
    );
    // This server runs with mobile money off (LOCAL_MPESA=off): it is not offered, and nothing is ordered.
    expect((await sms(BUYER, 'ORDER 1 RICE5 MOMO')).reply).toBe(
      'Mobile money is not available here. Order with CASH and pay at pickup, e.g. ORDER 2 RICE5 CASH',
    );
    const code = (await sms(BUYER, 'ORDER 1 RICE5 CASH')).reply!.slice(6, 12);
    expect((await sms(BUYER, `ACCEPT ${code}`)).reply).toBe('Sorry, you may not do that.');
    // The seller's orders to accept or ship, newest first; a buyer has none to see.
    expect((await sms(SELLER, 'ORDERS')).reply).toMatch(new RegExp(`^To accept or ship: ${code} \\S+ TZS 17,000`));
    expect((await sms(BUYER, 'ORDERS')).reply).toBe('You have no shop. Ask your service center to open one.');
    expect((await sms(SELLER, `ACCEPT ${code}`)).reply).toBe(`Order ${code} accepted. Send SHIP ${code} when it leaves.`);
    expect((await sms(SELLER, 'MAUZO')).reply).toContain(code);
    expect((await sms(SELLER, `SHIP ${code}`)).reply).toBe(`Order ${code} is on its way to Mwanga Service Center.`);
    expect((await sms(SELLER, 'ORDERS')).reply).not.toContain(code);
    expect((await sms(BUYER, `CANCEL ${code}`)).reply).toBe(`Order ${code} is shipped; that is not possible now.`);
  });

  it("lists in HELP the commands of the sender's roles", async () => {
    expect((await sms(BUYER, 'HELP')).reply).toBe(
      'FIND rice, ORDER 2 RICE5, STATUS, CANCEL code, PRICE maize, REPORT maize 850, ALERT maize 900, JOIN code, LANG sw, STOP. More: HELP ORDER',
    );
    const seller = (await sms(SELLER, 'HELP')).reply!;
    expect(seller).toContain('Shop: SELL STOCK ORDERS ACCEPT SHIP.');
    expect(seller).not.toContain('Center:');
    expect((await sms('+255754100001', 'HELP')).reply).toContain('Center: RECEIVE ARRIVE DELIVER TASKS EARNINGS PAYOUT REFUND.');
    expect((await sms(SELLER, 'HELP ORDERS')).reply).toBe('ORDERS: the newest orders of your shop to accept or to ship.');
  });

  it("says why it refuses an order, in the sender's language", async () => {
    expect((await sms(BUYER, 'ORDER 1 RICE5 1 HOE1 CASH')).reply).toBe('One order buys from one seller. Send one ORDER per seller.');
    expect((await sms(BUYER, 'ORDER 20000 RICE5')).reply).toBe('At most 10000 of a product in one order.');
    // Another villager, who joined in Swahili.
    const mwajuma = '+255754100071';
    await sms(mwajuma, 'JIUNGE MWG01');
    expect((await sms(mwajuma, 'AGIZA 1 RICE5 1 HOE1')).reply).toBe('Oda moja ni ya muuzaji mmoja. Tuma AGIZA moja kwa kila muuzaji.');
  });

  it('answers PRICE and REPORT, and speaks the chosen language', async () => {
    expect((await sms(BUYER, 'PRICE maize')).reply).toMatch(/^maize TZS, 14 days: Arusha \d/);
    expect((await sms(BUYER, 'LANG sw')).reply).toBe('Majibu sasa ni kwa Kiswahili.');
    expect((await sms(BUYER, 'RIPOTI maize 900 kg Moshi')).reply).toBe('Asante! maize TZS 900/kg Moshi imerekodiwa.');
    expect((await sms(BUYER, 'agizaa 1 RICE5')).reply).toBe('Samahani, sikuelewa. Ulimaanisha AGIZA? Tuma MSAADA upate orodha ya amri.');
    expect((await sms(BUYER, 'bei mahindi')).reply).toMatch(/^mahindi TZS, siku 14: Arusha \d/);
    expect((await sms(BUYER, 'LANG en')).reply).toBe('Replies are now in English.');
  });

  it('sets, lists and removes price alerts, and starts and stops the weekly prices', async () => {
    expect((await sms(BUYER, 'ALERT maize 900 Arusha')).reply).toBe(
      'Alert 1 set: an SMS when maize at Arusha rises to TZS 900/kg. UNALERT 1 removes it.',
    );
    expect((await sms(BUYER, 'ALERT mahindi below 700')).reply).toBe(
      'Alert 2 set: an SMS when maize in any market falls to TZS 700/kg. UNALERT 2 removes it.',
    );
    expect((await sms(BUYER, 'ALERTS')).reply).toBe('Your alerts: 1) maize >= TZS 900 Arusha; 2) maize <= TZS 700');
    expect((await sms(BUYER, 'UNALERT 1')).reply).toBe('Alert 1 removed. You have 1 left.');
    expect((await sms(BUYER, 'UNALERT 1')).reply).toBe('You have no alert 1. Send ALERT to see yours.');
    expect((await sms(BUYER, 'UNALERT 2')).reply).toBe('Alert 2 removed. You have 0 left.');
    expect((await sms(BUYER, 'PRICES WEEKLY maize')).reply).toBe('Every week you will get an SMS of maize prices. PRICES OFF stops it.');
    expect((await sms(BUYER, 'PRICES OFF')).reply).toBe('Weekly prices are off.');
  });

  it('refuses a bad or missing signature with 403 and writes nothing', async () => {
    const before = await stockOf('HOE1');
    const forged = await sendSms(url, BUYER, 'ORDER 1 HOE1', { authToken: 'not-the-token' });
    const unsigned = await sendSms(url, BUYER, 'ORDER 1 HOE1', { signature: null });
    expect([forged.status, unsigned.status]).toEqual([403, 403]);
    expect(await stockOf('HOE1')).toBe(before);
  });

  it('records the delivery status Twilio reports for a notification', async () => {
    const code = (await sms(BUYER, 'ORDER 1 MAIZE10')).reply!.slice(6, 12);
    const outbox = async () =>
      (
        await graphql(`{ outbox(phone: "${SELLER}") { ... on OutboxSuccess { data { nodes { id orderCode status deliveryStatus } } } } }`)
      ).outbox.data.nodes.find((m: { orderCode: string }) => m.orderCode === code);
    await expect.poll(async () => (await outbox())?.status, { timeout: 10_000 }).toBe('SENT');
    const { id } = await outbox();
    const callback = `${url}/sms/status?outbox=${encodeURIComponent(id)}`;
    const params = { MessageSid: 'SM0001', MessageStatus: 'delivered', To: SELLER };
    const post = (signature: string) =>
      fetch(callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post('forged')).status).toBe(403);
    expect((await outbox()).deliveryStatus).toBeNull();
    expect((await post(getExpectedTwilioSignature(LOCAL_TWILIO_AUTH_TOKEN, callback, params))).status).toBe(200);
    expect((await outbox()).deliveryStatus).toBe('delivered');
  });

  it('never answers random text with a 5xx or a reply longer than one SMS', async () => {
    // Senders who joined a center, so that orders, listings and cancellations really run.
    const senders = Array.from({ length: 8 }, (_, i) => `+25575410${String(2000 + i)}`);
    for (const sender of senders) await sms(sender, 'JOIN MWG01');
    const words = fc.constantFrom(
      'ORDER',
      'find',
      'STATUS',
      'cancel',
      'PRICE',
      'report',
      'SELL',
      'stock',
      'ACCEPT',
      'ship',
      'LANG',
      'help',
      'jiunge',
      '订购',
      'RICE5',
      '2',
      '0',
      '-1',
      '99999999',
      'MOMO',
      'zh',
      'sw',
    );
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(words, { maxLength: 8 }).map((parts) => parts.join(' ')),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        // Eight senders in turn keep each under the rate limit.
        const { status, reply } = await sms(senders[n++ % senders.length]!, text);
        expect(status).toBe(200);
        if (reply !== null) expect(new SegmentedMessage(reply).segmentsCount).toBe(1);
      }),
      { numRuns: 150 },
    );
    // A fault would still answer 200 with an apology: make sure none was logged.
    expect(server.output()).not.toMatch(/"level":"error"/);
  }, 120_000);
});
