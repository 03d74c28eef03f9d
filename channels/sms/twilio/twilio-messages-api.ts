import { retryAfterMs } from '../send-pace.js';
import { PermanentSendError, SlowDownError, type SmsGateway } from '../sms-gateway.js';

/** Twilio's answers that no retry changes: unsubscribed (21610), invalid or unreachable numbers, blocked regions. */
const PERMANENT_TWILIO_CODES = new Set([21211, 21408, 21610, 21612, 21614, 30003, 30004, 30005, 30006]);

/** Twilio's error body: `{ code, message, more_info, status }`; anything else is only an HTTP status. */
async function twilioError(response: Response): Promise<{ code: number | undefined; message: string }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return {
      code: typeof body.code === 'number' ? body.code : undefined,
      message: typeof body.message === 'string' ? body.message : `HTTP ${response.status}`,
    };
  } catch {
    return { code: undefined, message: `HTTP ${response.status}` };
  }
}

/**
 * Sends with one POST to Twilio's Messages API: a single request does not need the twilio REST
 * client, which is most of a bundle (megabytes). `apiBaseUrl` points it elsewhere (a test's stand-in).
 */
export function twilioGateway(options: {
  accountSid: string;
  authToken: string;
  from: string;
  apiBaseUrl?: string;
  timeoutMs?: number;
}): SmsGateway {
  const base = (options.apiBaseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  // A bounded wait: a hung request must not outlast the queue message's visibility.
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async send({ to, body, statusCallback }) {
      const form = new URLSearchParams({ To: to, From: options.from, Body: body });
      if (statusCallback) form.set('StatusCallback', statusCallback);
      // A network failure or the timeout throws from here: transient, like any answer below that is not final.
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.ok) {
        const message = (await response.json()) as { sid?: unknown };
        if (typeof message.sid !== 'string') throw new Error(`twilio ${response.status}: no message sid in the answer`);
        return { providerId: message.sid };
      }
      // Only answers about the recipient are final; a 401 or 404 (wrong credentials) is ours to fix, then retry.
      const { code, message } = await twilioError(response);
      const description = `twilio ${response.status} ${code ?? ''}: ${message}`;
      if (code !== undefined && PERMANENT_TWILIO_CODES.has(code)) throw new PermanentSendError(description);
      if (response.status === 429) throw new SlowDownError(description, retryAfterMs(response.headers.get('retry-after'), Date.now()));
      throw new Error(description);
    },
  };
}
