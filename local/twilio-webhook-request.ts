import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

/** The service's number and Twilio account when run locally without Twilio's own. */
export const LOCAL_SERVICE_NUMBER = '+255780000000';
export const LOCAL_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** The POST Twilio sends our webhook for an inbound SMS, signed with the twilio package's own helper. */
export function inboundSmsRequest(baseUrl: string, authToken: string, message: { from: string; body: string; messageSid: string }) {
  const url = `${baseUrl}/sms/twilio`;
  const params = {
    ToCountry: 'TZ',
    From: message.from,
    To: LOCAL_SERVICE_NUMBER,
    Body: message.body,
    MessageSid: message.messageSid,
    AccountSid: LOCAL_ACCOUNT_SID,
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
  };
  return { url, signature: getExpectedTwilioSignature(authToken, url, params), body: new URLSearchParams(params).toString() };
}

/** The text of the reply in our TwiML, or null when it holds no message. */
export function textOfTwiml(xml: string): string | null {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  if (!match) return null;
  return match[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
