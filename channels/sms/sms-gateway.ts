import { randomUUID } from 'node:crypto';

export interface OutgoingSms {
  to: string;
  body: string;
  statusCallback?: string;
}

/** The carrier said no for good (opted out, not a mobile number): trying again cannot help. */
export class PermanentSendError extends Error {}

/** The provider takes no more for now (HTTP 429): wait (at least `retryAfterMs`, when it says) and try again. */
export class SlowDownError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** Nothing can be sent from here at all (no credentials): the message is recorded as not sent, with this reason. */
export class CannotSendError extends Error {}

export interface SmsGateway {
  send(message: OutgoingSms): Promise<{ providerId: string }>;
}

/** Without Twilio credentials on Lambda: nothing is sent, and no text reaches the log. */
export function unconfiguredGateway(): SmsGateway {
  return {
    async send() {
      throw new CannotSendError('no Twilio credentials: the Twilio secret is missing or incomplete');
    },
  };
}

/**
 * Without Twilio credentials outside Lambda (a handler run on its own; `npm start` gives the sender a
 * local stand-in for Twilio instead): each message is printed whole for the developer, on one line
 * that says "SMS not sent". Lambda never writes a message's text.
 */
export function loggingGateway(): SmsGateway {
  return {
    async send({ to, body }) {
      console.log(JSON.stringify({ level: 'info', message: 'SMS not sent (no Twilio credentials)', to, body }));
      return { providerId: `logged-${randomUUID()}` };
    },
  };
}
