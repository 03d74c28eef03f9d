import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MpesaConfig } from '../../core/config/settings.js';

/** A loopback stand-in for Daraja: token, STK push and STK query, recording what it was sent. */
export async function startMpesaStub() {
  const pushes: Record<string, unknown>[] = [];
  const queries: Record<string, unknown>[] = [];
  const checkouts: string[] = [];
  let queryResult: { ResultCode: string; ResultDesc: string } | null = null;
  let n = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.url?.startsWith('/oauth/v1/generate')) {
        if (request.headers.authorization !== `Basic ${Buffer.from('key:secret').toString('base64')}`)
          return send(401, { errorMessage: 'bad credentials' });
        return send(200, { access_token: 'stub-token', expires_in: '3599' });
      }
      if (request.headers.authorization !== 'Bearer stub-token') return send(401, { errorMessage: 'no token' });
      if (request.url === '/mpesa/stkpush/v1/processrequest') {
        pushes.push(JSON.parse(body));
        n++;
        checkouts.push(`ws_CO_${n}_${Date.now()}`);
        return send(200, {
          MerchantRequestID: `MR-${n}`,
          CheckoutRequestID: checkouts.at(-1),
          ResponseCode: '0',
          ResponseDescription: 'Success. Request accepted for processing',
        });
      }
      if (request.url === '/mpesa/stkpushquery/v1/query') {
        queries.push(JSON.parse(body));
        // As Daraja does: a request still being processed is an HTTP error.
        return queryResult
          ? send(200, queryResult)
          : send(500, { errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });
      }
      send(404, { errorMessage: 'unknown' });
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = (callbackBase: string): MpesaConfig => ({
    baseUrl,
    consumerKey: 'key',
    consumerSecret: 'secret',
    shortCode: '174379',
    passkey: 'passkey',
    callbackSecret: 'cb-secret',
    callbackUrl: `${callbackBase}/payments/mpesa/callback/cb-secret`,
    currency: 'KES',
  });
  return {
    baseUrl,
    config,
    pushes,
    queries,
    checkouts,
    answerQueries: (result: { ResultCode: string; ResultDesc: string }) => (queryResult = result),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The body Daraja posts to the callback URL. */
export function stkCallback(checkoutRequestId: string, resultCode: number, metadata?: { amount: number; receipt: string; phone: string }) {
  return {
    Body: {
      stkCallback: {
        MerchantRequestID: 'MR-1',
        CheckoutRequestID: checkoutRequestId,
        ResultCode: resultCode,
        ResultDesc: resultCode === 0 ? 'The service request is processed successfully.' : 'Request cancelled by user',
        ...(metadata
          ? {
              CallbackMetadata: {
                Item: [
                  { Name: 'Amount', Value: metadata.amount },
                  { Name: 'MpesaReceiptNumber', Value: metadata.receipt },
                  { Name: 'TransactionDate', Value: 20261128120000 },
                  { Name: 'PhoneNumber', Value: Number(metadata.phone.replace('+', '')) },
                ],
              },
            }
          : {}),
      },
    },
  };
}
