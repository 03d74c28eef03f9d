import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, type HttpApiHandler, serveWithLambda } from './lambda-http.js';

/** A local-only route (pages, the simulator's endpoints): true when it answered the request. */
export type LocalHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

interface Routes {
  /** Path -> the Lambda handler API Gateway would invoke for it. */
  lambdas: Record<string, { name: string; handler: HttpApiHandler }>;
  /** Tried first, in order, for requests made to this machine by its own name. */
  local: LocalHandler[];
  health: () => Promise<boolean>;
}

/**
 * A request addressed to 127.0.0.1 or localhost. One that reached the port through a tunnel
 * (PUBLIC_URL) names the tunnel's host, and gets no local page: they sign SMS for any phone and
 * show the demo keys.
 */
function addressedToThisMachine(request: IncomingMessage): boolean {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * A browser request from a page of another origin (a form posted by any web site, or one that
 * rebinds its name to this machine). The webhooks are called by servers, which send no Origin:
 * such a request gets 403, so that no page can act as a phone through the local secrets.
 */
function fromAnotherWebPage(request: IncomingMessage, ownOrigin: string): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin !== ownOrigin && origin !== ownOrigin.replace('127.0.0.1', 'localhost');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** One loopback port in front of the same Lambda handlers the cloud runs. Routes may be set after it listens. */
export async function startHttpServer(port: number): Promise<{ server: Server; url: string; route: (routes: Routes) => void }> {
  let routes: Routes | null = null;
  let ownOrigin = '';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const handle = async () => {
      if (!routes) return sendJson(response, 503, { error: 'starting' });
      if (addressedToThisMachine(request)) {
        for (const local of routes.local) if (await local(request, response, url)) return;
      }
      // A path parameter, as API Gateway routes /payments/mpesa/callback/{secret}.
      const lambda =
        routes.lambdas[path] ??
        (path.startsWith('/payments/mpesa/callback/') ? routes.lambdas['/payments/mpesa/callback/{secret}'] : undefined);
      if (lambda && lambda.name !== 'graphql' && fromAnotherWebPage(request, ownOrigin)) {
        return sendJson(response, 403, { error: 'webhooks take no requests from web pages' });
      }
      if (lambda) return serveWithLambda(lambda.handler, lambda.name, request, response);
      if (path === '/health' && request.method === 'GET') {
        const healthy = await routes.health();
        return sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
      }
      return sendJson(response, 404, { error: `no route for ${request.method} ${path}` });
    };
    handle().catch((error: unknown) => {
      if (error instanceof BodyTooLargeError && !response.headersSent) {
        // The body has been read to its end (readBody), so the caller receives this; the connection is closed after it.
        response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        response.end(JSON.stringify({ error: error.message }));
        return;
      }
      console.error(JSON.stringify({ level: 'error', path, error: String((error as Error)?.stack ?? error) }));
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const { port: actual } = server.address() as AddressInfo;
  ownOrigin = `http://127.0.0.1:${actual}`;
  return { server, url: ownOrigin, route: (next) => (routes = next) };
}
