import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handleInboundSms } from '../channels/sms/sms-inbound.js';
import { recordSmsStatus } from '../channels/sms/sms-status.js';
import { twimlReply } from '../channels/sms/twiml.js';
import { readSmsConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { formFields } from './form-fields.js';
import { mpesa, settings, store } from './function-instance.js';
import { hasValidSignature } from './twilio-signature.js';

const config = readSmsConfig(settings);

const xml = (body: string, statusCode = 200): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body,
});

/**
 * Twilio's webhooks: POST /sms/twilio for inbound messages (answered with TwiML), and
 * POST /sms/status?outbox=<id> for the delivery status of a notification we sent.
 */
async function answerTwilio(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  if (event.requestContext.http.method !== 'POST') return { statusCode: 405, body: 'POST only' };
  if (!hasValidSignature(event, config.twilioAuthToken, config.publicUrl)) {
    return { statusCode: 403, headers: { 'content-type': 'text/plain' }, body: 'Invalid Twilio signature' };
  }
  const fields = formFields(event);
  const now = new Date();
  if (event.rawPath.endsWith('/sms/status')) {
    const outboxId = event.queryStringParameters?.outbox;
    if (outboxId && fields.MessageStatus) await recordSmsStatus(store, outboxId, fields.MessageStatus, now);
    return xml(twimlReply(null));
  }
  if (!fields.From || !fields.MessageSid) return xml(twimlReply(null));
  const reply = await handleInboundSms(
    store,
    { from: fields.From, body: fields.Body ?? '', messageSid: fields.MessageSid },
    context.awsRequestId,
    now,
    mpesa,
    config.rateLimits,
  );
  return xml(twimlReply(reply));
}
export const handler = /* @__PURE__ */ asService('sms', answerTwilio);
