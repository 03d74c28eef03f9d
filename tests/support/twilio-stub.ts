import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubReply {
  status: number;
  body: Record<string, unknown>;
  /** Answer this late (to make the sender time out). */
  delayMs?: number;
  /** Headers beyond the content type (a 429's Retry-After). */
  headers?: Record<string, string>;
}

/** What the sender asked of the stub, beyond the form it posted. */
export interface StubCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** A loopback stand-in for Twilio's Messages API: records what it is asked to send, answers as scripted. */
export async function startTwilioStub() {
  const requests: Record<string, string>[] = [];
  const calls: StubCall[] = [];
  const script: StubReply[] = [];
  let count = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push(Object.fromEntries(new URLSearchParams(body)));
      calls.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
      });
      const reply = script.shift() ?? { status: 201, body: { sid: `SM${String(++count).padStart(32, '0')}`, status: 'queued' } };
      setTimeout(() => {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(JSON.stringify(reply.body));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));

  return {
    /** Where the gateway sends instead of https://api.twilio.com (its `apiBaseUrl`). */
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    calls,
    /** The next replies, in order; afterwards every request succeeds. */
    answer: (...replies: StubReply[]) => script.push(...replies),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export const twilioError = (status: number, code: number, message: string): StubReply => ({
  status,
  body: { code, message, status, more_info: `https://www.twilio.com/docs/errors/${code}` },
});
