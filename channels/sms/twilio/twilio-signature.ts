import { createHmac, timingSafeEqual } from 'node:crypto';
import { formFields, headerOf, type TwilioRequest } from './twilio-request.js';

/**
 * Twilio's signature of a form webhook: HMAC-SHA1 with the auth token over the URL it called, then
 * each form field's name and value in the order of the names, in base64. Written here rather than
 * imported from the twilio package, whose webhooks module is about 3 KB of the SMS function.
 */
function signatureOf(authToken: string, url: string, fields: Record<string, string>): Buffer {
  const signed = Object.keys(fields)
    .sort()
    .reduce((data, name) => data + name + fields[name], url);
  return Buffer.from(createHmac('sha1', authToken).update(signed, 'utf8').digest('base64'));
}

/** The URL as called, and without its port or with the one its scheme implies: Twilio may have signed either form. */
function urlsTwilioMayHaveSigned(url: string): string[] {
  const parts = /^(https?:\/\/[^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!parts) return [url];
  const [, origin, port, rest] = parts;
  if (port) return [url, origin! + rest!];
  return [url, `${origin}${origin!.toLowerCase().startsWith('https') ? ':443' : ':80'}${rest}`];
}

/** Whether the request carries Twilio's signature for its URL and form body under this auth token. */
export function isSignedByTwilio(request: TwilioRequest, authToken: string): boolean {
  const signature = Buffer.from(headerOf(request, 'x-twilio-signature') ?? '');
  if (signature.length === 0) return false;
  const fields = formFields(request);
  return urlsTwilioMayHaveSigned(request.url).some((url) => {
    const expected = signatureOf(authToken, url, fields);
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  });
}
