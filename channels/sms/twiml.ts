import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';

/** A TwiML answer to an inbound message: one reply, or none for silence. */
export function twimlReply(reply: string | null): string {
  const response = new MessagingResponse();
  if (reply !== null) response.message(reply);
  return response.toString();
}
