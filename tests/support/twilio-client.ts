import { randomUUID } from 'node:crypto';
import { LOCAL_TWILIO_AUTH_TOKEN } from '../../local/local-settings.js';
import { inboundSmsRequest, textOfTwiml } from '../../local/twilio-webhook-request.js';

export interface SmsExchange {
  status: number;
  /** The reply's text, or null when the TwiML holds no message. */
  reply: string | null;
}

/** POSTs what Twilio would for an inbound SMS, signed with the twilio package's own helper. */
export async function sendSms(
  baseUrl: string,
  from: string,
  body: string,
  options: { messageSid?: string; authToken?: string; signature?: string | null } = {},
): Promise<SmsExchange> {
  const request = inboundSmsRequest(baseUrl, options.authToken ?? LOCAL_TWILIO_AUTH_TOKEN, {
    from,
    body,
    messageSid: options.messageSid ?? `SM${randomUUID().replace(/-/g, '')}`,
  });
  const signature = options.signature === undefined ? request.signature : options.signature;
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: request.body,
  });
  const text = await response.text();
  return { status: response.status, reply: response.status === 200 ? textOfTwiml(text) : null };
}
