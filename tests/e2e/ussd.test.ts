import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREEN_LIMIT } from '../../channels/ussd/ussd-screen.js';
import { LOCAL_USSD_API_KEY } from '../../local/local-settings.js';
import { type LocalServer, startTestServer, type TestServer } from '../support/local-server.js';

const BUYER = '+255754100010';
const SELLER = '+255754100002';
const PARTNER = '+255754100001';
let test: TestServer;
let server: LocalServer;
let url: string;
const graphql = (query: string, variables?: Record<string, unknown>) => test.graphql(query, variables);

async function post(path: string, fields: Record<string, string>, key = LOCAL_USSD_API_KEY) {
  const response = await fetch(`${url}${path}?key=${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** One hop, as the aggregator sends it: every input so far joined by '*'. */
const hop = (sessionId: string, phoneNumber: string, text: string) =>
  post('/ussd', { sessionId, serviceCode: '*384*7#', phoneNumber, networkCode: '63902', text });

/** A whole session: one hop per input, returning the last screen. */
async function dial(phone: string, ...inputs: string[]) {
  const sessionId = `ATUid_${randomUUID()}`;
  let last = await hop(sessionId, phone, '');
  for (let i = 1; i <= inputs.length; i++) last = await hop(sessionId, phone, inputs.slice(0, i).join('*'));
  return { ...last, sessionId };
}

const stockOf = async (code: string) => (await test.demoProduct(code, 'stock')).stock as number;

beforeAll(async () => {
  test = await startTestServer(inject('dynamoEndpoint'), 'ussd', { LOCAL_MPESA: 'off' });
  ({ server, url } = test);
}, 90_000);

afterAll(() => test.stop());

describe('USSD over the aggregator callback', () => {
  it('buys: search, product, quantity, payment, confirmation, then END with the order code', async () => {
    const before = await stockOf('RICE5');
    expect((await dial(BUYER)).body).toBe('CON 1 Buy\n2 Sell\n3 Market prices\n4 My orders\n5 Language\n6 Apps');
    const confirm = await dial(BUYER, '1', '1', 'rice', '1', '2', '1');
    expect(confirm.body).toBe('CON Buy 2 x Rice = TZS 33,000, pick up at Mwanga Service Center, pay cash?\n1 Confirm\n0 Back');
    const done = await hop(confirm.sessionId, BUYER, '1*1*rice*1*2*1*1');
    expect(done.body).toMatch(/^END Order [2-9A-HJ-NP-Z]{6} placed: TZS 33,000\. Pick up at Mwanga Service Center\. Pay cash at pickup\.$/);
    // The aggregator repeats the confirming hop: same answer, one order.
    expect((await hop(confirm.sessionId, BUYER, '1*1*rice*1*2*1*1')).body).toBe(done.body);
    expect(await stockOf('RICE5')).toBe(before - 2);
  });

  it('browses by category and pages back', async () => {
    expect((await dial(BUYER, '1', '2')).body).toBe('CON Choose a category:\n1 beans\n2 maize\n3 rice\n4 Other\n0 Back');
    expect((await dial(BUYER, '1', '2', '2')).body).toMatch(
      /^CON Choose a product:\n1 Maize flour TZS 14,000\n2 Hybrid maize seed TZS 18,000\n0 Back$/,
    );
    expect((await dial(BUYER, '1', '2', '2', '0')).body).toMatch(/^CON Choose a category:/);
    expect((await dial(BUYER, '1', '2', '9')).body).toMatch(/^CON Invalid choice\.\nChoose a category:/);
  });

  it('greets a first-time caller in the language of their country until they choose', async () => {
    expect((await dial('+255754100061')).body).toBe('CON Karibu Village Trade\n1 Jiunge na kituo\n2 Bei za soko\n3 Programu');
    expect((await dial('+221771234567')).body).toBe(
      "CON Bienvenue sur Village Trade\n1 S'inscrire à un centre\n2 Prix du marché\n3 Applis",
    );
    expect((await dial('+2348031234567')).body).toBe('CON Welcome to Village Trade\n1 Join a service center\n2 Market prices\n3 Apps');
  });

  it('shows market prices to a first-time caller, with no registration', async () => {
    // A Nigerian number: English until the caller chooses.
    const stranger = '+2348031234568';
    expect((await dial(stranger)).body).toBe('CON Welcome to Village Trade\n1 Join a service center\n2 Market prices\n3 Apps');
    const prices = await dial(stranger, '2', '2', '1');
    expect(prices.body).toMatch(
      /^END maize, 14 days \(TZS\):\nArusha \d[\d,.]*-\d[\d,.]*\/kg, median [\d,.]+(?: [+-]\d+%)?, \d+ reports, \d\d-\d\d\nMoshi /,
    );
    expect((await dial(stranger, '1', 'NOPE1')).body).toBe(
      'CON No center has that code.\nEnter the code of your service center, e.g. MWG01:\n0 Back',
    );
    expect((await dial(stranger, '1', 'mwg01')).body).toBe('END You joined Mwanga Service Center. Dial again to buy and sell.');
    expect((await dial(stranger)).body).toMatch(/^CON 1 Buy/);
  });

  it('shows my orders and cancels one, restocking it', async () => {
    // Mobile money is off on this server (LOCAL_MPESA=off): the payment menu offers cash alone.
    const placed = await dial(BUYER, '1', '1', 'beans', '1', '1');
    expect(placed.body).toBe('CON Pay by:\n1 Cash at pickup\n0 Back');
    const done = await hop(placed.sessionId, BUYER, '1*1*beans*1*1*1*1');
    expect(done.body).toMatch(/^END Order/);
    const code = done.body.match(/Order (\w{6})/)![1]!;
    const stock = await stockOf('BEANS2');
    const orders = await dial(BUYER, '4');
    expect(orders.body.split('\n')[1]).toBe(`1 ${code} placed TZS 7,000`);
    expect((await dial(BUYER, '4', '1')).body).toBe(
      `CON Order ${code}: placed, TZS 7,000, unpaid. Pickup: Mwanga Service Center\n1 Cancel order\n0 Back`,
    );
    expect((await dial(BUYER, '4', '1', '1')).body).toBe(`END Order ${code} is cancelled.`);
    expect(await stockOf('BEANS2')).toBe(stock + 1);
  });

  it('sets a price alert from the prices menu, lists it and removes it', async () => {
    // A Nigerian number: English, and prices in naira, until the caller chooses.
    const farmer = '+2348031234569';
    expect((await dial(farmer, '2')).body).toBe('CON Prices of:\n1 beans\n2 maize\n3 rice\n4 My price alerts\n0 Back');
    expect((await dial(farmer, '2', '2')).body).toBe('CON Market:\n1 All markets\n2 Arusha\n3 Moshi\n4 Alert me on a price\n0 Back');
    expect((await dial(farmer, '2', '2', '4')).body).toBe(
      'CON An SMS when maize (any market, per kg):\n1 Rises to a price\n2 Falls to a price\n0 Back',
    );
    expect((await dial(farmer, '2', '2', '4', '2', '700')).body).toBe(
      'END Alert 1 set: an SMS when maize falls to NGN 700/kg in any market.',
    );
    expect((await dial(farmer, '2', '4')).body).toBe('CON Your alerts:\n1 maize <= NGN 700\n0 Back');
    expect((await dial(farmer, '2', '4', '1')).body).toBe('CON Alert 1: maize at or below NGN 700 in any market\n1 Remove\n0 Back');
    expect((await dial(farmer, '2', '4', '1', '1')).body).toBe('END Alert 1 removed.');
    expect((await dial(farmer, '2', '4')).body).toBe('CON You have no price alerts.\n0 Back');
  });

  it("lets a seller change a product's price and set its stock to zero", async () => {
    expect((await dial(SELLER, '2')).body).toBe('CON Sell\n1 My products\n2 Orders to ship\n0 Back');
    expect((await dial(SELLER, '2', '1')).body).toMatch(
      /^CON Your products:\n1 BEANS2 TZS 7,000 \(\d+\)\n2 MAIZE10 TZS 14,000 \(\d+\)\n3 RICE5 TZS 16,500 \(\d+\)\n0 Back$/,
    );
    // Maize flour of 10 kg at TZS 1,450 a kg, against the demo markets' medians of about 850.
    expect((await dial(SELLER, '2', '1', '2', '1', '14500')).body).toMatch(
      /^END MAIZE10: price TZS 14,500\. (Arusha|Moshi) market: TZS [\d,]+\/kg, today\.$/,
    );
    expect((await test.demoProduct('MAIZE10', 'price { amount }')).price.amount).toBe(1_450_000);
    expect((await dial(SELLER, '2', '1', '2', '2')).body).toBe('CON Enter the new stock:');
    expect((await dial(SELLER, '2', '1', '2', '2', '0')).body).toBe('END MAIZE10: stock 0.');
    expect(await stockOf('MAIZE10')).toBe(0);
  });

  it('gives the partner a task list: check a parcel in, then hand it over with the pickup code', async () => {
    const placed = await dial(BUYER, '1', '1', 'hoe', '1', '1', '1');
    const code = (await hop(placed.sessionId, BUYER, '1*1*hoe*1*1*1*1')).body.match(/Order (\w{6})/)![1]!;
    for (const field of ['acceptOrder', 'shipOrder'])
      expect((await graphql(`mutation { ${field}(code: "${code}") { __typename } }`))[field].__typename).toMatch(/Success$/);
    expect((await dial(PARTNER)).body).toBe('CON 1 Buy\n2 Sell\n3 Market prices\n4 My orders\n5 Center tasks\n6 Language\n7 Apps');
    expect((await dial(PARTNER, '5')).body).toBe(`CON Center tasks\n1 ${code} shipped TZS 12,000\n0 Back`);
    expect((await dial(PARTNER, '5', '1')).body).toBe(`CON Order ${code} for ${BUYER}: shipped, TZS 12,000.\n1 Parcel has arrived\n0 Back`);
    expect((await dial(PARTNER, '5', '1', '1')).body).toBe(`END Order ${code} is at the center. The buyer gets a pickup code by SMS.`);
    // Without Twilio credentials the server prints the buyer's SMS, pickup code and all.
    const sent = new RegExp(`Order ${code} is at Mwanga Service Center\\. Your pickup code is (\\d{6})`);
    await expect.poll(() => test.server.output().match(sent), { timeout: 10_000 }).toBeTruthy();
    const pickupCode = test.server.output().match(sent)![1]!;
    const wrongCode = pickupCode === '000000' ? '111111' : '000000';
    // A wrong code leaves the partner on the code screen, told how many tries are left.
    const wrong = await dial(PARTNER, '5', '1', '1', wrongCode);
    expect(wrong.body).toBe("CON Wrong pickup code. 4 tries left.\nEnter the buyer's 6-digit pickup code:\n0 Back");
    // The aggregator sending that hop again counts nothing more.
    expect((await hop(wrong.sessionId, PARTNER, `5*1*1*${wrongCode}`)).body).toContain('4 tries left');
    expect((await hop(wrong.sessionId, PARTNER, `5*1*1*${wrongCode}*${pickupCode}`)).body).toBe(
      `END Order ${code} handed over. Collect TZS 12,000 in cash.`,
    );
  });

  it('lets a seller accept and then ship a new order from "Orders to ship"', async () => {
    const placed = await dial(BUYER, '1', '1', 'beans', '1', '1', '1');
    const code = (await hop(placed.sessionId, BUYER, '1*1*beans*1*1*1*1')).body.match(/Order (\w{6})/)![1]!;
    const list = (await dial(SELLER, '2', '2')).body;
    expect(list).toMatch(/^CON Orders to accept or ship:\n1 /);
    const choice = list
      .split('\n')
      .find((line) => line.includes(code))!
      .split(' ')[0]!;
    expect((await dial(SELLER, '2', '2', choice)).body).toMatch(new RegExp(`^CON Order ${code} for .*\n1 Accept\n0 Back$`));
    expect((await dial(SELLER, '2', '2', choice, '1')).body).toBe(`END Order ${code} accepted. Ship it when it leaves.`);
    const again = (await dial(SELLER, '2', '2')).body
      .split('\n')
      .find((line) => line.includes(code))!
      .split(' ')[0]!;
    expect((await dial(SELLER, '2', '2', again)).body).toContain('1 Ship (it leaves now)');
    expect((await dial(SELLER, '2', '2', again, '1')).body).toBe(`END Order ${code} is on its way to Mwanga Service Center.`);
    expect((await dial(SELLER, '2', '2')).body).not.toContain(code);
  });

  it('switches the language of later sessions', async () => {
    const caller = '+255754100061';
    await dial(caller, '1', 'MWG01');
    expect((await dial(caller, '5', '2')).body).toBe('END Lugha sasa ni Kiswahili.');
    expect((await dial(caller)).body).toBe('CON 1 Nunua\n2 Uza\n3 Bei za soko\n4 Oda zangu\n5 Lugha\n6 Programu');
  });

  it('refuses a wrong or missing key with 403 and changes nothing', async () => {
    expect((await post('/ussd', { sessionId: 's', phoneNumber: BUYER, text: '5*2' }, 'wrong')).status).toBe(403);
    expect((await post('/ussd', { sessionId: 's', phoneNumber: BUYER, text: '5*2' }, '')).status).toBe(403);
    const noKey = await fetch(`${url}/ussd`, {
      method: 'POST',
      body: new URLSearchParams({ sessionId: 's', phoneNumber: BUYER, text: '5*2' }).toString(),
    });
    expect(noKey.status).toBe(403);
    expect((await post('/ussd/events', { sessionId: 's', status: 'Success' }, 'wrong')).status).toBe(403);
    expect((await dial(BUYER)).body).toMatch(/^CON 1 Buy/);
  });

  it('records how a session ended', async () => {
    const { sessionId } = await dial(BUYER, '3');
    const ended = await post('/ussd/events', {
      sessionId,
      phoneNumber: BUYER,
      status: 'Incomplete',
      durationInMillis: '12000',
      hopsCount: '2',
      errorMessage: '',
    });
    expect(ended).toEqual({ status: 200, body: 'OK' });
  });

  it(`never answers a random input path with a 5xx or a screen over ${SCREEN_LIMIT} characters`, async () => {
    const caller = '+255754100062';
    await dial(caller, '1', 'MWG01');
    const inputs = fc.oneof(
      fc.constantFrom('0', '00', '1', '2', '3', '4', '5', '6', '7', '9', '99', 'rice', 'maize', '', 'x', '100000', '-1', '1.5'),
      fc.string({ maxLength: 12 }).filter((s) => !s.includes('*')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(inputs, { maxLength: 9 }), async (path) => {
        const { status, body } = await hop(`ATUid_${randomUUID()}`, caller, path.join('*'));
        expect(status).toBe(200);
        expect(body).toMatch(/^(CON|END) /);
        expect([...body.slice(4)].length).toBeLessThanOrEqual(SCREEN_LIMIT);
      }),
      { numRuns: 120 },
    );
    expect(server.output()).not.toMatch(/"level":"error"/);
  }, 120_000);
});
