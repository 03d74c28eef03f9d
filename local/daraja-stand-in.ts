import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An STK push as the payer's phone shows it, until they answer. */
export interface PaymentPrompt {
  checkoutRequestId: string;
  /** E.164, as the simulator names phones; Daraja's own form has no '+'. */
  phone: string;
  /** Whole units of the currency, as Daraja takes them. */
  amount: number;
  currency: string;
  shortCode: string;
  reference: string;
  description: string;
}

type Answer = 'accept' | 'decline' | 'ignore';

interface Push extends PaymentPrompt {
  callbackUrl: string;
  merchantRequestId: string;
  /** Daraja's result once the payer answered; null while the prompt waits (or was ignored). */
  result: { code: number; description: string } | null;
  answered: boolean;
}

/** Daraja's result codes for what the payer did. */
const RESULTS = {
  accept: { code: 0, description: 'The service request is processed successfully.' },
  decline: { code: 1032, description: 'Request cancelled by user' },
} as const;

const SHORT_CODE = '174379';

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return JSON.parse(body || '{}') as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * A loopback stand-in for M-Pesa's Daraja API (OAuth token, STK push, STK query), for running
 * mobile money locally: each push waits for the payer to answer in the simulator, and an answer
 * is posted to the push's callback URL with the body Daraja sends.
 */
export async function startDarajaStandIn(currency: string) {
  const credentials = { consumerKey: 'local-consumer-key', consumerSecret: randomBytes(12).toString('base64url') };
  const token = randomBytes(18).toString('base64url');
  const pushes = new Map<string, Push>();

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/oauth/v1/generate') {
      const expected = `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return send(response, 400, { errorMessage: 'Invalid credentials' });
      return send(response, 200, { access_token: token, expires_in: '3599' });
    }
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { errorMessage: 'Invalid Access Token' });
    const body = await readJson(request);
    if (path === '/mpesa/stkpush/v1/processrequest') {
      const checkoutRequestId = `ws_CO_${Date.now()}${randomInt(1_000_000)}`;
      pushes.set(checkoutRequestId, {
        checkoutRequestId,
        merchantRequestId: `${randomInt(100_000)}-${randomInt(100_000_000)}-1`,
        phone: `+${String(body.PhoneNumber)}`,
        amount: Number(body.Amount),
        currency,
        shortCode: String(body.BusinessShortCode),
        reference: String(body.AccountReference),
        description: String(body.TransactionDesc),
        callbackUrl: String(body.CallBackURL),
        result: null,
        answered: false,
      });
      const { merchantRequestId } = pushes.get(checkoutRequestId)!;
      return send(response, 200, {
        MerchantRequestID: merchantRequestId,
        CheckoutRequestID: checkoutRequestId,
        ResponseCode: '0',
        ResponseDescription: 'Success. Request accepted for processing',
        CustomerMessage: 'Success. Request accepted for processing',
      });
    }
    if (path === '/mpesa/stkpushquery/v1/query') {
      const push = pushes.get(String(body.CheckoutRequestID));
      if (!push) return send(response, 404, { errorMessage: 'No such request' });
      // As Daraja does: a request the payer has not answered is an HTTP error.
      if (!push.result) return send(response, 500, { errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });
      return send(response, 200, { ResponseCode: '0', ResultCode: String(push.result.code), ResultDesc: push.result.description });
    }
    send(response, 404, { errorMessage: `no route ${path}` });
  };
  const server = createServer((request, response) => {
    serve(request, response).catch(() => send(response, 400, { errorMessage: 'Bad Request' }));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    /** The MPESA_* settings that point the functions at this stand-in. */
    environment: (callbackSecret: string): Record<string, string> => ({
      MPESA_BASE_URL: baseUrl,
      MPESA_CONSUMER_KEY: credentials.consumerKey,
      MPESA_CONSUMER_SECRET: credentials.consumerSecret,
      MPESA_SHORTCODE: SHORT_CODE,
      MPESA_PASSKEY: randomBytes(12).toString('base64url'),
      MPESA_CALLBACK_SECRET: callbackSecret,
      MPESA_CURRENCY: currency,
    }),
    /** The prompts waiting on a phone, oldest first. */
    promptsFor: (phone: string): PaymentPrompt[] =>
      [...pushes.values()]
        .filter((push) => push.phone === phone && !push.answered)
        .map(({ checkoutRequestId, amount, currency, shortCode, reference, description }) => ({
          checkoutRequestId,
          phone,
          amount,
          currency,
          shortCode,
          reference,
          description,
        })),
    /**
     * The payer's answer. Accepting or declining posts Daraja's callback to the URL the push named,
     * and answers its status; ignoring posts nothing, so the order waits for its expiry. False for an
     * unknown or already answered prompt.
     */
    answer: async (checkoutRequestId: string, answer: Answer): Promise<boolean> => {
      const push = pushes.get(checkoutRequestId);
      if (!push || push.answered) return false;
      push.answered = true;
      if (answer === 'ignore') return true;
      push.result = RESULTS[answer];
      const metadata =
        answer === 'accept'
          ? {
              CallbackMetadata: {
                Item: [
                  { Name: 'Amount', Value: push.amount },
                  { Name: 'MpesaReceiptNumber', Value: `SIM${randomBytes(4).toString('hex').toUpperCase().slice(0, 7)}` },
                  { Name: 'TransactionDate', Value: Number(new Date().toISOString().replace(/\D/g, '').slice(0, 14)) },
                  { Name: 'PhoneNumber', Value: Number(push.phone.slice(1)) },
                ],
              },
            }
          : {};
      const callback = await fetch(push.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Body: {
            stkCallback: {
              MerchantRequestID: push.merchantRequestId,
              CheckoutRequestID: push.checkoutRequestId,
              ResultCode: push.result.code,
              ResultDesc: push.result.description,
              ...metadata,
            },
          },
        }),
      });
      if (!callback.ok) throw new Error(`the callback answered HTTP ${callback.status}`);
      return true;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export type DarajaStandIn = Awaited<ReturnType<typeof startDarajaStandIn>>;
