import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { USSD_MESSAGES } from '../channels/ussd/ussd-messages-by-language.js';
import { handleUssd, recordSessionEnd } from '../channels/ussd/ussd-session.js';
import { readUssdConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { formFields } from './form-fields.js';
import { mpesa, settings, store } from './function-instance.js';

const config = readUssdConfig(settings);
const expectedKey = createHash('sha256').update(config.ussdApiKey).digest();

/** Constant-time, whatever the length of what was presented. */
function hasValidKey(event: APIGatewayProxyEventV2): boolean {
  const presented = createHash('sha256')
    .update(event.queryStringParameters?.key ?? '')
    .digest();
  return timingSafeEqual(presented, expectedKey);
}

const plain = (body: string, statusCode = 200): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

const numberOrNull = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : null);

/**
 * The aggregator's callbacks (Africa's Talking conventions): POST /ussd?key=... for each hop,
 * answered with "CON <screen>" or "END <text>", and POST /ussd/events?key=... when a session ends.
 */
async function answerAggregator(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  if (event.requestContext.http.method !== 'POST') return plain('POST only', 405);
  if (!hasValidKey(event)) return plain('Forbidden', 403);
  const fields = formFields(event);
  const now = new Date();
  if (event.rawPath.endsWith('/ussd/events')) {
    if (fields.sessionId) {
      await recordSessionEnd(
        store,
        fields.sessionId,
        {
          status: fields.status ?? 'unknown',
          phone: fields.phoneNumber ?? null,
          errorMessage: fields.errorMessage || null,
          hops: numberOrNull(fields.hopsCount),
          durationMs: numberOrNull(fields.durationInMillis),
        },
        now,
      );
    }
    return plain('OK');
  }
  if (!fields.sessionId || !fields.phoneNumber) return plain(`END ${USSD_MESSAGES.en.failed}`);
  return hop(fields, context.awsRequestId, now);
}
export const handler = /* @__PURE__ */ asService('ussd', answerAggregator);

async function hop(fields: Record<string, string>, requestId: string, now: Date): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const reply = await handleUssd(
      store,
      { sessionId: fields.sessionId!, phoneNumber: fields.phoneNumber!, text: fields.text ?? '' },
      requestId,
      now,
      mpesa,
    );
    return plain(`${reply.kind} ${reply.text}`);
  } catch (error) {
    // A fault: logged whole; the caller's session ends with an apology, never a 5xx the phone would show as an error.
    logger.error('USSD hop failed', { sessionId: fields.sessionId, error: error as Error });
    return plain(`END ${USSD_MESSAGES.en.failed}`);
  }
}
