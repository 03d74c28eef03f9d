import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

const BUYER = '+255754100010';
const SELLER = '+255754100002';
const PARTNER = '+255754100001';
let test: TestServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
/** Every request the pages made to another machine: none may be made. */
const offMachine: string[] = [];

const isThisMachine = (url: string) => ['127.0.0.1', 'localhost'].includes(new URL(url).hostname);

beforeAll(async () => {
  // No MPESA_* settings: mobile money goes to the local Daraja stand-in, as with a plain `npm start`.
  [test, browser] = await Promise.all([startTestServer(inject('dynamoEndpoint'), 'simulator'), launchChromium()]);
  browser.context.on('request', (request) => {
    if (!request.url().startsWith('data:') && !isThisMachine(request.url())) offMachine.push(request.url());
  });
  await browser.context.route(
    (url) => !isThisMachine(url.href),
    (route) => route.abort(),
  );
  page = await browser.context.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

const pane = (phone: string) => page.locator(`section[aria-label$="${phone}"]`);
const textsOf = (lines: Locator) => lines.locator('.text').allTextContents();

/** Types an SMS in the phone's pane and answers the reply that appears under it. */
async function sms(phone: string, text: string): Promise<string> {
  const replies = pane(phone).locator('li.from-service');
  const before = await replies.count();
  await pane(phone).getByLabel('SMS text').fill(text);
  await pane(phone).getByLabel('SMS text').press('Enter');
  await replies.nth(before).waitFor({ timeout: 10_000 });
  return (await replies.nth(before).locator('.text').textContent()) ?? '';
}

/** Waits for a notification matching the pattern in the phone's pane. */
async function notification(phone: string, pattern: RegExp): Promise<string> {
  const found = pane(phone).locator('li.from-notification .text', { hasText: pattern });
  await found.first().waitFor({ timeout: 15_000 });
  return (await found.first().textContent()) ?? '';
}

/** Dials or replies in the phone's USSD screen and answers the screen shown next. */
async function ussd(phone: string, input: string): Promise<string> {
  const screen = pane(phone).getByRole('status', { name: 'USSD screen' });
  const before = await screen.textContent();
  const box = pane(phone).getByRole('textbox', { name: /USSD/ });
  await box.fill(input);
  await box.press('Enter');
  await expect.poll(() => screen.textContent(), { timeout: 10_000 }).not.toBe(before);
  return (await screen.textContent()) ?? '';
}

const orderState = async (code: string) =>
  (await test.graphql(`{ order(code: "${code}") { ... on OrderSuccess { data { status paymentStatus } } } }`)).order.data;

describe('the phone simulator in a browser', () => {
  it('runs an order from SMS to handover, a USSD purchase paid with the local M-Pesa, and loads nothing from another machine', async () => {
    await page.goto(`${test.url}/simulator`);

    // The buyer orders by SMS; the reply says what it costs on the network.
    const ordered = await sms(BUYER, 'ORDER 2 RICE5');
    const code = /^Order ([2-9A-HJ-NP-Z]{6}): TZS 33,000\. Pick up at Mwanga Service Center\. Pay cash at pickup\.$/.exec(ordered)?.[1];
    expect(code, ordered).toBeDefined();
    await expect(pane(BUYER).locator('li.from-service .cost').last().textContent()).resolves.toBe('GSM-7, 1 segment');

    // The seller is told in the seller's pane, and nobody else is.
    expect(await notification(SELLER, new RegExp(`New order ${code}`))).toBe(
      `New order ${code}: 2 x RICE5. Total TZS 33,000. Reply ACCEPT ${code}`,
    );
    expect(await textsOf(pane(BUYER).locator('li.from-notification'))).toEqual([]);
    expect(await textsOf(pane(PARTNER).locator('li.from-notification'))).toEqual([]);

    expect(await sms(SELLER, `ACCEPT ${code}`)).toBe(`Order ${code} accepted. Send SHIP ${code} when it leaves.`);
    expect(await sms(SELLER, `SHIP ${code}`)).toBe(`Order ${code} is on its way to Mwanga Service Center.`);
    expect(await sms(PARTNER, `ARRIVED ${code}`)).toBe(`Order ${code} is at the center. The buyer got a pickup code.`);

    // The pickup code reaches the buyer's pane only; the partner hands over with it.
    const pickupNotification = await notification(BUYER, new RegExp(`Order ${code} is at .* Your pickup code is \\d{6}`));
    const pickup = /Your pickup code is (\d{6})/.exec(pickupNotification)?.[1];
    expect(pickup, pickupNotification).toBeDefined();
    expect((await textsOf(pane(SELLER).locator('li.from-notification'))).join('\n')).not.toContain(pickup);
    expect(await sms(PARTNER, `DELIVERED ${code} ${pickup}`)).toBe(`Order ${code} handed over. Collect TZS 33,000 in cash.`);
    // The cash collected at the handover pays the order.
    expect(await orderState(code!)).toEqual({ status: 'DELIVERED', paymentStatus: 'PAID' });

    // The buyer buys by USSD and pays by mobile money: the local M-Pesa asks in the buyer's pane.
    await pane(BUYER).getByRole('button', { name: 'USSD' }).click();
    expect(await ussd(BUYER, '*384#')).toMatch(/^1 Buy\n/);
    await expect(pane(BUYER).locator('.ussd .cost').textContent()).resolves.toMatch(/^\d+\/182 characters$/);
    await ussd(BUYER, '1');
    await ussd(BUYER, '1');
    expect(await ussd(BUYER, 'rice')).toContain('1 Rice TZS 16,500');
    await ussd(BUYER, '1');
    expect(await ussd(BUYER, '1')).toBe('Pay by:\n1 Cash at pickup\n2 Mobile money\n0 Back');
    await ussd(BUYER, '2');
    const placed = await ussd(BUYER, '1');
    const momoCode = /^Order ([2-9A-HJ-NP-Z]{6}) placed: TZS 16,500\./.exec(placed)?.[1];
    expect(momoCode, placed).toBeDefined();
    await expect(pane(BUYER).locator('.ussd .cost').textContent()).resolves.toMatch(/session ended$/);
    expect(await orderState(momoCode!)).toMatchObject({ paymentStatus: 'PENDING' });

    const prompt = pane(BUYER).getByRole('alertdialog', { name: 'M-Pesa payment request' });
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).toContain(`pay TZS 16,500 to 174379 for Order ${momoCode}`);
    expect(await pane(SELLER).getByRole('alertdialog').count()).toBe(0);
    if (process.env.SIMULATOR_SCREENSHOT) await page.screenshot({ path: process.env.SIMULATOR_SCREENSHOT, fullPage: true });
    await prompt.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(async () => (await orderState(momoCode!)).paymentStatus, { timeout: 10_000 }).toBe('PAID');
    await prompt.waitFor({ state: 'detached' });

    // By now every pane has polled many times over: no notification reached a phone it was not for.
    expect(await textsOf(pane(PARTNER).locator('li.from-notification'))).toEqual([]);
    expect((await textsOf(pane(BUYER).locator('li.from-notification'))).join('\n')).not.toContain('New order');
    expect((await textsOf(pane(SELLER).locator('li.from-notification'))).join('\n')).not.toContain('pickup code');

    expect(offMachine).toEqual([]);
  }, 120_000);

  it('cannot text without the server signing: a forged webhook request from the page gets 403 and orders nothing', async () => {
    await page.goto(`${test.url}/simulator`);
    const stock = (await test.demoProduct('BEANS2', 'stock')).stock;
    const statuses = await page.evaluate(async (from) => {
      const body = new URLSearchParams({ From: from, Body: 'ORDER 1 BEANS2', MessageSid: 'SMforged0001' }).toString();
      const post = (headers: Record<string, string>) =>
        fetch('/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
      return [(await post({})).status, (await post({ 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' })).status];
    }, BUYER);
    expect(statuses).toEqual([403, 403]);
    expect((await test.demoProduct('BEANS2', 'stock')).stock).toBe(stock);
  });

  it('serves GraphiQL at GET /graphql, whose first example runs with the key it picks', async () => {
    await page.goto(`${test.url}/graphql`);
    await page.getByRole('button', { name: 'app (read-only)' }).click();
    await page.getByRole('tab', { name: 'SearchProducts' }).click();
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 })
      // Monaco shows spaces as no-break spaces, which \s matches.
      .toMatch(/"code":\s"RICE5"/);
    expect(offMachine).toEqual([]);
  }, 60_000);
});

async function postJson(path: string, body: unknown) {
  const response = await fetch(`${test.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const inbox = async (phone: string) =>
  (await (await fetch(`${test.url}/simulator/inbox?${new URLSearchParams({ phone, since: '' })}`)).json()) as any;

/** `npm run <script> -- <args>` against the test's server, as a person runs it. */
function helper(script: 'sms' | 'ussd', ...args: string[]) {
  const run = spawnSync('npm', ['run', '-s', script, '--', ...args], {
    env: { ...process.env, VILLAGE_TRADE_URL: test.url },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the simulator's endpoints and the command-line helpers", () => {
  it('declines a payment: the stand-in posts the failure to our callback, the order is unpaid and the buyer told', async () => {
    const ordered = (await postJson('/simulator/sms', { phone: BUYER, text: 'ORDER 1 BEANS2 MOMO' })).body.reply.text as string;
    const code = ordered.slice(6, 12);
    const prompt = (await inbox(BUYER)).payments.find((payment: { reference: string }) => payment.reference === code);
    expect(prompt).toMatchObject({ amount: 7000, currency: 'TZS', description: `Order ${code}` });
    expect((await postJson('/simulator/payments', { checkoutRequestId: prompt.checkoutRequestId, answer: 'decline' })).body).toEqual({
      answered: true,
    });
    await expect.poll(async () => (await orderState(code)).paymentStatus, { timeout: 10_000 }).toBe('UNPAID');
    await expect
      .poll(async () => (await inbox(BUYER)).notifications.map((sms: { text: string }) => sms.text), { timeout: 10_000 })
      .toContain(`The mobile-money payment for order ${code} did not go through. Send STATUS ${code}, or pay cash at pickup.`);
    // Answered once: a second answer changes nothing.
    expect((await postJson('/simulator/payments', { checkoutRequestId: prompt.checkoutRequestId, answer: 'accept' })).body).toEqual({
      answered: false,
    });
    expect((await orderState(code)).paymentStatus).toBe('UNPAID');
  });

  it('ignores a payment: no callback, the order waits for its expiry', async () => {
    const code = ((await postJson('/simulator/sms', { phone: BUYER, text: 'ORDER 1 HOE1 MOMO' })).body.reply.text as string).slice(6, 12);
    const prompt = (await inbox(BUYER)).payments.find((payment: { reference: string }) => payment.reference === code);
    expect((await postJson('/simulator/payments', { checkoutRequestId: prompt.checkoutRequestId, answer: 'ignore' })).body).toEqual({
      answered: true,
    });
    expect((await inbox(BUYER)).payments.map((payment: { reference: string }) => payment.reference)).not.toContain(code);
    expect((await orderState(code)).paymentStatus).toBe('PENDING');
  });

  it('refuses what is not a phone number, and a body that is not JSON', async () => {
    expect(await postJson('/simulator/sms', { phone: '0754100010', text: 'HELP' })).toEqual({
      status: 400,
      body: { error: 'phone: a phone number with its country code, e.g. +255754100010' },
    });
    const form = await fetch(`${test.url}/simulator/sms`, { method: 'POST', body: new URLSearchParams({ phone: BUYER, text: 'HELP' }) });
    expect(form.status).toBe(400);
  });

  it('serves none of it to a request that reached the port under another host name, as through a tunnel', async () => {
    const statusFor = (host: string) =>
      new Promise<number>((done, fail) => {
        request(`${test.url}/simulator`, { headers: { host } }, (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        })
          .on('error', fail)
          .end();
      });
    expect(await statusFor('village-trade.example.org')).toBe(404);
    expect(await statusFor(new URL(test.url).host)).toBe(200);
  });

  it('answers npm run sms and npm run ussd with the reply', () => {
    expect(helper('sms', BUYER, 'FIND rice')).toMatchObject({ status: 0, stdout: 'RICE5 Rice 5 kg bag TZS 16,500\n' });
    const ussd = helper('ussd', BUYER, '1*1*rice');
    expect(ussd.status).toBe(0);
    expect(ussd.stdout).toMatch(/^CON Choose a product:\n1 Rice TZS 16,500\n/);
    expect(helper('sms', 'not-a-phone', 'HELP')).toMatchObject({
      status: 1,
      stderr: 'phone: a phone number with its country code, e.g. +255754100010\n',
    });
  }, 30_000);
});
