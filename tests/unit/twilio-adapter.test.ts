import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { readTwilioWebhook, statusCallbackUrl, type TwilioRequest } from '../../channels/sms/twilio/twilio-request.js';
import { isSignedByTwilio } from '../../channels/sms/twilio/twilio-signature.js';

/** The auth token the recorded requests were signed with, for the URLs they hold. */
const AUTH_TOKEN = 'fixture-auth-token-0123456789abcd';

/** A recorded request: method, URL, headers and form body as Twilio sends them. */
const recorded = (name: string): TwilioRequest & { method: string } =>
  JSON.parse(readFileSync(new URL(`../fixtures/twilio/${name}.json`, import.meta.url), 'utf8'));

/** The request as API Gateway passes it on: header names in lower case. */
const lowerCased = (request: TwilioRequest): TwilioRequest => ({
  ...request,
  headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
});

describe('the Twilio adapter', () => {
  it('reads an inbound message and a status callback', () => {
    expect(readTwilioWebhook(recorded('inbound-message'))).toEqual({
      kind: 'message',
      message: { from: '+255754100001', body: 'ORDER 2 RICE5 CASH', messageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0' },
    });
    const status = recorded('status-callback');
    expect(readTwilioWebhook(status)).toEqual({ kind: 'status', outboxId: '01JD8Y3V6Q2XK7W4T9R5M3N8PZ', messageStatus: 'delivered' });
    // The callback's URL is the one the outbox sender asks Twilio to call.
    expect(status.url).toBe(statusCallbackUrl('https://sms.village-trade.example', '01JD8Y3V6Q2XK7W4T9R5M3N8PZ'));
  });

  it('acts on nothing in a message without its sender or a status report of no message', () => {
    const inbound = recorded('inbound-message');
    expect(readTwilioWebhook({ ...inbound, body: 'Body=HELP&MessageSid=SM1' })).toEqual({ kind: 'none' });
    const status = recorded('status-callback');
    expect(readTwilioWebhook({ ...status, url: status.url.replace(/\?.*$/, '') })).toEqual({ kind: 'none' });
  });

  it.each(['inbound-message', 'status-callback'])('accepts the signature of the recorded %s, in any header case', (name) => {
    const request = recorded(name);
    expect(isSignedByTwilio(request, AUTH_TOKEN)).toBe(true);
    expect(isSignedByTwilio(lowerCased(request), AUTH_TOKEN)).toBe(true);
    // Signed without the port, called with the one its scheme implies.
    expect(isSignedByTwilio({ ...request, url: request.url.replace('.example/', '.example:443/') }, AUTH_TOKEN)).toBe(true);
  });

  it.each(['inbound-message', 'status-callback'])('refuses the recorded %s tampered with, or checked with another token', (name) => {
    const request = recorded(name);
    expect(isSignedByTwilio({ ...request, body: request.body.replace('%2B2557541', '%2B2557549') }, AUTH_TOKEN)).toBe(false);
    expect(isSignedByTwilio({ ...request, body: `${request.body}&Extra=1` }, AUTH_TOKEN)).toBe(false);
    expect(isSignedByTwilio({ ...request, url: request.url.replace('/sms/', '/other/') }, AUTH_TOKEN)).toBe(false);
    expect(isSignedByTwilio(request, `${AUTH_TOKEN}x`)).toBe(false);
    const { 'X-Twilio-Signature': _, ...unsigned } = request.headers;
    expect(isSignedByTwilio({ ...request, headers: unsigned }, AUTH_TOKEN)).toBe(false);
  });

  it("agrees with the twilio package's own check on any form and URL", () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const url = fc.constantFrom(
      'https://sms.village-trade.example/sms/twilio',
      'https://sms.village-trade.example:443/sms/status?outbox=01J',
      'http://127.0.0.1:4123/sms/twilio',
      'http://localhost/sms/status?outbox=a%2Fb',
    );
    fc.assert(
      fc.property(fc.dictionary(text, text), url, url, fc.boolean(), (fields, signedUrl, calledUrl, forge) => {
        const signature = forge ? 'bm90IGEgc2lnbmF0dXJl' : getExpectedTwilioSignature(AUTH_TOKEN, signedUrl, fields);
        const request = { url: calledUrl, headers: { 'X-Twilio-Signature': signature }, body: new URLSearchParams(fields).toString() };
        const parsed = Object.fromEntries(new URLSearchParams(request.body));
        expect(isSignedByTwilio(request, AUTH_TOKEN)).toBe(validateRequest(AUTH_TOKEN, signature, calledUrl, parsed));
      }),
    );
  });
});
