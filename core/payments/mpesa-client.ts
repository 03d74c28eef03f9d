import type { MpesaConfig } from '../config/index.js';

/** What Daraja answered to an STK push: the id its callback will carry. */
interface StkPushAccepted {
  checkoutRequestId: string;
  merchantRequestId: string;
}

export class MpesaError extends Error {}

let cachedToken: { token: string; until: number } | null = null;

/** A request to Daraja; an unreachable or slow Daraja is an MpesaError like any refusal. */
async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new MpesaError(`${new URL(url).pathname}: ${(error as Error).message}`);
  }
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
}

function password(config: MpesaConfig, stamp: string): string {
  return Buffer.from(`${config.shortCode}${config.passkey}${stamp}`).toString('base64');
}

// Daraja's OAuth token, kept until shortly before it expires.
async function accessToken(config: MpesaConfig, now: Date): Promise<string> {
  if (cachedToken && cachedToken.until > now.getTime()) return cachedToken.token;
  const basic = Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64');
  const response = await call(`${config.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
    headers: { authorization: `Basic ${basic}` },
  });
  if (!response.ok) throw new MpesaError(`token: HTTP ${response.status}`);
  const body = (await response.json()) as { access_token: string; expires_in: string | number };
  cachedToken = { token: body.access_token, until: now.getTime() + (Number(body.expires_in) - 60) * 1000 };
  return body.access_token;
}

async function post<T>(config: MpesaConfig, path: string, body: Record<string, unknown>, now: Date): Promise<T> {
  const response = await call(`${config.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await accessToken(config, now)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { errorMessage?: string };
  if (!response.ok) throw new MpesaError(`${path}: HTTP ${response.status} ${json.errorMessage ?? ''}`);
  return json;
}

/** Asks the payer's phone to approve a payment (Lipa na M-Pesa Online, CustomerPayBillOnline). */
export async function stkPush(
  config: MpesaConfig,
  payment: { phone: string; amount: number; reference: string; description: string },
  now: Date,
): Promise<StkPushAccepted> {
  const stamp = timestamp(now);
  const msisdn = payment.phone.replace('+', '');
  const body = await post<{ ResponseCode: string; CheckoutRequestID: string; MerchantRequestID: string; ResponseDescription?: string }>(
    config,
    '/mpesa/stkpush/v1/processrequest',
    {
      BusinessShortCode: config.shortCode,
      Password: password(config, stamp),
      Timestamp: stamp,
      TransactionType: 'CustomerPayBillOnline',
      Amount: payment.amount,
      PartyA: msisdn,
      PartyB: config.shortCode,
      PhoneNumber: msisdn,
      CallBackURL: config.callbackUrl,
      AccountReference: payment.reference,
      TransactionDesc: payment.description,
    },
    now,
  );
  if (body.ResponseCode !== '0') throw new MpesaError(`STK push refused: ${body.ResponseDescription ?? body.ResponseCode}`);
  return { checkoutRequestId: body.CheckoutRequestID, merchantRequestId: body.MerchantRequestID };
}

/** The result of an STK push whose callback never came; null while the payer has not answered. */
export async function stkQuery(
  config: MpesaConfig,
  checkoutRequestId: string,
  now: Date,
): Promise<{ resultCode: number; resultDesc: string } | null> {
  const stamp = timestamp(now);
  let body: { ResultCode?: string; ResultDesc?: string };
  try {
    body = await post(
      config,
      '/mpesa/stkpushquery/v1/query',
      { BusinessShortCode: config.shortCode, Password: password(config, stamp), Timestamp: stamp, CheckoutRequestID: checkoutRequestId },
      now,
    );
  } catch (error) {
    // Daraja answers a request still being processed with an HTTP error: no answer yet.
    if (error instanceof MpesaError) return null;
    throw error;
  }
  return body.ResultCode === undefined ? null : { resultCode: Number(body.ResultCode), resultDesc: body.ResultDesc ?? '' };
}
