/** What XML 1.0 can carry: tab, line ends and the rest from U+0020, but no unpaired surrogate, U+FFFE or U+FFFF. */
const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;

/**
 * Text content escaped as twilio's TwiML builder (xmlbuilder) writes it; a carriage return survives as &#xD;.
 * Characters XML cannot carry are dropped, where xmlbuilder would throw and leave the sender without a reply.
 */
function xmlText(text: string): string {
  let legal = '';
  // By code point: an unpaired surrogate comes alone and is dropped.
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) legal += char;
  return legal.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/**
 * A TwiML answer to an inbound message: one reply, or none for silence. Written by hand, byte for byte
 * what twilio's MessagingResponse writes, without bundling its XML builder into the SMS function.
 */
export function twimlReply(reply: string | null): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (reply === null) return `${declaration}<Response/>`;
  return `${declaration}<Response>${reply === '' ? '<Message/>' : `<Message>${xmlText(reply)}</Message>`}</Response>`;
}
