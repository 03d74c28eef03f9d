import { randomUUID } from 'node:crypto';
import twilio from 'twilio';

export interface OutgoingSms {
  to: string;
  body: string;
  statusCallback?: string;
}

/** The carrier said no for good (opted out, not a mobile number): trying again cannot help. */
export class PermanentSendError extends Error {}

export interface SmsGateway {
  send(message: OutgoingSms): Promise<{ providerId: string }>;
}

/** Twilio's answers that no retry changes: unsubscribed (21610), invalid or unreachable numbers, blocked regions. */
const PERMANENT_TWILIO_CODES = new Set([21211, 21408, 21610, 21612, 21614, 30003, 30004, 30005, 30006]);

export function twilioGateway(options: { accountSid: string; authToken: string; from: string; client?: twilio.Twilio }): SmsGateway {
  // A bounded wait: a hung request must not outlast the sender's lease.
  const client = options.client ?? twilio(options.accountSid, options.authToken, { timeout: 15_000 });
  return {
    async send({ to, body, statusCallback }) {
      try {
        const message = await client.messages.create({ to, from: options.from, body, ...(statusCallback ? { statusCallback } : {}) });
        return { providerId: message.sid };
      } catch (error) {
        // Only answers about the recipient are final; a 401 or 404 (wrong credentials) is ours to fix, then retry.
        const { status, code } = error as { status?: number; code?: number };
        if (code !== undefined && PERMANENT_TWILIO_CODES.has(code)) {
          throw new PermanentSendError(`twilio ${status ?? ''} ${code}: ${(error as Error).message}`);
        }
        throw error;
      }
    },
  };
}

/** Without Twilio credentials (local development) messages are written to the log instead. */
export function loggingGateway(): SmsGateway {
  return {
    async send({ to, body }) {
      console.log(JSON.stringify({ level: 'info', message: 'SMS not sent (no Twilio credentials)', to, body }));
      return { providerId: `logged-${randomUUID()}` };
    },
  };
}
