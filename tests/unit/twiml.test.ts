import fc from 'fast-check';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { describe, expect, it } from 'vitest';
import { twimlReply } from '../../channels/sms/twilio/twiml.js';

/** What twilio's own TwiML builder writes, which the SMS function no longer bundles. */
function twilioTwiml(reply: string | null): string {
  const response = new MessagingResponse();
  if (reply !== null) response.message(reply);
  return response.toString();
}

describe('twimlReply', () => {
  it('writes what twilio MessagingResponse writes', () => {
    for (const reply of [null, '', 'Order 7KQ2MX placed.', 'a<b & "c" \'d\' >e', 'tab\tline\ncarriage\r]]>', '订单已下 \u{1F600}']) {
      expect(twimlReply(reply)).toBe(twilioTwiml(reply));
    }
    // Any text XML can carry (xmlbuilder throws on the rest).
    const xmlChar = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter(
        (code) =>
          code === 0x9 ||
          code === 0xa ||
          code === 0xd ||
          (code >= 0x20 && code <= 0xd7ff) ||
          (code >= 0xe000 && code <= 0xfffd) ||
          code >= 0x10000,
      )
      .map((code) => String.fromCodePoint(code));
    fc.assert(
      fc.property(fc.array(fc.oneof(xmlChar, fc.constantFrom('&', '<', '>', '"', "'", '\r')), { maxLength: 40 }), (chars) => {
        const reply = chars.join('');
        expect(twimlReply(reply)).toBe(twilioTwiml(reply));
      }),
    );
  });

  it('drops characters XML cannot carry instead of failing the reply', () => {
    expect(twimlReply('a\u0001b\uD800c\uFFFF')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>abc</Message></Response>');
  });
});
