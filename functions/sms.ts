import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handleInboundSms } from '../channels/sms/sms-inbound.js';
import { recordSmsStatus } from '../channels/sms/sms-status.js';
import { readTwilioWebhook, type TwilioRequest } from '../channels/sms/twilio/twilio-request.js';
import { isSignedByTwilio } from '../channels/sms/twilio/twilio-signature.js';
import { twimlReply } from '../channels/sms/twilio/twiml.js';
import { readSmsConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { bodyText } from './form-fields.js';
import { mpesa, settings, store } from './function-instance.js';

const config = readSmsConfig(settings);

const xml = (body: string, statusCode = 200): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body,
});

/** The request as Twilio made it; the URL it called and signed is PUBLIC_URL plus the path, or else the one API Gateway received. */
function twilioRequest(event: APIGatewayProxyEventV2): TwilioRequest {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const base = config.publicUrl ? config.publicUrl.replace(/\/$/, '') : `https://${event.requestContext.domainName}`;
  return { url: `${base}${event.rawPath}${query}`, headers: event.headers, body: bodyText(event) };
}

/**
 * Twilio's webhooks: POST /sms/twilio for inbound messages (answered with TwiML), and
 * POST /sms/status?outbox=<id> for the delivery status of a notification we sent.
 */
async function answerTwilio(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  if (event.requestContext.http.method !== 'POST') return { statusCode: 405, body: 'POST only' };
  const request = twilioRequest(event);
  if (!isSignedByTwilio(request, config.twilioAuthToken)) {
    return { statusCode: 403, headers: { 'content-type': 'text/plain' }, body: 'Invalid Twilio signature' };
  }
  const webhook = readTwilioWebhook(request);
  const now = new Date();
  if (webhook.kind === 'status') await recordSmsStatus(store, webhook.outboxId, webhook.messageStatus, now);
  if (webhook.kind !== 'message') return xml(twimlReply(null));
  const reply = await handleInboundSms(store, webhook.message, context.awsRequestId, now, mpesa, config.rateLimits);
  return xml(twimlReply(reply));
}
export const handler = /* @__PURE__ */ asService('sms', answerTwilio);
