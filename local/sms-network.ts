import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_ACCOUNT_SID, LOCAL_SERVICE_NUMBER } from './twilio-webhook-request.js';

/** A text a phone received, as the simulator shows it. */
export interface ReceivedSms {
  sid: string;
  body: string;
  receivedAt: string;
}

/** A phone's latest texts are kept, in memory: enough for any pane, bounded however long the server runs. */
const KEPT_PER_PHONE = 100;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

/**
 * A loopback stand-in for Twilio's Messages API, for running without a Twilio account: the
 * notification sender sends to it exactly as to Twilio, and each message is kept for the phone it
 * was sent to (the simulator shows it there) and printed whole for the developer, pickup codes and
 * all, as nothing reaches a real phone.
 */
export async function startSmsNetwork(authToken: string) {
  const received = new Map<string, ReceivedSms[]>();
  const path = `/2010-04-01/Accounts/${LOCAL_ACCOUNT_SID}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${LOCAL_ACCOUNT_SID}:${authToken}`).toString('base64')}`;

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || request.url !== path) return send(response, 404, { code: 20404, message: 'Not Found', status: 404 });
    if (request.headers.authorization !== authorization) return send(response, 401, { code: 20003, message: 'Authenticate', status: 401 });
    const form = await readForm(request);
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    const sms: ReceivedSms = { sid: `SM${randomBytes(16).toString('hex')}`, body, receivedAt: new Date().toISOString() };
    received.set(to, [...(received.get(to) ?? []), sms].slice(-KEPT_PER_PHONE));
    console.log(
      JSON.stringify({
        level: 'info',
        message: 'SMS not sent (no Twilio credentials): shown in the simulator',
        at: sms.receivedAt,
        to,
        body,
      }),
    );
    send(response, 201, { sid: sms.sid, status: 'queued', to, from: form.get('From'), body });
  };
  const server = createServer((request, response) => {
    serve(request, response).catch(() => send(response, 400, { code: 21602, message: 'Bad request', status: 400 }));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The TWILIO_* settings that make the notification sender send here. */
    environment: { TWILIO_ACCOUNT_SID: LOCAL_ACCOUNT_SID, TWILIO_FROM: LOCAL_SERVICE_NUMBER, TWILIO_API_BASE_URL: baseUrl },
    /** What a phone was sent, oldest first. */
    receivedBy: (phone: string): ReceivedSms[] => received.get(phone) ?? [],
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export type SmsNetwork = Awaited<ReturnType<typeof startSmsNetwork>>;
