/** A webhook request as Twilio made it: the URL it called (and signed), its headers and its form body. */
export interface TwilioRequest {
  url: string;
  headers: Record<string, string | undefined>;
  /** application/x-www-form-urlencoded, as sent. */
  body: string;
}

/** What Twilio's webhook tells us: a message to us, or how a message we sent fared. */
export type TwilioWebhook =
  | { kind: 'message'; message: { from: string; body: string; messageSid: string } }
  | { kind: 'status'; outboxId: string; messageStatus: string }
  /** Nothing to act on (a status report of no outbox message, a message without its sender). */
  | { kind: 'none' };

/** The form fields of a request; every value a string, a repeated field its last value. */
export const formFields = (request: TwilioRequest): Record<string, string> => Object.fromEntries(new URLSearchParams(request.body));

/** A header by its name in any case: Twilio writes X-Twilio-Signature, API Gateway lower-cases it. */
export function headerOf(request: TwilioRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** Where Twilio is asked to report how an outbox message fared: read back by `readTwilioWebhook`. */
export const statusCallbackUrl = (publicUrl: string, outboxId: string) => `${publicUrl}/sms/status?outbox=${encodeURIComponent(outboxId)}`;

/**
 * Reads the inbound-message webhook (POST /sms/twilio) and the status callback the outbox sender
 * asks for (POST /sms/status?outbox=<id>, `statusCallbackUrl`).
 */
export function readTwilioWebhook(request: TwilioRequest): TwilioWebhook {
  const url = new URL(request.url);
  const fields = formFields(request);
  if (url.pathname.endsWith('/sms/status')) {
    const outboxId = url.searchParams.get('outbox');
    return outboxId && fields.MessageStatus ? { kind: 'status', outboxId, messageStatus: fields.MessageStatus } : { kind: 'none' };
  }
  if (!fields.From || !fields.MessageSid) return { kind: 'none' };
  return { kind: 'message', message: { from: fields.From, body: fields.Body ?? '', messageSid: fields.MessageSid } };
}
