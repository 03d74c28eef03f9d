import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient.js';

export interface StubReply {
  status: number;
  body: Record<string, unknown>;
}

/** A loopback stand-in for Twilio's Messages API: records what it is asked to send, answers as scripted. */
export async function startTwilioStub() {
  const requests: Record<string, string>[] = [];
  const script: StubReply[] = [];
  let count = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push(Object.fromEntries(new URLSearchParams(body)));
      const reply = script.shift() ?? { status: 201, body: { sid: `SM${String(++count).padStart(32, '0')}`, status: 'queued' } };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Twilio's own HTTP client, pointed at the stub instead of api.twilio.com.
  class LoopbackClient extends RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+/, base) });
    }
  }
  const client = twilio('AC00000000000000000000000000000000', 'stub-token', { httpClient: new LoopbackClient() });

  return {
    client,
    requests,
    /** The next replies, in order; afterwards every request succeeds. */
    answer: (...replies: StubReply[]) => script.push(...replies),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export const twilioError = (status: number, code: number, message: string): StubReply => ({
  status,
  body: { code, message, status, more_info: `https://www.twilio.com/docs/errors/${code}` },
});
