import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { parseStkCallback, settleStkResult, sweepMobileMoney } from '../core/payments/index.js';
import { asService, countMetric, logger, METRICS } from '../core/telemetry/index.js';
import { mobileMoneyExpiryMinutes, mpesa, store } from './function-instance.js';

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Daraja signs nothing: the callback path carries a secret, compared in constant time. */
function hasValidSecret(event: APIGatewayProxyEventV2): boolean {
  const presented = event.rawPath.split('/').at(-1) ?? '';
  return mpesa !== null && timingSafeEqual(digest(presented), digest(mpesa.callbackSecret));
}

/** POST /payments/mpesa/callback/<secret>: the result of an STK push. */
async function settleCallback(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  if (event.requestContext.http.method !== 'POST') return json(405, { error: 'POST only' });
  if (!hasValidSecret(event)) return json(403, { error: 'forbidden' });
  let body: unknown;
  try {
    body = JSON.parse(event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8') : '');
  } catch {
    return json(400, { ResultCode: 1, ResultDesc: 'Rejected: not JSON' });
  }
  const callback = parseStkCallback(body);
  if (!callback) return json(400, { ResultCode: 1, ResultDesc: 'Rejected: not an STK callback' });
  const outcome = await settleStkResult(store, callback, new Date());
  if (outcome === 'unknown-request') {
    logger.warn('M-Pesa callback for no request of ours', { checkoutRequestId: callback.CheckoutRequestID });
    countMetric(METRICS.mpesaUnmatched);
  } else {
    logger.info('M-Pesa callback', { checkoutRequestId: callback.CheckoutRequestID, outcome });
    countMetric(METRICS.mpesaCallbacks, { outcome });
  }
  return json(200, { ResultCode: 0, ResultDesc: 'Accepted' });
}
export const handler = /* @__PURE__ */ asService('mpesa-callback', settleCallback);

/** Run on a schedule: status queries for callbacks that never came, and expiry of unpaid orders. */
async function sweepPayments(_event: unknown, context: Context): Promise<Record<string, number>> {
  logger.addContext(context);
  const tally = await sweepMobileMoney(store, mpesa, mobileMoneyExpiryMinutes, new Date());
  if (Object.keys(tally).length > 0) logger.info('mobile money sweep', { tally });
  return tally;
}
export const sweep = /* @__PURE__ */ asService('mpesa-callback', sweepPayments);
