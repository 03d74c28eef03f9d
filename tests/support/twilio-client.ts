import { randomUUID } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { LOCAL_TWILIO_AUTH_TOKEN } from '../../core/config/settings.js';

export interface SmsExchange {
  status: number;
  /** The reply's text, or null when the TwiML holds no message. */
  reply: string | null;
}

function textOfTwiml(xml: string): string | null {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  if (!match) return null;
  return match[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** POSTs what Twilio would for an inbound SMS, signed with the twilio package's own helper. */
export async function sendSms(
  baseUrl: string,
  from: string,
  body: string,
  options: { messageSid?: string; authToken?: string; signature?: string | null } = {},
): Promise<SmsExchange> {
  const url = `${baseUrl}/sms/twilio`;
  const params = {
    ToCountry: 'TZ',
    From: from,
    To: '+255780000000',
    Body: body,
    MessageSid: options.messageSid ?? `SM${randomUUID().replace(/-/g, '')}`,
    AccountSid: 'AC00000000000000000000000000000000',
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
  };
  const signature =
    options.signature === undefined
      ? getExpectedTwilioSignature(options.authToken ?? LOCAL_TWILIO_AUTH_TOKEN, url, params)
      : options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  return { status: response.status, reply: response.status === 200 ? textOfTwiml(text) : null };
}
